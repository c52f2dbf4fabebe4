using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Tests.Infrastructure;

/// <summary>
/// Captures every log entry at every level (Trace included) with its state and scopes, for assertions and
/// secret scans. Use: <c>LoggerFactory.Create(b => b.AddProvider(p).SetMinimumLevel(LogLevel.Trace))</c>, or
/// <c>services.AddLogging(b => b.AddProvider(p).SetMinimumLevel(LogLevel.Trace))</c>.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly object _gate = new();
    private readonly List<CapturedLog> _entries = [];
    private readonly List<(Func<CapturedLog, bool> Match, TaskCompletionSource Waiter)> _waiters = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>A snapshot of the entries so far, in the order they were written.</summary>
    public IReadOnlyList<CapturedLog> Entries
    {
        get { lock (_gate) { return [.. _entries]; } }
    }

    /// <summary>
    /// Everything captured as one text: category, message, state values, scopes and exception text of every
    /// entry, one entry per line. Scan it for keys and phone numbers.
    /// </summary>
    public string AllText()
    {
        var text = new StringBuilder();
        foreach (CapturedLog entry in Entries)
        {
            text.Append(entry.Category).Append(" [").Append(entry.Level).Append("] ").Append(entry.EventId.Name).Append(": ").Append(entry.Message);
            foreach (KeyValuePair<string, string?> pair in entry.State)
            {
                text.Append(" | ").Append(pair.Key).Append('=').Append(pair.Value);
            }

            foreach (string scope in entry.Scopes)
            {
                text.Append(" | scope: ").Append(scope);
            }

            text.Append(' ').AppendLine(entry.ExceptionText);
        }

        return text.ToString();
    }

    /// <summary>Forgets the entries captured so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string? Invariant(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);

    // A scope's text and, when it is structured, its key/values too.
    private static string DescribeScope(object? scope)
    {
        string text = Invariant(scope) ?? string.Empty;
        if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            text += " {" + string.Join(", ", pairs.Select(p => $"{p.Key}={Invariant(p.Value)}")) + "}";
        }

        return text;
    }

    /// <summary>Completes when an entry matching <paramref name="match"/> has been written (already, or later).</summary>
    public Task WaitForAsync(Func<CapturedLog, bool> match)
    {
        lock (_gate)
        {
            if (_entries.Any(match))
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
            return waiter.Task;
        }
    }

    private void Add(CapturedLog entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(entry))
                {
                    _waiters[i].Waiter.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, string?>(p.Key, Invariant(p.Value))).ToList()
                : [];
            var scopes = new List<string>();
            owner._scopes.ForEachScope(static (scope, list) => list.Add(DescribeScope(scope)), scopes);
            string message = formatter is null ? Invariant(state) ?? string.Empty : formatter(state, exception);
            owner.Add(new CapturedLog(category, logLevel, eventId, message, exception, values, scopes));
        }
    }
}
