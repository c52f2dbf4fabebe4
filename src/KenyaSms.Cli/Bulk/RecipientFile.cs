using CsvHelper;

namespace KenyaSms.Cli.Bulk;

/// <summary>
/// A recipients CSV: a header row naming the columns, then one recipient a row. Commas, semicolons, tabs or pipes
/// (detected), quotes as in RFC 4180, a byte order mark. Rows that cannot be used are kept with the reason, never fatal.
/// </summary>
internal sealed class RecipientFile
{
    private RecipientFile(string path, IReadOnlyList<string> columns, List<CsvRow> rows)
    {
        Path = path;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The header's column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The data rows, in file order.</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>Reads the file and checks it has the phone column and every placeholder of the template.</summary>
    /// <param name="path">The full path.</param>
    /// <param name="phoneColumn">The column holding numbers.</param>
    /// <param name="template">The message template.</param>
    /// <param name="referenceColumn">The column of the client references (<c>--reference-column</c>), or null.</param>
    /// <returns>The file's rows.</returns>
    /// <exception cref="CliException">The file does not exist (exit 5), or has no header, or lacks a column the template or --phone-column names (exit 2).</exception>
    public static RecipientFile Read(string path, string phoneColumn, MessageTemplate template, string? referenceColumn = null)
    {
        using CsvInput input = CsvInput.Open(path, "name,phone");
        CsvReader csv = input.Reader;
        string[] header = input.Header;
        HashSet<long> malformed = input.Malformed;

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = header.Length - 1; i >= 0; i--)
        {
            columns[header[i]] = i;
        }

        if (!columns.ContainsKey(phoneColumn))
        {
            throw new CliException(ExitCodes.BadInput,
                $"The CSV file has no '{phoneColumn}' column for the phone numbers (--phone-column names it). Its columns: {string.Join(", ", header)}.");
        }

        if (referenceColumn is not null && !columns.ContainsKey(referenceColumn))
        {
            throw new CliException(ExitCodes.BadInput,
                $"The CSV file has no '{referenceColumn}' column for the client references (--reference-column names it). Its columns: {string.Join(", ", header)}.");
        }

        string[] missing = [.. template.Placeholders.Where(p => !columns.ContainsKey(p))];
        if (missing.Length > 0)
        {
            throw new CliException(ExitCodes.BadInput,
                $"--template uses {string.Join(", ", missing.Select(m => "{" + m + "}"))}, but the CSV file has no such column. Its columns: {string.Join(", ", header)}.");
        }

        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            int line = (int)csv.LineNumber;
            string[] fields = [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)];
            string? problem = malformed.Contains(line) ? "malformed quotes"
                : fields.Length != header.Length ? $"expected {header.Length} fields, found {fields.Length}"
                : null;
            Dictionary<string, string> values = columns.ToDictionary(c => c.Key, c => c.Value < fields.Length ? fields[c.Value] : string.Empty, StringComparer.OrdinalIgnoreCase);
            string? reference = referenceColumn is null || values[referenceColumn].Length == 0 ? null : values[referenceColumn];
            rows.Add(new CsvRow(line, values[phoneColumn], values, problem) { Reference = reference });
        }

        return new RecipientFile(path, header, rows);
    }
}

/// <summary>One data row of the CSV.</summary>
/// <param name="Line">The line it starts on in the file (the header is line 1).</param>
/// <param name="Phone">The phone column's value as written.</param>
/// <param name="Values">Every column's value by name (case-insensitive).</param>
/// <param name="Problem">Why the row cannot be used as it is, or null.</param>
internal sealed record CsvRow(int Line, string Phone, IReadOnlyDictionary<string, string> Values, string? Problem)
{
    /// <summary>The <c>--reference-column</c> value, or null (no such option, or an empty cell).</summary>
    public string? Reference { get; init; }
}
