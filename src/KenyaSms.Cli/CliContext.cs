using System.Collections;

namespace KenyaSms.Cli;

/// <summary>
/// Everything a command touches outside itself: where it writes, the environment variables it reads
/// settings from, and the folder relative paths start from. Tests pass their own; <see cref="FromProcess"/>
/// is the real process.
/// </summary>
internal sealed class CliContext
{
    private const int RedirectedWidth = 200;

    public CliContext(IAnsiConsole output, IAnsiConsole error, IReadOnlyDictionary<string, string?> environment, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(currentDirectory);
        Out = output;
        Error = error;
        Environment = environment;
        CurrentDirectory = currentDirectory;
    }

    /// <summary>Results and reports (standard output).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Errors, warnings and --verbose logs (standard error).</summary>
    public IAnsiConsole Error { get; }

    /// <summary>Environment variables; <c>KenyaSms__Synqtel__ApiKey</c> and the like are settings.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The folder that relative paths and <c>kenyasms.json</c> are looked up in.</summary>
    public string CurrentDirectory { get; }

    /// <summary>The real console, environment and working folder.</summary>
    /// <returns>The context of this process.</returns>
    public static CliContext FromProcess()
    {
        var variables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }

        IAnsiConsole output = AnsiConsole.Console;
        IAnsiConsole error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsOutputRedirected)
        {
            // Into a file or a pipe: tables as wide as they need, not wrapped at 80 columns.
            output.Profile.Width = RedirectedWidth;
        }

        return new CliContext(output, error, variables, System.Environment.CurrentDirectory);
    }

    /// <summary>A path given on the command line, made absolute against <see cref="CurrentDirectory"/>.</summary>
    /// <param name="path">The path as typed.</param>
    /// <returns>The full path.</returns>
    public string FullPath(string path) => Path.GetFullPath(path, CurrentDirectory);
}
