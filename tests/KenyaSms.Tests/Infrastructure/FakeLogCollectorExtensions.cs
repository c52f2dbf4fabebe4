using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KenyaSms.Tests.Infrastructure;

/// <summary>
/// What the tests ask of Microsoft.Extensions.Diagnostics.Testing's <see cref="FakeLogCollector"/> beyond its own API:
/// one text of everything logged (for secret scans), a scope's text, and waiting for an entry.
/// Capture every level with <c>services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace))</c>.
/// </summary>
public static class FakeLogCollectorExtensions
{
    /// <summary>The active scopes, outermost first, each as its ToString() and, when structured, its key/values.</summary>
    public static IReadOnlyList<string> ScopeTexts(this FakeLogRecord record) => [.. record.Scopes.Select(DescribeScope)];

    /// <summary>
    /// Everything captured as one text: category, message, state values, scopes and exception text of every
    /// entry, one entry per line. Scan it for keys and phone numbers.
    /// </summary>
    public static string AllText(this FakeLogCollector logs)
    {
        var text = new StringBuilder();
        foreach (FakeLogRecord entry in logs.GetSnapshot())
        {
            text.Append(entry.Category).Append(" [").Append(entry.Level).Append("] ").Append(entry.Id.Name).Append(": ").Append(entry.Message);
            foreach (KeyValuePair<string, string?> pair in StateText(entry))
            {
                text.Append(" | ").Append(pair.Key).Append('=').Append(pair.Value);
            }

            foreach (string scope in entry.ScopeTexts())
            {
                text.Append(" | scope: ").Append(scope);
            }

            text.Append(' ').AppendLine(entry.Exception?.ToString());
        }

        return text.ToString();
    }

    /// <summary>Completes when an entry matching <paramref name="match"/> has been written (already, or later).</summary>
    public static async Task WaitForAsync(this FakeLogCollector logs, Func<FakeLogRecord, bool> match, CancellationToken cancellationToken = default)
    {
        // GetLogsAsync yields the records written so far, then each new one as it is written.
        await foreach (FakeLogRecord record in logs.GetLogsAsync(cancellationToken))
        {
            if (match(record))
            {
                return;
            }
        }
    }

    // The state's values as FakeLogRecord.StructuredState renders them (a header's string[] as its values), every entry's.
    private static IEnumerable<KeyValuePair<string, string?>> StateText(FakeLogRecord entry) => entry.StructuredState ?? [];

    private static string? Invariant(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);

    private static string DescribeScope(object? scope)
    {
        string text = Invariant(scope) ?? string.Empty;
        if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            text += " {" + string.Join(", ", pairs.Select(p => $"{p.Key}={Invariant(p.Value)}")) + "}";
        }

        return text;
    }
}
