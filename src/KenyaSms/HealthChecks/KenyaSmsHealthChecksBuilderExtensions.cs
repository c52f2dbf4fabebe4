using KenyaSms;
using KenyaSms.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the KenyaSms health check to a health-checks builder.</summary>
public static class KenyaSmsHealthChecksBuilderExtensions
{
    /// <summary>The check's timeout when none is given: 5 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adds a check that reads each provider's balance (cached): Healthy with the balances in its data, Degraded
    /// below <see cref="KenyaSmsHealthCheckOptions.DegradedBelowCredits"/>, <paramref name="failureStatus"/>
    /// (default Unhealthy) when credentials are refused or a provider cannot be reached. Providers are probed in
    /// parallel with one balance request each (never retried), so a down provider is reported within
    /// <paramref name="timeout"/>.
    /// </summary>
    /// <param name="builder">The health-checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="configure">Sets the provider, threshold and cache duration.</param>
    /// <param name="name">The check's name. Default <c>"kenyasms"</c>.</param>
    /// <param name="failureStatus">The status for refused credentials or an unreachable provider. Default Unhealthy.</param>
    /// <param name="tags">Tags to filter checks by (e.g. "ready").</param>
    /// <param name="timeout">
    /// How long the check may take, as <c>AddCheck</c>'s timeout. Default 5 seconds. Each provider's probe gets 90 % of
    /// it, so that a slow provider is reported by name (with the others' balances) rather than as a timeout of the whole check.
    /// </param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative threshold or cache duration, or a timeout that is not positive.</exception>
    public static IHealthChecksBuilder AddKenyaSmsHealthCheck(
        this IHealthChecksBuilder builder,
        Action<KenyaSmsHealthCheckOptions>? configure = null,
        string name = "kenyasms",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        Throw.IfNull(builder);
        TimeSpan limit = timeout ?? DefaultTimeout;
        if (limit <= TimeSpan.Zero && limit != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "The timeout must be positive (or Timeout.InfiniteTimeSpan).");
        }

        var options = new KenyaSmsHealthCheckOptions();
        configure?.Invoke(options);
        if (options.DegradedBelowCredits < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.DegradedBelowCredits, "DegradedBelowCredits must not be negative.");
        }

        if (options.CacheDuration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.CacheDuration, "CacheDuration must not be negative.");
        }

        // One instance per registration and container (a singleton the container owns), so its cache lives as long as
        // the app, and a second provider built from the same services gets its own check, not the first one's.
        string key = "KenyaSms.HealthCheck:" + name;
        builder.Services.AddKeyedSingleton(key, (sp, _) =>
            new KenyaSmsHealthCheck(sp.GetRequiredService<ISmsGatewayFactory>(), options, sp.GetService<TimeProvider>() ?? TimeProvider.System,
                limit == System.Threading.Timeout.InfiniteTimeSpan ? limit : TimeSpan.FromTicks(limit.Ticks / 10 * 9)));
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => sp.GetRequiredKeyedService<KenyaSmsHealthCheck>(key),
            failureStatus,
            tags,
            limit));
    }
}
