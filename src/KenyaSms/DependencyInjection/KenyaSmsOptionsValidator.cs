using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KenyaSms.DependencyInjection;

/// <summary>Validates the shared settings and the resilience rules of reliability.md at start-up.</summary>
internal sealed class KenyaSmsOptionsValidator : IValidateOptions<KenyaSmsOptions>
{
    private static readonly string[] RootKeys = ["DefaultProvider", "Failover", "Resilience", "Ledger", "Qserve", "Synqtel", "AfricasTalking", "SafeMode", "Suppression"];

    private static readonly string[] ResilienceKeys =
    [
        nameof(SmsResilienceOptions.MaxRetryAttempts), nameof(SmsResilienceOptions.BaseDelay), nameof(SmsResilienceOptions.AttemptTimeout),
        nameof(SmsResilienceOptions.TotalTimeout), nameof(SmsResilienceOptions.RetryAmbiguousSends), nameof(SmsResilienceOptions.CircuitBreakerFailureRatio),
        nameof(SmsResilienceOptions.CircuitBreakerMinimumThroughput), nameof(SmsResilienceOptions.CircuitBreakerSamplingDuration),
        nameof(SmsResilienceOptions.CircuitBreakerBreakDuration), nameof(SmsResilienceOptions.MaxConcurrentRequests), nameof(SmsResilienceOptions.MaxResponseBytes),
        nameof(SmsResilienceOptions.CancellationGracePeriod),
    ];

    private static readonly string[] SafeModeKeys = [nameof(SmsSafeModeOptions.Enabled), nameof(SmsSafeModeOptions.AllowedNumbers)];

    private static readonly string[] SuppressionKeys = [nameof(KenyaSms.Policies.SuppressionSettings.AutoSuppress)];

    private readonly string _path;
    private readonly IEnumerable<KenyaSmsSection> _sections;
    private readonly IEnumerable<GatewayRegistration> _registrations;

    /// <summary>One validator for every <c>AddKenyaSms</c> call: unknown keys are checked in each bound section, the rest once.</summary>
    public KenyaSmsOptionsValidator(IEnumerable<KenyaSmsSection> sections, IEnumerable<GatewayRegistration> registrations)
    {
        _sections = sections;
        _path = KenyaSmsSection.PathOf(sections, KenyaSmsServiceCollectionExtensions.DefaultSectionPath);
        _registrations = registrations;
    }

    public ValidateOptionsResult Validate(string? name, KenyaSmsOptions options)
    {
        var failures = new List<string>();
        foreach (KenyaSmsSection section in _sections.Where(s => s.Configuration is not null))
        {
            OptionsChecks.UnknownKeys(section.Configuration, section.Path, RootKeys, failures);
            OptionsChecks.UnknownKeys(section.Configuration!.GetSection("Resilience"), section.Path + ":Resilience", ResilienceKeys, failures);
            OptionsChecks.UnknownKeys(section.Configuration!.GetSection("SafeMode"), section.Path + ":SafeMode", SafeModeKeys, failures);
            OptionsChecks.UnknownKeys(section.Configuration!.GetSection("Suppression"), section.Path + ":Suppression", SuppressionKeys, failures);
        }

        string[] registered = [.. _registrations.Select(r => r.Name)];
        if (options.DefaultProvider is { } defaultProvider && !registered.Contains(defaultProvider, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{_path}:DefaultProvider '{defaultProvider}' is not a registered provider. Registered: {Known(registered)}.");
        }

        for (int i = 0; i < options.Failover.Count; i++)
        {
            string entry = options.Failover[i];
            if (!registered.Contains(entry, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{_path}:Failover:{i} '{entry}' is not a registered provider. Registered: {Known(registered)}.");
            }
            else if (options.Failover.Take(i).Contains(entry, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{_path}:Failover:{i} '{entry}' is listed twice.");
            }
        }

        ValidateResilience(options.Resilience, _path + ":Resilience", failures);
        ValidateSafeMode(options.SafeMode, _path + ":SafeMode", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateResilience(SmsResilienceOptions? r, string path, List<string> failures)
    {
        if (r is null)
        {
            failures.Add($"{path} is required.");
            return;
        }

        OptionsChecks.Range(r.MaxRetryAttempts, 0, 10, path + ":MaxRetryAttempts", failures);
        OptionsChecks.Range(r.BaseDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1), path + ":BaseDelay", failures);
        OptionsChecks.Range(r.AttemptTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10), path + ":AttemptTimeout", failures);
        OptionsChecks.Range(r.TotalTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), path + ":TotalTimeout", failures);
        OptionsChecks.Range(r.CancellationGracePeriod, TimeSpan.Zero, TimeSpan.FromMinutes(10), path + ":CancellationGracePeriod", failures);
        if (r.AttemptTimeout > r.TotalTimeout)
        {
            failures.Add($"{path}:AttemptTimeout ({r.AttemptTimeout}) must not exceed {path}:TotalTimeout ({r.TotalTimeout}).");
        }

        if (r.CircuitBreakerSamplingDuration < r.AttemptTimeout + r.AttemptTimeout || r.CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"{path}:CircuitBreakerSamplingDuration ({r.CircuitBreakerSamplingDuration}) must be at least twice {path}:AttemptTimeout ({r.AttemptTimeout}) and at least 00:00:00.5.");
        }

        if (r.CircuitBreakerFailureRatio is not (> 0 and <= 1))
        {
            failures.Add($"{path}:CircuitBreakerFailureRatio must be greater than 0 and at most 1; it is {r.CircuitBreakerFailureRatio}.");
        }

        OptionsChecks.Range(r.CircuitBreakerMinimumThroughput, 2, 100_000, path + ":CircuitBreakerMinimumThroughput", failures);
        OptionsChecks.Range(r.CircuitBreakerBreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1), path + ":CircuitBreakerBreakDuration", failures);
        OptionsChecks.Range(r.MaxConcurrentRequests, 1, 10_000, path + ":MaxConcurrentRequests", failures);
        OptionsChecks.Range(r.MaxResponseBytes, 1024, 64 * 1024 * 1024, path + ":MaxResponseBytes", failures);
    }

    // Every entry must be a Kenyan mobile number, enabled or not (a typo found in staging, not on the day it is switched on).
    private static void ValidateSafeMode(SmsSafeModeOptions? safeMode, string path, List<string> failures)
    {
        if (safeMode is null)
        {
            failures.Add($"{path} is required.");
            return;
        }

        for (int i = 0; i < safeMode.AllowedNumbers.Count; i++)
        {
            string? entry = safeMode.AllowedNumbers[i];
            if (!PhoneNumber.TryParse(entry, out _))
            {
                failures.Add($"{path}:AllowedNumbers:{i} '{KenyaSms.Telemetry.Redact.Phone(entry)}' is not a Kenyan mobile number (e.g. 0722123456 or +254722123456).");
            }
        }
    }

    private static string Known(string[] registered) => registered.Length == 0 ? "(none)" : string.Join(", ", registered);
}
