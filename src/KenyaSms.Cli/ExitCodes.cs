namespace KenyaSms.Cli;

/// <summary>The process exit codes of <c>kenyasms</c>; listed in <c>--help</c> and the README.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked (every recipient accepted).</summary>
    public const int Ok = 0;

    /// <summary>A send was partly rejected or failed: some recipients (or CSV rows) were not accepted.</summary>
    public const int PartlyFailed = 1;

    /// <summary>Bad input or usage: unknown option, invalid number, too-long text, template placeholder missing from the CSV.</summary>
    public const int BadInput = 2;

    /// <summary>Configuration or credentials: missing or invalid settings, the provider refused the credentials.</summary>
    public const int Configuration = 3;

    /// <summary>The gateway or the network failed: timeout, connection refused, provider error, no credits.</summary>
    public const int Gateway = 4;

    /// <summary>A file named on the command line does not exist.</summary>
    public const int MissingFile = 5;

    /// <summary>A database (the suppression list's SQLite file or PostgreSQL server) could not be reached or refused the operation.</summary>
    public const int Database = 6;

    /// <summary>Something unexpected (a bug): run again with <c>--verbose</c> for the stack trace.</summary>
    public const int Unexpected = 10;

    /// <summary>Cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>The text <c>--help</c> shows.</summary>
    public const string Help = """
        Exit codes: 0 ok; 1 some recipients or rows not accepted; 2 bad input or usage; 3 configuration or credentials;
        4 gateway or network failure; 5 missing file; 6 database error; 10 unexpected error; 130 cancelled (Ctrl+C).
        'suppress check': 0 the number is suppressed, 1 it is not.
        """;
}
