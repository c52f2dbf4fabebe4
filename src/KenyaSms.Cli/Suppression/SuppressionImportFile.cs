using CsvHelper;
using KenyaSms.Cli.Bulk;
using KenyaSms.Policies;

namespace KenyaSms.Cli.Suppression;

/// <summary>
/// The CSV of <c>kenyasms suppress import</c>: a header row with a phone column (<c>phone</c>, <c>msisdn</c> or
/// <c>number</c>, any case, the first of these in that order) and an optional <c>reason</c> column, then one number a
/// row. Every row is checked before anything is written; one bad row and the import is refused, naming each bad row.
/// </summary>
internal static class SuppressionImportFile
{
    /// <summary>The column names that hold the numbers, in the order they are preferred.</summary>
    public static readonly string[] PhoneColumns = ["phone", "msisdn", "number"];

    public const string ReasonColumn = "reason";

    /// <summary>Bad rows listed before "... and N more".</summary>
    private const int MaxListedProblems = 20;

    /// <summary>Reads and checks the whole file.</summary>
    /// <param name="path">The full path.</param>
    /// <param name="defaultReason">The reason of a row without one (no reason column, or an empty cell).</param>
    /// <returns>The rows as (number, reason), in file order, and the phone column's name as the header spells it.</returns>
    /// <exception cref="CliException">The file does not exist (exit 5); it has no header, no phone column, no rows, or a bad row (exit 2; nothing is written).</exception>
    public static (List<(PhoneNumber Number, string Reason)> Rows, string PhoneColumn) Read(string path, string defaultReason)
    {
        using CsvInput input = CsvInput.Open(path, "phone,reason");
        CsvReader csv = input.Reader;
        string[] header = input.Header;
        HashSet<long> malformed = input.Malformed;

        int phone = -1;
        foreach (string name in PhoneColumns)
        {
            phone = Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (phone >= 0)
            {
                break;
            }
        }

        if (phone < 0)
        {
            throw new CliException(ExitCodes.BadInput,
                $"The CSV file has no phone column: name it {string.Join(", ", PhoneColumns)} (any case). Its columns: {string.Join(", ", header.Select(h => $"'{h}'"))}.");
        }

        int reason = Array.FindIndex(header, h => string.Equals(h, ReasonColumn, StringComparison.OrdinalIgnoreCase));
        var rows = new List<(PhoneNumber, string)>();
        var problems = new List<string>();
        int row = 0;
        while (csv.Read())
        {
            row++;
            long line = csv.LineNumber;
            string[] fields = [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)];
            string value = phone < fields.Length ? fields[phone] : string.Empty;
            string given = reason >= 0 && reason < fields.Length ? fields[reason] : string.Empty;
            string where = $"row {row} (line {line})";
            if (malformed.Contains(line) || fields.Length != header.Length)
            {
                problems.Add($"{where}: expected {header.Length} fields, found {fields.Length}{(malformed.Contains(line) ? " (malformed quotes)" : string.Empty)}");
            }
            else if (!PhoneNumber.TryParse(value, out PhoneNumber number))
            {
                problems.Add($"{where}: {Why(value)}");
            }
            else if (given.Length > SuppressionListRegistration.MaxReasonLength)
            {
                problems.Add($"{where}: the reason of '{value}' is {given.Length} characters long; at most {SuppressionListRegistration.MaxReasonLength} are kept");
            }
            else
            {
                rows.Add((number, string.IsNullOrWhiteSpace(given) ? defaultReason : given));
            }
        }

        if (problems.Count > 0)
        {
            string listed = string.Join(Environment.NewLine, problems.Take(MaxListedProblems).Select(p => "  " + p));
            string more = problems.Count > MaxListedProblems ? $"{Environment.NewLine}  ... and {problems.Count - MaxListedProblems} more" : string.Empty;
            throw new CliException(ExitCodes.BadInput,
                $"{problems.Count} of {row} rows of '{path}' cannot be imported, so nothing was written:{Environment.NewLine}{listed}{more}");
        }

        if (row == 0)
        {
            throw new CliException(ExitCodes.BadInput, $"The CSV file '{path}' has a header but no rows: nothing to import.");
        }

        return (rows, header[phone]);
    }

    // PhoneNumber.Parse's own message quotes the value and says why ("'12345' is not a Kenyan mobile number: wrong number of digits.").
    private static string Why(string value)
    {
        try
        {
            PhoneNumber.Parse(value);
            return $"'{value}' is not a Kenyan mobile number";
        }
        catch (FormatException e)
        {
            return e.Message.TrimEnd('.');
        }
    }
}
