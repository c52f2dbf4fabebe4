using System.CommandLine;
using KenyaSms.AfricasTalking;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;

namespace KenyaSms.Cli;

/// <summary>Options several commands share. Each command gets its own instances.</summary>
internal static class CommonOptions
{
    /// <summary>The name every output gives 254sms ("254sms (Qserve)"); <c>--provider</c> takes it for qserve.</summary>
    public const string Qserve254Sms = "254sms";

    /// <summary>
    /// <c>--provider synqtel|qserve|254sms|africastalking</c>: the gateway to use instead of the configured default or
    /// failover chain. The value is the provider key, lower case (<c>254sms</c> reads as <c>qserve</c>).
    /// </summary>
    /// <returns>The option.</returns>
    public static Option<string?> Provider() =>
        new Option<string?>("--provider", "-p")
        {
            Description = "The gateway to use: synqtel, qserve (or 254sms) or africastalking (default: KenyaSms:DefaultProvider, the failover chain, or the only one configured)",
            HelpName = "synqtel|qserve|254sms|africastalking",
            CustomParser = result => result.Tokens.Count == 0 ? null : ProviderKey(result.Tokens[^1].Value),
        }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, SynqtelSmsGateway.ProviderName, QserveSmsGateway.ProviderName, Qserve254Sms, AfricasTalkingSmsGateway.ProviderName);

    /// <summary>The provider key for a name as typed: lower case, <c>254sms</c> as <c>qserve</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The key.</returns>
    public static string ProviderKey(string name) =>
        name.Equals(Qserve254Sms, StringComparison.OrdinalIgnoreCase) ? QserveSmsGateway.ProviderName : name.ToLowerInvariant();

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
