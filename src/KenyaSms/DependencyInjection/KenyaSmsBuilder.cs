using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using KenyaSms.AfricasTalking;
using KenyaSms.Http;
using KenyaSms.Qserve;
using KenyaSms.Resilience;
using KenyaSms.Synqtel;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace KenyaSms.DependencyInjection;

/// <summary>
/// Adds providers. Each provider is registered once, whatever the number of calls: options (bound,
/// configured, validated at start-up), a named HttpClient through our resilience handler, the gateway
/// singleton, and its keyed <see cref="ISmsGateway"/>. A repeated call only adds its configure action.
/// </summary>
internal sealed class KenyaSmsBuilder : IKenyaSmsBuilder
{
    // Headers whose values may appear in the messages of IHttpClientFactory's default logger, should an application add it
    // back (AddDefaultLogger); every other value is redacted there. The SDK's own request log writes no header.
    private static readonly HashSet<string> LoggableHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Retry-After", "Date", "Accept",
    };

    // Computed once: the factory configures a client for every send, and Assembly.GetName() showed up in profiles.
    private static readonly ProductInfoHeaderValue UserAgent = new("KenyaSms", typeof(KenyaSmsBuilder).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly string _path;
    private readonly IConfiguration? _configuration;

    public KenyaSmsBuilder(IServiceCollection services, string path, IConfiguration? configuration)
    {
        Services = services;
        _path = path;
        _configuration = configuration;
    }

    public IServiceCollection Services { get; }

    /// <summary>The configuration section given to <c>AddKenyaSms(configuration)</c>, if any, and its path.</summary>
    public IConfiguration? Configuration => _configuration;

    public string Path => _path;

    public IKenyaSmsBuilder AddQserve(Action<QserveOptions>? configure = null)
    {
        IConfigurationSection? section = _configuration?.GetSection("Qserve");
        string path = _path + ":Qserve";
        AddProvider(QserveSmsGateway.ProviderName, QserveSmsGateway.HttpClientName, section, section is null ? null : o => section.Bind(o), configure,
            o => o.BaseAddress,
            () => new QserveOptionsValidator(path, section),
            sp => new QserveSmsGateway(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptionsMonitor<QserveOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<QserveSmsGateway>>(), sp.GetRequiredService<SmsTelemetry>(), Ledger.SendLedgerContext.From(sp),
                Policies.SendPolicies.From(sp, QserveSmsGateway.ProviderName, sp.GetRequiredService<IOptionsMonitor<QserveOptions>>().CurrentValue.MaxMessagesPerSecond)));
        return this;
    }

    public IKenyaSmsBuilder AddSynqtel(Action<SynqtelOptions>? configure = null)
    {
        IConfigurationSection? section = _configuration?.GetSection("Synqtel");
        string path = _path + ":Synqtel";
        AddProvider(SynqtelSmsGateway.ProviderName, SynqtelSmsGateway.HttpClientName, section, section is null ? null : o => section.Bind(o), configure,
            o => o.BaseAddress,
            () => new SynqtelOptionsValidator(path, section),
            sp => new SynqtelSmsGateway(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptionsMonitor<SynqtelOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SynqtelSmsGateway>>(), sp.GetRequiredService<SmsTelemetry>(), Ledger.SendLedgerContext.From(sp),
                Policies.SendPolicies.From(sp, SynqtelSmsGateway.ProviderName, sp.GetRequiredService<IOptionsMonitor<SynqtelOptions>>().CurrentValue.MaxMessagesPerSecond)));
        Services.TryAddSingleton<ISmsNumberLookup>(sp => sp.GetRequiredService<SynqtelSmsGateway>());
        return this;
    }

    public IKenyaSmsBuilder AddAfricasTalking(Action<AfricasTalkingOptions>? configure = null)
    {
        IConfigurationSection? section = _configuration?.GetSection("AfricasTalking");
        string path = _path + ":AfricasTalking";
        AddProvider(AfricasTalkingSmsGateway.ProviderName, AfricasTalkingSmsGateway.HttpClientName, section, section is null ? null : o => section.Bind(o), configure,
            o => o.EffectiveBaseAddress,
            () => new AfricasTalkingOptionsValidator(path, section),
            sp => new AfricasTalkingSmsGateway(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptionsMonitor<AfricasTalkingOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AfricasTalkingSmsGateway>>(), sp.GetRequiredService<SmsTelemetry>(), Ledger.SendLedgerContext.From(sp),
                Policies.SendPolicies.From(sp, AfricasTalkingSmsGateway.ProviderName, sp.GetRequiredService<IOptionsMonitor<AfricasTalkingOptions>>().CurrentValue.MaxMessagesPerSecond)));
        return this;
    }

    private void AddProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TGateway>(
        string name,
        string clientName,
        IConfigurationSection? section,
        Action<TOptions>? bind,
        Action<TOptions>? configure,
        Func<TOptions, Uri> baseAddress,
        Func<IValidateOptions<TOptions>> validator,
        Func<IServiceProvider, TGateway> create)
        where TOptions : class
        where TGateway : class, ISmsGateway
    {
        // Known by its registration record, not by the gateway type: AddFakeSmsGateway (KenyaSms.Testing), called first,
        // registers the gateway types itself, and the provider's options, validation and client must still be added.
        bool first = !Services.Any(d => d.ImplementationInstance is GatewayRegistration r && r.Name == name);
        OptionsBuilder<TOptions> options = Services.AddOptions<TOptions>();
        if (first && bind is not null && section is not null)
        {
            options.Configure(bind);
            Services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(new ConfigurationChangeTokenSource<TOptions>(section));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!first)
        {
            return;
        }

        options.ValidateOnStart();
        Services.AddSingleton(validator());
        Services.AddSingleton(new GatewayRegistration(name));
        // TryAdd: a gateway registered before (AddFakeSmsGateway called first) keeps its place, so the real one is never built.
        Services.TryAddSingleton(sp =>
        {
            // Without a host nothing validates at start-up: fail on the first resolve, not on the first send.
            _ = sp.GetRequiredService<IOptionsMonitor<KenyaSmsOptions>>().CurrentValue;
            _ = sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue;
            return create(sp);
        });
        Services.TryAddKeyedSingleton<ISmsGateway>(name, (sp, _) => sp.GetRequiredService<TGateway>());
        Services.AddSingleton(new GatewayClient(clientName));
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, SmsHandlerChainFilter>());
        Services.AddHttpClient(clientName, (sp, client) =>
            {
                Uri address = baseAddress(sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue);
                client.BaseAddress = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline's timeouts rule
                client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
            })
            .AddHttpMessageHandler(sp => new SmsResilienceHandler(name, sp.GetRequiredService<SmsResiliencePipelines>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("KenyaSms.Resilience")))
            // IHttpClientFactory's default request logging keeps raw header values (the API key) in its structured
            // state; the SDK's own logger writes no header at all (SmsHttpClientLogger).
            .RemoveAllLoggers()
            .AddLogger(sp => new SmsHttpClientLogger(name, sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("KenyaSms.Http")))
            .RedactLoggedHeaders(header => !LoggableHeaders.Contains(header));
    }
}
