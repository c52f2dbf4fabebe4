using System.Diagnostics.CodeAnalysis;
using KenyaSms.Sending;
using Microsoft.Extensions.Configuration;

namespace KenyaSms.DependencyInjection;

/// <summary>
/// Checks shared by the options validators. Every message names the setting's configuration path
/// (e.g. <c>KenyaSms:Synqtel:ApiKey</c>) and never echoes a secret's value.
/// </summary>
internal static class OptionsChecks
{
    /// <summary>Adds "is required" when <paramref name="value"/> is missing or blank; true when it is set.</summary>
    public static bool Required([NotNullWhen(true)] string? value, string path, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{path} is required.");
            return false;
        }

        return true;
    }

    /// <summary>A secret must be set and be a single header-safe token; its value is never quoted.</summary>
    public static void Secret(string? value, string path, List<string> failures)
    {
        if (Required(value, path, failures) && value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            failures.Add($"{path} contains white space or control characters (value not shown).");
        }
    }

    public static void SenderId(string? value, string path, List<string> failures)
    {
        if (Required(value, path, failures) && SenderIdRules.Problem(value) is { } problem)
        {
            failures.Add($"{path} '{value}' is not a valid sender ID: {problem}.");
        }
    }

    /// <summary>An absolute URI; plain http only to a loopback host (a local simulator), never to the internet.</summary>
    public static void BaseAddress(Uri? value, string path, List<string> failures)
    {
        if (value is null || !value.IsAbsoluteUri)
        {
            failures.Add($"{path} must be an absolute URI.");
        }
        else if (value.Scheme == Uri.UriSchemeHttp && !value.IsLoopback)
        {
            failures.Add($"{path} uses plain http to '{value.Host}': credentials would travel unencrypted. Use https (plain http is allowed only for a loopback host).");
        }
        else if (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{path} must be an http(s) URI.");
        }
        else if (!string.IsNullOrEmpty(value.Query) || !string.IsNullOrEmpty(value.UserInfo))
        {
            failures.Add($"{path} must not contain a query string or user info.");
        }
    }

    public static void Range(int value, int min, int max, string path, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{path} must be between {min} and {max}; it is {value}.");
        }
    }

    /// <summary>A <c>MaxMessagesPerSecond</c>: unset, or a positive number of messages.</summary>
    public static void RatePerSecond(int? value, string path, List<string> failures)
    {
        if (value is <= 0)
        {
            failures.Add($"{path} must be at least 1 message per second, or left unset for no limit; it is {value}.");
        }
    }

    public static void Range(TimeSpan value, TimeSpan min, TimeSpan max, string path, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{path} must be between {min} and {max}; it is {value}.{DaysHint(value)}");
        }
    }

    // "AttemptTimeout": "10" is ten days to TimeSpan's parser, never what anyone meant: say so, and how to write it.
    private static string DaysHint(TimeSpan value) =>
        value >= TimeSpan.FromDays(1) && value.Ticks % TimeSpan.TicksPerDay == 0 && value.Days <= 3600
            ? $" A plain number is read as days ({value.Days} days here): for {value.Days} seconds write {TimeSpan.FromSeconds(value.Days):c}."
            : string.Empty;

    /// <summary>Rejects keys in <paramref name="section"/> that are not settings (a misspelled "ApiKye" fails loudly).</summary>
    public static void UnknownKeys(IConfiguration? section, string path, IReadOnlyCollection<string> known, List<string> failures)
    {
        if (section is null)
        {
            return;
        }

        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{path}:{child.Key} is not a known setting. Known settings: {string.Join(", ", known)}.");
            }
        }
    }
}
