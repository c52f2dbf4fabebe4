using System.CommandLine;
using KenyaSms.AfricasTalking;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;

namespace KenyaSms.Cli;

/// <summary>Options several commands share. Each command gets its own instances.</summary>
internal static class CommonOptions
{
    /// <summary><c>--provider synqtel|qserve|africastalking</c>: the gateway to use instead of the configured default or failover chain.</summary>
    /// <returns>The option.</returns>
    public static Option<string?> Provider() =>
        new Option<string?>("--provider", "-p")
        {
            Description = "The gateway to use: synqtel, qserve or africastalking (default: KenyaSms:DefaultProvider, the failover chain, or the only one configured)",
            HelpName = "synqtel|qserve|africastalking",
        }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, SynqtelSmsGateway.ProviderName, QserveSmsGateway.ProviderName, AfricasTalkingSmsGateway.ProviderName);

    /// <summary><c>--config file.json</c>: settings with the library's keys (default: kenyasms.json in the current folder, if any).</summary>
    /// <returns>The option.</returns>
    public static Option<string?> Config() =>
        new("--config", "-c")
        {
            Description = "A JSON settings file with a \"KenyaSms\" section, as in appsettings.json (default: ./kenyasms.json if present). Environment variables such as KenyaSms__Synqtel__ApiKey override it",
            HelpName = "file",
        };

    /// <summary><c>--verbose</c>: the library's log lines and, on failure, the stack trace, on standard error.</summary>
    /// <returns>The option, available on every command.</returns>
    public static Option<bool> Verbose() =>
        new("--verbose", "-v")
        {
            Description = "Show the library's log lines (numbers masked, never keys) and stack traces on standard error",
            Recursive = true,
        };
}
