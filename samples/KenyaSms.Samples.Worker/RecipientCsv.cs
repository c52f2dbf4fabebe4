using System.Globalization;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Samples.Worker;

/// <summary>One row of recipients.csv.</summary>
public sealed record Recipient(int Line, string Name, string Phone, decimal Balance);

/// <summary>Reads name,phone,balance rows (quotes allowed); a bad row is logged and skipped, never fatal.</summary>
public static partial class RecipientCsv
{
    /// <param name="path">Where the file is read from (beside the app).</param>
    /// <param name="shownName">How warnings name it: the file as configured (recipients.csv), not a path under bin/.</param>
    /// <param name="logger">Where bad rows are reported.</param>
    public static List<Recipient> Read(string path, string shownName, ILogger logger)
    {
        var recipients = new List<Recipient>();
        int line = 0;
        foreach (string raw in File.ReadLines(path))
        {
            line++;
            if (line == 1 || string.IsNullOrWhiteSpace(raw))
            {
                continue; // header, blank
            }

            List<string> fields = Split(raw);
            if (fields.Count != 3 || string.IsNullOrWhiteSpace(fields[0]) || string.IsNullOrWhiteSpace(fields[1])
                || !decimal.TryParse(fields[2], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal balance))
            {
                BadRow(logger, shownName, line, "expected name,phone,balance");
                continue;
            }

            recipients.Add(new Recipient(line, fields[0].Trim(), fields[1].Trim(), balance));
        }

        return recipients;
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }

    [LoggerMessage(1, LogLevel.Warning, "{File} line {Line} skipped: {Reason}")]
    private static partial void BadRow(ILogger logger, string file, int line, string reason);
}
