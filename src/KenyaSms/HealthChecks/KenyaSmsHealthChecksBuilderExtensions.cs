using KenyaSms;
using KenyaSms.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the KenyaSms health check to a health-checks builder.</summary>
public static class KenyaSmsHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that reads each provider's balance (cached): Healthy with the balances in its data, Degraded
    /// below <see cref="KenyaSmsHealthCheckOptions.DegradedBelowCredits"/>, <paramref name="failureStatus"/>
    /// (default Unhealthy) when credentials are refused or a provider cannot be reached.
    /// </summary>
    /// <param name="builder">The health-checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="configure">Sets the provider, threshold and cache duration.</param>
    /// <param name="name">The check's name. Default <c>"kenyasms"</c>.</param>
    /// <param name="failureStatus">The status for refused credentials or an unreachable provider. Default Unhealthy.</param>
    /// <param name="tags">Tags to filter checks by (e.g. "ready").</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddKenyaSmsHealthCheck(
        this IHealthChecksBuilder builder,
        Action<KenyaSmsHealthCheckOptions>? configure = null,
        string name = "kenyasms",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        Throw.IfNull(builder);
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
            new KenyaSmsHealthCheck(sp.GetRequiredService<ISmsGatewayFactory>(), options, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => sp.GetRequiredKeyedService<KenyaSmsHealthCheck>(key),
            failureStatus,
            tags));
    }
}
