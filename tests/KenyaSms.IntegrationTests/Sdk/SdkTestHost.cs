using KenyaSms.AfricasTalking;
using KenyaSms.Qserve;
using KenyaSms.Simulator;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>What an <see cref="SdkTestHost"/> is built with; every part is optional.</summary>
public sealed class SdkSetup
{
    /// <summary>Adjusts the simulator (DND numbers, sender names, suspension, ...).</summary>
    public Action<SmsSimulatorOptions>? Simulator { get; set; }

    /// <summary>Adjusts the resilience options after the host's (BaseDelay 1 ms).</summary>
    public Action<SmsResilienceOptions>? Resilience { get; set; }

    /// <summary>Adjusts the shared options (safe mode, ...) after the host's.</summary>
    public Action<KenyaSmsOptions>? Options { get; set; }

    /// <summary>KenyaSmsOptions.Failover, e.g. <c>["synqtel", "qserve"]</c>; empty: no default gateway.</summary>
    public List<string> Failover { get; } = [];

    /// <summary>Registered as the SDK's <see cref="TimeProvider"/> when set (the simulator keeps the system clock).</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Adjusts the Qserve options after the host's (simulator address and credentials, sender).</summary>
    public Action<QserveOptions>? Qserve { get; set; }

    /// <summary>Adjusts the Synqtel options after the host's (simulator address and key, sender).</summary>
    public Action<SynqtelOptions>? Synqtel { get; set; }

    /// <summary>Adjusts the Africa's Talking options after the host's (simulator address, username and key, sender).</summary>
    public Action<AfricasTalkingOptions>? AfricasTalking { get; set; }

    /// <summary>A primary handler to put under the SDK's handlers for Synqtel instead of the default SocketsHttpHandler.</summary>
    public Func<HttpMessageHandler>? SynqtelPrimaryHandler { get; set; }

    /// <summary>More registrations (a health check, a suppression list) after the SDK's.</summary>
    public Action<IServiceCollection>? Services { get; set; }
}

/// <summary>
/// The SDK as an application registers it (<c>AddKenyaSms(...).AddQserve(...).AddSynqtel(...).AddAfricasTalking(...)</c>), every adapter
/// pointed at one in-process <see cref="SmsSimulator"/> over real HTTP, every SDK log line captured at Trace.
/// One per test; dispose it.
/// </summary>
public sealed class SdkTestHost : IAsyncDisposable
{
    /// <summary>The sender ID / sender name both adapters use.</summary>
    public const string Sender = "ACME";

    /// <summary>A number as a caller types it; E.164 <c>+254722310558</c>.</summary>
    public const string Number = "0722310558";

    /// <summary>A second number; E.164 <c>+254711222333</c>.</summary>
    public const string OtherNumber = "0711222333";

    /// <summary>A safety net against hangs only, never a timing assertion.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>The break duration of <see cref="SmallCircuit"/>.</summary>
    public static readonly TimeSpan CircuitBreak = TimeSpan.FromSeconds(5);

    private SdkTestHost(SmsSimulator sim, ServiceProvider services, FakeLogCollector logs)
    {
        Sim = sim;
        Services = services;
        Logs = logs;
    }

    public SmsSimulator Sim { get; }

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs { get; }

    public SimulatorLedger Ledger => Sim.Ledger;

    public SynqtelSmsGateway Synqtel => Services.GetRequiredService<SynqtelSmsGateway>();

    public QserveSmsGateway Qserve => Services.GetRequiredService<QserveSmsGateway>();

    public AfricasTalkingSmsGateway AfricasTalking => Services.GetRequiredService<AfricasTalkingSmsGateway>();

    /// <summary>The default gateway: the failover chain when <see cref="SdkSetup.Failover"/> names two providers.</summary>
    public ISmsGateway Default => Services.GetRequiredService<ISmsGateway>();

