using CsvHelper;

namespace KenyaSms.Cli.Bulk;

/// <summary>
/// Opens an operator's CSV the one way every command reads one: a missing file is exit 5, a file without a header row
/// exit 2 (naming <c>example</c> columns), fields trimmed, and the lines with malformed quotes remembered so that each
/// command can say which row is broken.
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private CsvInput(CsvReader reader, string[] header, HashSet<long> malformed)
    {
        Reader = reader;
        Header = header;
        Malformed = malformed;
    }

    public CsvReader Reader { get; }

    public string[] Header { get; }

    /// <summary>The line numbers of records with malformed quotes (filled as the reader goes).</summary>
    public HashSet<long> Malformed { get; }

    /// <exception cref="CliException">The file does not exist (exit 5), or its first line names no column (exit 2).</exception>
    public static CsvInput Open(string path, string example)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.MissingFile, $"The CSV file '{path}' does not exist.");
        }

        var malformed = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            TrimWhitespace = true,
            TrackLineNumbers = true,
            OnMalformedRecord = record => malformed.Add(record.LineNumber),
        };
        CsvReader csv = CsvReader.FromFile(path, options);
        string[] header = [.. csv.Headers];
        if (header.All(string.IsNullOrWhiteSpace))
        {
            csv.Dispose();
            throw new CliException(ExitCodes.BadInput, $"The CSV file '{path}' is empty: its first line must name the columns, e.g. {example}.");
        }

        return new CsvInput(csv, header, malformed);
    }

    public void Dispose() => Reader.Dispose();
}
