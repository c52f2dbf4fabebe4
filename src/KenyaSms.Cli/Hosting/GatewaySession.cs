using KenyaSms.AfricasTalking;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.Cli.Hosting;

/// <summary>
/// The library registered as an application would register it (<c>AddKenyaSms(configuration.GetSection("KenyaSms"))</c>),
/// and the gateway a command uses: the <c>--provider</c> one, else the configured default or failover chain.
/// </summary>
internal sealed class GatewaySession : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private GatewaySession(ServiceProvider services, ISmsGatewayFactory factory)
    {
        _services = services;
        Factory = factory;
    }

    /// <summary>The configured providers by name.</summary>
    public ISmsGatewayFactory Factory { get; }

    /// <summary>Registers the library from the configuration; validates nothing yet.</summary>
    /// <param name="context">Where --verbose logs go, the environment and current folder.</param>
    /// <param name="configPath">The <c>--config</c> value, or null.</param>
    /// <param name="verbose">Whether to log the library's messages (numbers masked, never keys) to standard error.</param>
    /// <returns>The session; dispose it.</returns>
    public static GatewaySession Open(CliContext context, string? configPath, bool verbose)
    {
        IConfigurationRoot configuration = CliConfiguration.Load(context, configPath);
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            if (verbose)
            {
                logging.AddProvider(new ErrorConsoleLoggerProvider(context.Error)).SetMinimumLevel(LogLevel.Debug);
            }
        });
        services.AddKenyaSms(configuration.GetSection(CliConfiguration.SectionName));
        ServiceProvider provider = services.BuildServiceProvider();
        return new GatewaySession(provider, provider.GetRequiredService<ISmsGatewayFactory>());
    }

    /// <summary>Resolves the gateway to use; resolving checks its settings, as a host's start-up would.</summary>
    /// <param name="provider">The <c>--provider</c> value, or null for the configured default or failover chain.</param>
    /// <returns>The gateway and the providers it may use, in order.</returns>
    /// <exception cref="CliException">No provider is configured, the chosen one is not, or several are without a default (exit 3).</exception>
    /// <exception cref="OptionsValidationException">A setting is missing or invalid.</exception>
    public SelectedGateway Select(string? provider)
    {
        KenyaSmsOptions options = _services.GetRequiredService<IOptions<KenyaSmsOptions>>().Value;
        if (Factory.Names.Count == 0)
        {
            throw new CliException(ExitCodes.Configuration, NothingConfigured);
        }

        if (provider is not null)
        {
            string name = provider.ToLowerInvariant();
            if (!Factory.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new CliException(ExitCodes.Configuration,
                    $"The provider '{name}' is not configured (configured: {string.Join(", ", Factory.Names)}). Set its {CliConfiguration.SectionName}__{Section(name)}__... settings.");
            }

            return new SelectedGateway(Factory.Get(name), [name]);
        }

        if (options.Failover.Count == 0 && options.DefaultProvider is null && Factory.Names.Count > 1)
        {
            throw new CliException(ExitCodes.Configuration,
                $"Several providers are configured ({string.Join(", ", Factory.Names)}): choose one with --provider, or set {CliConfiguration.SectionName}__DefaultProvider.");
        }

        IEnumerable<string> chain = options.Failover.Count > 0 ? options.Failover
            : options.DefaultProvider is { } defaultProvider ? [defaultProvider]
            : Factory.Names;
        return new SelectedGateway(_services.GetRequiredService<ISmsGateway>(), [.. chain.Select(c => c.ToLowerInvariant())]);
    }

    /// <summary>The sender ID a provider uses when the message names none.</summary>
    /// <param name="provider">The provider key.</param>
    /// <returns>The configured default sender; empty for the provider's own (Africa's Talking without a SenderId).</returns>
    public string DefaultSender(string provider) => provider switch
    {
        QserveSmsGateway.ProviderName => _services.GetRequiredService<IOptions<QserveOptions>>().Value.SenderId,
        AfricasTalkingSmsGateway.ProviderName => _services.GetRequiredService<IOptions<AfricasTalkingOptions>>().Value.SenderId ?? string.Empty, // AT's own default sender
        _ => _services.GetRequiredService<IOptions<SynqtelOptions>>().Value.SenderName,
    };

    /// <summary>What a command prints as the sender when the message names none.</summary>
    /// <param name="provider">The provider key.</param>
    /// <returns>The configured default sender, or that the provider's own is used.</returns>
    public string DefaultSenderLabel(string provider) =>
        DefaultSender(provider) is { Length: > 0 } configured ? configured + " (configured default)" : "the provider's default sender";

    /// <summary>The most segments a text may have on every provider of <paramref name="chain"/>.</summary>
    /// <param name="chain">Provider keys.</param>
    /// <returns>The limit.</returns>
    public int MaxSegments(IEnumerable<string> chain) => chain.Min(p => p switch
    {
        QserveSmsGateway.ProviderName => _services.GetRequiredService<IOptions<QserveOptions>>().Value.MaxSegments,
        AfricasTalkingSmsGateway.ProviderName => _services.GetRequiredService<IOptions<AfricasTalkingOptions>>().Value.MaxSegments,
        _ => SynqtelSmsGateway.MaxSegments,
    });

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static string Section(string provider) =>
        provider.Equals(QserveSmsGateway.ProviderName, StringComparison.OrdinalIgnoreCase) ? "Qserve"
        : provider.Equals(AfricasTalkingSmsGateway.ProviderName, StringComparison.OrdinalIgnoreCase) ? "AfricasTalking"
        : "Synqtel";

    private const string NothingConfigured =
        "No SMS provider is configured. Set environment variables such as KenyaSms__Synqtel__ApiKey and KenyaSms__Synqtel__SenderName "
        + "(or KenyaSms__Qserve__Username and KenyaSms__Qserve__ApiKey), or put the same settings in kenyasms.json or the --config file.";
}

/// <summary>The gateway a command sends through, and the providers it may use in order (one, or a failover chain).</summary>
/// <param name="Gateway">The gateway.</param>
/// <param name="Chain">Provider keys, lower case.</param>
internal sealed record SelectedGateway(ISmsGateway Gateway, IReadOnlyList<string> Chain);
