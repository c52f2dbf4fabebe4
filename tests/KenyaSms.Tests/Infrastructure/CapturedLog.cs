using Microsoft.Extensions.Logging;

namespace KenyaSms.Tests.Infrastructure;

/// <summary>One log entry as written, with everything a secret could hide in.</summary>
/// <param name="Category">The logger category, e.g. "KenyaSms.Synqtel.SynqtelSmsGateway".</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id (and name).</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception, if any.</param>
/// <param name="State">The structured state's key/values (values as invariant strings), "{OriginalFormat}" included.</param>
/// <param name="Scopes">The active scopes, outermost first, each as its ToString() and key/values.</param>
public sealed record CapturedLog(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    Exception? Exception,
    IReadOnlyList<KeyValuePair<string, string?>> State,
    IReadOnlyList<string> Scopes)
{
    /// <summary>The exception's ToString() (type, message, inner exceptions, stack), or null.</summary>
    public string? ExceptionText { get; } = Exception?.ToString();

    /// <summary>A state value by key, or null.</summary>
    public string? Value(string key) => State.FirstOrDefault(p => p.Key == key).Value;
}