    /// <summary>How many retries the SDK logged (event 1006), i.e. attempts beyond the first.</summary>
    public int RetriesLogged => Logs.GetSnapshot().Count(e => e.Id.Id == 1006);

    public static async Task<SdkTestHost> StartAsync(Action<SdkSetup>? configure = null)
    {
        var setup = new SdkSetup();
        configure?.Invoke(setup);
        var simOptions = new SmsSimulatorOptions { DeliveryReportDelay = TimeSpan.Zero };
        setup.Simulator?.Invoke(simOptions);
        SmsSimulator sim = await SmsSimulator.StartAsync(simOptions);

        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        if (setup.Time is not null)
        {
            services.AddSingleton(setup.Time);
        }

        services.AddKenyaSms(o =>
            {
                o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
                setup.Resilience?.Invoke(o.Resilience);
                foreach (string name in setup.Failover)
                {
                    o.Failover.Add(name);
                }

                setup.Options?.Invoke(o);
            })
            .AddQserve(o =>
            {
                o.BaseAddress = sim.QserveBaseAddress;
                o.Username = sim.QserveUsername;
                o.ApiKey = sim.QserveApiKey;
                o.SenderId = Sender;
                setup.Qserve?.Invoke(o);
            })
            .AddSynqtel(o =>
            {
                o.BaseAddress = sim.SynqtelBaseAddress;
                o.ApiKey = sim.SynqtelApiKey;
                o.SenderName = Sender;
                setup.Synqtel?.Invoke(o);
            })
            .AddAfricasTalking(o =>
            {
                o.BaseAddress = sim.AfricasTalkingBaseAddress;
                o.Username = sim.AfricasTalkingUsername;
                o.ApiKey = sim.AfricasTalkingApiKey;
                o.SenderId = Sender;
                setup.AfricasTalking?.Invoke(o);
            });
        if (setup.SynqtelPrimaryHandler is { } primary)
        {
            services.AddHttpClient(SynqtelSmsGateway.HttpClientName).ConfigurePrimaryHttpMessageHandler(primary);
        }

        setup.Services?.Invoke(services);
        ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new SdkTestHost(sim, provider, logs);
    }

    /// <summary>A failover host: <c>Failover = ["synqtel", "qserve"]</c>.</summary>
    public static Task<SdkTestHost> StartFailoverAsync(Action<SdkSetup>? configure = null) => StartAsync(s =>
    {
        s.Failover.AddRange([SynqtelSmsGateway.ProviderName, QserveSmsGateway.ProviderName]);
        configure?.Invoke(s);
    });

