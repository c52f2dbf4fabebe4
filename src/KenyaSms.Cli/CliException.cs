namespace KenyaSms.Cli;

/// <summary>A problem the tool itself detected, with the exit code it ends with and a message for the operator.</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code; see <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }
}
