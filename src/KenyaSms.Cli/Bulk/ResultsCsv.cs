using System.Globalization;
using CsvHelper;

namespace KenyaSms.Cli.Bulk;

/// <summary>
/// The results file of a bulk send: one line per input row, in file order, so that an operator can see what
/// happened to each recipient and resend only the rows whose <c>may_have_been_sent</c> is false.
/// </summary>
internal static class ResultsCsv
{
    /// <summary>The header, in order.</summary>
    public static readonly string[] Columns =
        ["line", "phone", "status", "message_id", "client_reference", "error", "code", "description", "may_have_been_sent"];

    /// <summary>Writes (or replaces) the file.</summary>
    /// <param name="path">The full path.</param>
    /// <param name="rows">The rows, in file order.</param>
    public static void Write(string path, IEnumerable<BulkRow> rows)
    {
        using CsvWriter csv = CsvWriter.ToFile(path, CsvWriterOptions.Default);
        csv.WriteHeader(Columns);
        foreach (BulkRow row in rows)
        {
            csv.WriteRecord(
            [
                row.Line.ToString(CultureInfo.InvariantCulture), row.ShownPhone, row.Outcome ?? string.Empty, row.MessageId ?? string.Empty,
                row.ClientReference ?? string.Empty, row.Error, row.Code ?? string.Empty, row.Description ?? string.Empty, row.MayHaveBeenSent ? "true" : "false",
            ]);
        }
    }

    /// <summary>The default results path: beside the input, named after it and the time, so no earlier results are replaced.</summary>
    /// <param name="csvPath">The input's full path.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The full path.</returns>
    public static string DefaultPath(string csvPath, DateTimeOffset now) =>
        Path.Combine(Path.GetDirectoryName(csvPath) ?? ".",
            $"{Path.GetFileNameWithoutExtension(csvPath)}-results-{now.ToLocalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv");
}
