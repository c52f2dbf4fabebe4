using System.Diagnostics.Metrics;
using KenyaSms;
using KenyaSms.DependencyInjection;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers KenyaSms gateways in a service collection.</summary>
public static class KenyaSmsServiceCollectionExtensions
{
    /// <summary>The configuration path used in validation messages when settings come from code.</summary>
    internal const string DefaultSectionPath = "KenyaSms";

    /// <summary>
    /// Registers KenyaSms from a configuration section (typically <c>configuration.GetSection("KenyaSms")</c>)
    /// and every provider whose section (<c>Qserve</c>, <c>Synqtel</c>, <c>AfricasTalking</c>) is present. Settings are validated at
    /// start-up; unknown keys are rejected.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section to bind.</param>
    /// <returns>A builder to add or configure providers.</returns>
    public static IKenyaSmsBuilder AddKenyaSms(this IServiceCollection services, IConfiguration configuration)
    {
        Throw.IfNull(services);
        Throw.IfNull(configuration);
        string path = configuration is IConfigurationSection { Path.Length: > 0 } section ? section.Path : DefaultSectionPath;
        KenyaSmsBuilder builder = AddKenyaSmsCore(services, path, configuration, o => configuration.Bind(o));
        if (configuration.GetSection("Qserve").Exists())
        {
            builder.AddQserve();
        }

        if (configuration.GetSection("Synqtel").Exists())
        {
            builder.AddSynqtel();
        }

        if (configuration.GetSection("AfricasTalking").Exists())
        {
            builder.AddAfricasTalking();
        }

        return builder;
    }

    /// <summary>Registers KenyaSms configured in code; add providers with the returned builder.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the shared settings.</param>
    /// <returns>A builder to add providers.</returns>
    public static IKenyaSmsBuilder AddKenyaSms(this IServiceCollection services, Action<KenyaSmsOptions>? configure = null)
    {
        Throw.IfNull(services);
        return AddKenyaSmsCore(services, DefaultSectionPath, null, configure);
    }

    private static KenyaSmsBuilder AddKenyaSmsCore(IServiceCollection services, string path, IConfiguration? configuration, Action<KenyaSmsOptions>? configure)
    {
        services.AddLogging();
        services.AddHttpClient();
        services.AddMetrics(); // the meter comes from the app's IMeterFactory, so listeners and tests can tell apps apart
        OptionsBuilder<KenyaSmsOptions> options = services.AddOptions<KenyaSmsOptions>();

        // Binding the same section again would append its Failover list a second time (and report every
        // problem twice): a repeated call with the same section path only returns a builder.
        bool bound = configuration is not null && services.Any(d => d.ImplementationInstance is KenyaSmsSection { Configuration: not null } s && s.Path == path);
        if (!bound)
        {
            services.AddSingleton(new KenyaSmsSection(path, configuration));
            if (configuration is not null)
            {
                // Reloadable configuration (appsettings.json with reloadOnChange, Azure App Configuration ...) reaches the
                // options monitor, and so the resilience pipelines (rebuilt) and the gateways (which read it per call).
                services.AddSingleton<IOptionsChangeTokenSource<KenyaSmsOptions>>(new ConfigurationChangeTokenSource<KenyaSmsOptions>(configuration));
            }

            if (configure is not null)
            {
                options.Configure(configure);
            }
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KenyaSmsOptions>, KenyaSmsOptionsValidator>(sp =>
            new KenyaSmsOptionsValidator(sp.GetServices<KenyaSmsSection>(), sp.GetServices<GatewayRegistration>())));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SmsTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<KenyaSms.Resilience.SmsResiliencePipelines>();
        services.TryAddSingleton<KenyaSms.Policies.SafeModeAllowlist>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, KenyaSms.Policies.SafeModeAllowlist>(sp => sp.GetRequiredService<KenyaSms.Policies.SafeModeAllowlist>()));
        services.TryAddSingleton<KenyaSms.Policies.ProviderRateLimiters>();
        services.AddOptions<KenyaSms.Policies.SuppressionSettings>();
        services.TryAddSingleton<ISmsGatewayFactory, SmsGatewayFactory>();
        services.TryAddSingleton(CreateDefaultGateway);
        return new KenyaSmsBuilder(services, path, configuration);
    }

    private static ISmsGateway CreateDefaultGateway(IServiceProvider services)
    {
        string path = KenyaSmsSection.PathOf(services.GetServices<KenyaSmsSection>(), DefaultSectionPath);
        KenyaSmsOptions options = services.GetRequiredService<IOptions<KenyaSmsOptions>>().Value;
        ISmsGatewayFactory factory = services.GetRequiredService<ISmsGatewayFactory>();
        if (options.Failover.Count > 0)
        {
            ISmsGateway[] chain = [.. options.Failover.Select(factory.Get)];
            return chain.Length == 1 ? chain[0] : new FailoverSmsGateway(chain, services.GetRequiredService<ILoggerFactory>().CreateLogger("KenyaSms.Failover"), services.GetRequiredService<SmsTelemetry>());
        }

        if (options.DefaultProvider is { } name)
        {
            return factory.Get(name);
        }

        return factory.Names.Count switch
        {
            1 => factory.Get(factory.Names.First()),
            0 => throw new InvalidOperationException("No SMS provider is registered. Call AddKenyaSms(...).AddQserve(), .AddSynqtel() or .AddAfricasTalking(), or add a Qserve, Synqtel or AfricasTalking configuration section."),
            _ => throw new InvalidOperationException(
                $"Several SMS providers are registered ({string.Join(", ", factory.Names)}): set {path}:DefaultProvider or {path}:Failover to choose, or inject [FromKeyedServices(\"name\")] ISmsGateway."),
        };
    }
}
