using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KenyaSms.HealthChecks;

/// <summary>
/// Healthy with each provider's balance in its data; Degraded below the configured credits; Unhealthy when a
/// provider refuses the credentials or cannot be reached. Providers are probed in parallel, once each (no retries),
/// each bounded by the probe timeout. Balances are cached so that frequent probes
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
    private readonly TimeSpan _probeTimeout;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Dictionary<string, (long At, SmsBalance? Balance, SmsGatewayException? Error)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public KenyaSmsHealthCheck(ISmsGatewayFactory gateways, KenyaSmsHealthCheckOptions options, TimeProvider time, TimeSpan probeTimeout)
    {
        _gateways = gateways;
        _options = options;
        _time = time;
        _probeTimeout = probeTimeout;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string[] providers = _options.Provider is { } one ? [one] : [.. _gateways.Names];
        if (providers.Length == 0)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "No SMS provider is registered.");
        }

        (SmsBalance? Balance, SmsGatewayException? Error)[] answers = await BalancesAsync(providers, cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        var low = new List<string>();
        for (int i = 0; i < providers.Length; i++)
        {
            string provider = providers[i];
            (SmsBalance? balance, SmsGatewayException? error) = answers[i];
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

    // Every provider whose cached answer is stale is probed at once, in parallel: a check takes as long as its slowest
    // provider (at most the probe timeout), not the sum of them.
    private async Task<(SmsBalance? Balance, SmsGatewayException? Error)[]> BalancesAsync(string[] providers, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var answers = new (SmsBalance? Balance, SmsGatewayException? Error)[providers.Length];
            var probes = new Task<(SmsBalance? Balance, SmsGatewayException? Error)>?[providers.Length];
            for (int i = 0; i < providers.Length; i++)
            {
                if (_cache.TryGetValue(providers[i], out var cached) && _time.GetElapsedTime(cached.At) < _options.CacheDuration)
                {
                    answers[i] = (cached.Balance, cached.Error);
                }
                else
                {
                    probes[i] = ProbeAsync(providers[i], cancellationToken);
                }
            }

            for (int i = 0; i < providers.Length; i++)
            {
                if (probes[i] is { } probe)
                {
                    answers[i] = await probe.ConfigureAwait(false);
                    _cache[providers[i]] = (_time.GetTimestamp(), answers[i].Balance, answers[i].Error);
                }
            }

            return answers;
        }
        finally
        {
            _refresh.Release();
        }
    }

    // One balance request without retries (a down provider is reported now, not after the send-style back-off), bounded
    // by the probe timeout.
    private async Task<(SmsBalance? Balance, SmsGatewayException? Error)> ProbeAsync(string provider, CancellationToken cancellationToken)
    {
        using var timedOut = new CancellationTokenSource();
        using ITimer timer = _time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), timedOut, _probeTimeout, Timeout.InfiniteTimeSpan);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timedOut.Token);
        try
        {
            ISmsGateway gateway = _gateways.Get(provider);
            SmsBalance balance = gateway is ISmsBalanceProbe probe
                ? await probe.ProbeBalanceAsync(linked.Token).ConfigureAwait(false)
                : await gateway.GetBalanceAsync(linked.Token).ConfigureAwait(false);
            return (balance, null);
        }
        catch (SmsGatewayException ex) when (!timedOut.IsCancellationRequested || cancellationToken.IsCancellationRequested)
        {
            return (null, ex);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SmsGatewayException && timedOut.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            string seconds = _probeTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return (null, new SmsGatewayException(provider, SmsErrorCode.Transport, $"{provider}: no balance answer within {seconds} s (the health check's probe timeout).", isTransient: true));
        }
    }
}
