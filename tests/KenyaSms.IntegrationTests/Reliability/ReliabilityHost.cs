using KenyaSms.Qserve;
using KenyaSms.Simulator;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>Which gateway a logical send goes through.</summary>
public enum Route
{
    Synqtel,
    Qserve,

    /// <summary>The default gateway: the failover chain synqtel, then qserve.</summary>
    Failover,
}

/// <summary>
/// One simulator and the SDK registered against it as an application does (AddKenyaSms, both providers, the
/// failover chain synqtel -> qserve, the handlers the application adds: <see cref="ApplicationHandlers"/>), every
/// log line captured at Trace, each provider's HttpClient on a <see cref="SimulatorTransport"/>. Dispose it before
/// reading the ledger for the last time: once the simulator has stopped nothing more can arrive.
/// </summary>
public sealed class ReliabilityHost : IAsyncDisposable
{
    /// <summary>Numbers on the simulator's Do-Not-Disturb list: Synqtel refuses them per recipient (1012); 254sms has no such check.</summary>
    public static readonly string[] DndNumbers = ["0722000009", "0733000019", "0110000029"];

    private bool _disposed;

    private ReliabilityHost(SmsSimulator simulator, ServiceProvider services, FakeLogCollector logs, SimulatorTransport synqtel, SimulatorTransport qserve)
    {
        Sim = simulator;
        Services = services;
        Logs = logs;
        SynqtelTransport = synqtel;
        QserveTransport = qserve;
    }

    public SmsSimulator Sim { get; }

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs { get; }

    public SimulatorTransport SynqtelTransport { get; }

    public SimulatorTransport QserveTransport { get; }

    /// <summary>The simulator's API keys: no log line or exception may contain them.</summary>
    public IReadOnlyList<string> Secrets => [Sim.SynqtelApiKey, Sim.QserveApiKey];

    /// <param name="resilience">The resilience options (the host sets BaseDelay to 1 ms first).</param>
    /// <param name="synqtel">Adjusts the Synqtel options after the host's (address, key, sender).</param>
    /// <param name="qserve">Adjusts the 254sms options after the host's.</param>
    /// <param name="handlers">What the application adds around the SDK's HttpClients.</param>
    /// <param name="redirectTarget">Where a scripted redirect elsewhere points (see <see cref="SimulatorTransport"/>).</param>
    /// <param name="sdk">Adds to the SDK's registration after both providers (a send ledger, say).</param>
    public static async Task<ReliabilityHost> StartAsync(
        Action<SmsResilienceOptions> resilience,
        Action<SynqtelOptions>? synqtel = null,
        Action<QserveOptions>? qserve = null,
        ApplicationHandlers handlers = ApplicationHandlers.None,
        Uri? redirectTarget = null,
        Action<IKenyaSmsBuilder>? sdk = null)
    {
        var options = new SmsSimulatorOptions { QserveCredits = 100_000_000, SynqtelCredits = 100_000_000 };
        foreach (string number in DndNumbers)
        {
            options.DndNumbers.Add(number);
        }

        SmsSimulator sim = await SmsSimulator.StartAsync(options);
        var synqtelTransport = new SimulatorTransport(sim, SimulatorProvider.Synqtel, redirectTarget);
        var qserveTransport = new SimulatorTransport(sim, SimulatorProvider.Qserve, redirectTarget);
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        IKenyaSmsBuilder builder = services.AddKenyaSms(o =>
            {
                o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
                resilience(o.Resilience);
                o.Failover.Add(SynqtelSmsGateway.ProviderName);
                o.Failover.Add(QserveSmsGateway.ProviderName);
            })
            .AddSynqtel(o =>
            {
                o.BaseAddress = sim.SynqtelBaseAddress;
                o.ApiKey = sim.SynqtelApiKey;
                o.SenderName = "KenyaSms";
                synqtel?.Invoke(o);
            })
            .AddQserve(o =>
            {
                o.BaseAddress = sim.QserveBaseAddress;
                o.Username = sim.QserveUsername;
                o.ApiKey = sim.QserveApiKey;
                o.SenderId = "KenyaSms";
                qserve?.Invoke(o);
            });
        sdk?.Invoke(builder);
        services.AddHttpClient(SynqtelSmsGateway.HttpClientName).ConfigurePrimaryHttpMessageHandler(synqtelTransport.CreateHandler);
        services.AddHttpClient(QserveSmsGateway.HttpClientName).ConfigurePrimaryHttpMessageHandler(qserveTransport.CreateHandler);
        handlers.AddTo(services);
        ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ReliabilityHost(sim, provider, logs, synqtelTransport, qserveTransport);
    }

    public ISmsGateway Gateway(Route route) => route switch
    {
        Route.Synqtel => Services.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName),
        Route.Qserve => Services.GetRequiredKeyedService<ISmsGateway>(QserveSmsGateway.ProviderName),
        _ => Services.GetRequiredService<ISmsGateway>(),
    };

    public SimulatorTransport Transport(SimulatorProvider provider) => provider == SimulatorProvider.Synqtel ? SynqtelTransport : QserveTransport;

    /// <summary>Stops the SDK, then the simulator (requests still open are aborted); the ledger stays readable.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await Services.DisposeAsync();
            await Sim.DisposeAsync();
        }
    }
}
