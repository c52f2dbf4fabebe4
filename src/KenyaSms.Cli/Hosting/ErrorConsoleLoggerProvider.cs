using Microsoft.Extensions.Logging;

namespace KenyaSms.Cli.Hosting;

/// <summary>
/// --verbose: the library's log lines on standard error. The library masks phone numbers and never logs keys,
/// so these lines are as safe to share as its logs.
/// </summary>
internal sealed class ErrorConsoleLoggerProvider : ILoggerProvider
{
    private readonly IAnsiConsole _console;
    private readonly Lock _gate = new();

    public ErrorConsoleLoggerProvider(IAnsiConsole console) => _console = console;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            _console.Profile.Out.Writer.WriteLine(line);
        }
    }

    private sealed class Logger : ILogger
    {
        private readonly ErrorConsoleLoggerProvider _provider;
        private readonly string _category;

        public Logger(ErrorConsoleLoggerProvider provider, string category)
        {
            _provider = provider;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            string line = $"[{logLevel}] {_category}: {formatter(state, exception)}";
            _provider.Write(exception is null ? line : line + " (" + exception.GetType().Name + ": " + exception.Message + ")");
        }
    }
}
