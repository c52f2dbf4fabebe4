using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KenyaSms.HealthChecks;

/// <summary>
/// Healthy with each provider's balance in its data; Degraded below the configured credits; Unhealthy when a
/// provider refuses the credentials or cannot be reached. Balances are cached so that frequent probes
/// (a load balancer every few seconds) do not hammer the provider's balance endpoint.
/// </summary>
// The instance lives as long as the app (its cache is the point), and the health-check service would dispose a
// disposable check after each run; a SemaphoreSlim whose wait handle is never used holds nothing to release.
#pragma warning disable CA1001
internal sealed class KenyaSmsHealthCheck : IHealthCheck
#pragma warning restore CA1001
{
    private readonly ISmsGatewayFactory _gateways;
    private readonly KenyaSmsHealthCheckOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Dictionary<string, (long At, SmsBalance? Balance, SmsGatewayException? Error)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public KenyaSmsHealthCheck(ISmsGatewayFactory gateways, KenyaSmsHealthCheckOptions options, TimeProvider time)
    {
        _gateways = gateways;
        _options = options;
        _time = time;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string[] providers = _options.Provider is { } one ? [one] : [.. _gateways.Names];
        if (providers.Length == 0)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "No SMS provider is registered.");
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        var low = new List<string>();
        foreach (string provider in providers)
        {
            (SmsBalance? balance, SmsGatewayException? error) = await BalanceAsync(provider, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                data[provider + ".error"] = error.Error.ToString();
                problems.Add(error.Error is SmsErrorCode.InvalidCredentials or SmsErrorCode.CredentialsNotAllowedForDomain or SmsErrorCode.InvalidUserToken
                    ? $"{provider}: the credentials were refused ({error.Error})"
                    : $"{provider}: unreachable or failing ({error.Error})");
                continue;
            }

            data[provider + ".credits"] = balance!.Credits;
            if (balance.Currency is { } currency)
            {
                data[provider + ".currency"] = currency; // a money balance (Africa's Talking): the threshold is read in this currency
            }

            if (balance.Credits < _options.DegradedBelowCredits)
            {
                string left = balance.Currency is { } money
                    ? $"{money} {Amount(balance.Credits)} left"
                    : $"{Amount(balance.Credits)} credits left";
                low.Add($"{provider}: {left} (below {_options.DegradedBelowCredits.ToString(CultureInfo.InvariantCulture)})");
            }
        }

        if (problems.Count > 0)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, string.Join("; ", problems.Concat(low)), data: data);
        }

        return low.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", low), data: data)
            : HealthCheckResult.Healthy($"{string.Join(", ", providers)}: balance above {_options.DegradedBelowCredits.ToString(CultureInfo.InvariantCulture)} credits", data);
    }

    // 12.5, not the 12.5000 a provider's four decimals carry.
    private static string Amount(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private async Task<(SmsBalance? Balance, SmsGatewayException? Error)> BalanceAsync(string provider, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cache.TryGetValue(provider, out var cached) && _time.GetElapsedTime(cached.At) < _options.CacheDuration)
            {
                return (cached.Balance, cached.Error);
            }

            (SmsBalance? Balance, SmsGatewayException? Error) fresh;
            try
            {
                fresh = (await _gateways.Get(provider).GetBalanceAsync(cancellationToken).ConfigureAwait(false), null);
            }
            catch (SmsGatewayException ex)
            {
                fresh = (null, ex);
            }

            _cache[provider] = (_time.GetTimestamp(), fresh.Balance, fresh.Error);
            return fresh;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