    /// <summary>
    /// An attempt timeout for tests where the SDK must time out on a stall: 1.5 s, not less, because a cold test process
    /// on a loaded 2-core machine can take over 300 ms to connect, and an attempt that times out before its body went
    /// out is (rightly) retried, which breaks the stall tests' premise.
    /// </summary>
    public static void ShortAttempts(SmsResilienceOptions o) => o.AttemptTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// A simulator fault by name, for theory data: <c>abort</c>, <c>bad-gateway</c>, <c>stall</c>, <c>malformed-json</c>,
    /// <c>truncated-json</c>, <c>empty-body</c>, <c>html-200</c> (an HTML page with 200, after processing), <c>json-null</c>,
    /// <c>json-empty-array</c>, <c>json-wrong-shape</c> (likewise: 200 after processing), or an HTTP status
    /// such as <c>500</c> (the simulator's default: processed for 5xx but 503).
    /// </summary>
    public static SimulatorFault Fault(string name) => name switch
    {
        "abort" => SimulatorFault.AbortAfterReadingRequest(),
        "bad-gateway" => SimulatorFault.BadGateway(),
        "stall" => SimulatorFault.Stall(),
        "malformed-json" => SimulatorFault.MalformedJson(),
        "truncated-json" => SimulatorFault.TruncatedJson(),
        "empty-body" => SimulatorFault.EmptyBody(),
        "html-200" => SimulatorFault.Status(200, "<html><body>Welcome to nginx!</body></html>", "text/html").WithProcessed(true),
        "json-null" => SimulatorFault.Status(200, "null", "application/json").WithProcessed(true),
        "json-empty-array" => SimulatorFault.Status(200, "[]", "application/json").WithProcessed(true),
        "json-wrong-shape" => SimulatorFault.Status(200, """{"data":{"ok":true}}""", "application/json").WithProcessed(true),
        _ => SimulatorFault.Status(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture), "Gateway error"),
    };

    /// <summary>A provider's gateway and its simulator side, by the SDK's provider name.</summary>
    public (ISmsGateway Gateway, SimulatorProvider Provider) Target(string provider) => provider switch
    {
        SynqtelSmsGateway.ProviderName => (Synqtel, SimulatorProvider.Synqtel),
        QserveSmsGateway.ProviderName => (Qserve, SimulatorProvider.Qserve),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>Plays <paramref name="fault"/> on the next <paramref name="count"/> requests to a provider's endpoint; returns that provider's gateway.</summary>
    public ISmsGateway Inject(string provider, string endpoint, SimulatorFault fault, int count = 1)
    {
        (ISmsGateway gateway, SimulatorProvider side) = Target(provider);
        Sim.Faults.Inject(side, endpoint, fault, count);
        return gateway;
    }

    /// <summary>
    /// A circuit that opens after two failures out of two, for <see cref="CircuitBreak"/>, with no retries (so each
    /// call is one attempt); the sampling window follows the start-up rule (at least twice the attempt timeout).
    /// </summary>
    public static void SmallCircuit(SmsResilienceOptions o)
    {
        o.MaxRetryAttempts = 0;
        o.CircuitBreakerMinimumThroughput = 2;
        o.CircuitBreakerFailureRatio = 0.5;
        o.AttemptTimeout = TimeSpan.FromSeconds(5);
        o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(10);
        o.CircuitBreakerBreakDuration = CircuitBreak;
    }

    /// <summary><paramref name="count"/> distinct valid Safaricom numbers as callers type them: 0722000000, 0722000001, ...</summary>
    public static string[] Numbers(int count) => [.. Enumerable.Range(0, count).Select(i => "0722" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The E.164 form of a Kenyan number as the simulator's ledger holds it.</summary>
    public static string E164(string number) => PhoneNumber.Parse(number).E164;

    /// <summary>The messages one provider accepted.</summary>
    public IReadOnlyList<SimulatorMessage> MessagesOf(SimulatorProvider provider) => [.. Ledger.Messages.Where(m => m.Provider == provider)];

    /// <summary>The requests one provider read in full.</summary>
    public IReadOnlyList<SimulatorRequest> RequestsOf(SimulatorProvider provider) => [.. Ledger.Requests.Where(r => r.Provider == provider)];

    /// <summary>How many messages each request carried, smallest first (the chunk sizes of a batch).</summary>
    public int[] ChunkSizes()
    {
        IReadOnlyList<SimulatorMessage> messages = Ledger.Messages;
        return [.. Ledger.Requests.Select(r => messages.Count(m => m.RequestIndex == r.Index)).Order()];
    }

    /// <summary>Runs <paramref name="call"/> (bounded by <see cref="Guard"/>) and returns the <see cref="SmsGatewayException"/> it must throw.</summary>
    public static Task<SmsGatewayException> FailsAsync<T>(Func<Task<T>> call) =>
        Assert.ThrowsAsync<SmsGatewayException>(() => call().WaitAsync(Guard));

    /// <summary>Sends <paramref name="message"/> through <paramref name="gateway"/>, bounded by <see cref="Guard"/>.</summary>
    public static Task<SmsSendResult> SendAsync(ISmsGateway gateway, SmsMessage message, CancellationToken cancellationToken = default) =>
        gateway.SendAsync(message, cancellationToken).WaitAsync(Guard, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sim.DisposeAsync();
    }
}
