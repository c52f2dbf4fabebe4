using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Tests.Resilience;

/// <summary>What a <see cref="ResilienceTestHost"/> is built with; everything but the providers is optional.</summary>
internal sealed class HostSetup
{
    public static HostSetup For(params string[] providers)
    {
        var setup = new HostSetup();
        setup.Providers.AddRange(providers);
        return setup;
    }

    /// <summary>The providers to register; with two or more, <see cref="ResilienceTestHost.Gateway"/> is the failover chain in this order.</summary>
    public List<string> Providers { get; } = [];

    /// <summary>Adjusts the resilience options (the host first sets BaseDelay to 1 ms so retries cost nothing).</summary>
    public Action<SmsResilienceOptions>? Resilience { get; set; }

    /// <summary>Registered as the <see cref="TimeProvider"/> when set.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Per provider: a base address to use instead of its loopback server (e.g. <see cref="ClosedPort.Create"/>).</summary>
    public Dictionary<string, Uri> BaseAddresses { get; } = [];

    /// <summary>Per provider: a primary handler to put under the SDK's handlers instead of the default SocketsHttpHandler.</summary>
    public Dictionary<string, Func<HttpMessageHandler>> PrimaryHandlers { get; } = [];

    /// <summary>Adjusts the Qserve options after the host's (address, credentials, sender).</summary>
    public Action<QserveOptions>? Qserve { get; set; }

    /// <summary>Adjusts the Synqtel options after the host's (address, credentials, sender).</summary>
    public Action<SynqtelOptions>? Synqtel { get; set; }

    /// <summary>What the application registers before the SDK (its own handler-builder filters, say).</summary>
    public Action<IServiceCollection>? Before { get; set; }

    /// <summary>What the application adds to the SDK's builder (a ledger, a suppression list ...).</summary>
    public Action<IKenyaSmsBuilder>? Builder { get; set; }

    /// <summary>What the application adds besides the SDK (its own handlers, <c>ConfigureHttpClientDefaults</c> ...), after the SDK's registration.</summary>
    public Action<IServiceCollection>? Services { get; set; }
}

/// <summary>
/// The SDK as an application gets it (<c>AddKenyaSms(...).AddSynqtel(...)/.AddQserve(...)</c>), pointed at
/// real loopback servers, with every log line captured at Trace (IHttpClientFactory's logging included).
/// </summary>
internal sealed class ResilienceTestHost : IAsyncDisposable
{
    public const string QserveKey = "QSERVE-SECRET-KEY-123";

    /// <summary>A 64-character Synqtel API key.</summary>
    public const string SynqtelKey = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /// <summary>The first recipient, as a caller types it (E.164 +254722123456).</summary>
    public const string Number = "0722123456";

    /// <summary>The second recipient (E.164 +254711222333).</summary>
    public const string OtherNumber = "0711222333";

    public const string MessageText = "Habari, your code is ready";

    /// <summary>A safety net against hangs only, never a timing assertion.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, LoopbackServer> _servers;

    private ResilienceTestHost(ServiceProvider services, Dictionary<string, LoopbackServer> servers, FakeLogCollector logs, string first)
    {
        Services = services;
        _servers = servers;
        Logs = logs;
        Provider = first;
        Gateway = services.GetRequiredService<ISmsGateway>();
    }

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>The first provider's key.</summary>
    public string Provider { get; }

    /// <summary>The default gateway: the only provider, or the failover chain.</summary>
    public ISmsGateway Gateway { get; }

    /// <summary>The first provider's server.</summary>
    public LoopbackServer Server => _servers[Provider];

    public static Task<ResilienceTestHost> StartAsync(string provider, Action<SmsResilienceOptions>? resilience = null, TimeProvider? time = null)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.Resilience = resilience;
        setup.Time = time;
        return StartAsync(setup);
    }

    /// <summary>One provider whose requests go through <paramref name="primary"/> instead of a plain SocketsHttpHandler.</summary>
    public static Task<ResilienceTestHost> StartAsync(string provider, HttpMessageHandler primary, Action<SmsResilienceOptions>? resilience = null)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.Resilience = resilience;
        setup.PrimaryHandlers[provider] = () => primary;
        return StartAsync(setup);
    }

    public static async Task<ResilienceTestHost> StartAsync(HostSetup setup)
    {
        var servers = new Dictionary<string, LoopbackServer>();
        foreach (string provider in setup.Providers)
        {
            LoopbackServer server = await LoopbackServer.StartAsync();
            server.Fallback = r => ProviderReplies.Success(provider, r);
            servers[provider] = server;
        }

        Uri Address(string provider) => setup.BaseAddresses.TryGetValue(provider, out Uri? address) ? address : servers[provider].BaseAddress;

        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        setup.Before?.Invoke(services);
        if (setup.Time is not null)
        {
            services.AddSingleton(setup.Time);
        }

        IKenyaSmsBuilder builder = services.AddKenyaSms(o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            setup.Resilience?.Invoke(o.Resilience);
            if (setup.Providers.Count > 1)
            {
                foreach (string provider in setup.Providers)
                {
                    o.Failover.Add(provider);
                }
            }
        });

        foreach (string provider in setup.Providers)
        {
            if (provider == ProviderReplies.Qserve)
            {
                builder.AddQserve(o =>
                {
                    o.BaseAddress = Address(provider);
                    o.Username = "kenyasms-test";
                    o.ApiKey = QserveKey;
                    o.SenderId = "KenyaSms";
                    setup.Qserve?.Invoke(o);
                });
            }
            else
            {
                builder.AddSynqtel(o =>
                {
                    o.BaseAddress = Address(provider);
                    o.ApiKey = SynqtelKey;
                    o.SenderName = "KenyaSms";
                    setup.Synqtel?.Invoke(o);
                });
            }

            if (setup.PrimaryHandlers.TryGetValue(provider, out Func<HttpMessageHandler>? primary))
            {
                string client = provider == ProviderReplies.Qserve ? QserveSmsGateway.HttpClientName : SynqtelSmsGateway.HttpClientName;
                services.AddHttpClient(client).ConfigurePrimaryHttpMessageHandler(primary);
            }
        }

        setup.Builder?.Invoke(builder);
        setup.Services?.Invoke(services);
        ServiceProvider provided = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ResilienceTestHost(provided, servers, logs, setup.Providers[0]);
    }

    public LoopbackServer ServerOf(string provider) => _servers[provider];

    public ISmsGateway GatewayOf(string provider) => Services.GetRequiredKeyedService<ISmsGateway>(provider);

    /// <summary>Sends <see cref="MessageText"/> to <see cref="Number"/> and <see cref="OtherNumber"/> (Synqtel: sendmultiple, with client_refs).</summary>
    public Task<SmsSendResult> SendAsync(CancellationToken cancellationToken = default) =>
        Gateway.SendAsync(new SmsMessage([Number, OtherNumber], MessageText), cancellationToken).WaitAsync(Guard, CancellationToken.None);

    /// <summary>Sends <see cref="MessageText"/> to <see cref="Number"/> alone (Synqtel: sendsms).</summary>
    public Task<SmsSendResult> SendOneAsync(CancellationToken cancellationToken = default) =>
        Gateway.SendAsync(new SmsMessage(Number, MessageText), cancellationToken).WaitAsync(Guard, CancellationToken.None);

    public Task<SmsBalance> BalanceAsync(CancellationToken cancellationToken = default) =>
        Gateway.GetBalanceAsync(cancellationToken).WaitAsync(Guard, CancellationToken.None);

    /// <summary>Synqtel's number lookup (a GET with the number in the query).</summary>
    public Task<PhoneNumberLookup> LookupAsync(CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<SynqtelSmsGateway>().LookupAsync(Number, cancellationToken).WaitAsync(Guard, CancellationToken.None);

    /// <summary>Runs <paramref name="call"/> and returns the <see cref="SmsGatewayException"/> it must throw.</summary>
    /// <remarks>The exact type: an internal exception, a JsonException or a NullReferenceException fails the test.</remarks>
    public static Task<SmsGatewayException> FailsAsync(Func<Task> call) => Assert.ThrowsAsync<SmsGatewayException>(call);

    /// <summary>A short attempt timeout (300 ms) for tests where the SDK must time out; the sampling window follows its rule.</summary>
    public static void ShortAttempts(SmsResilienceOptions o)
    {
        o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(1);
    }

    /// <summary>
    /// An attempt timeout (1.5 s) that a connection and its request body always beat, even in a cold test process on
    /// a loaded 2-core machine (300 ms did not): for tests where the attempt after a timeout must succeed, and for
    /// tests whose premise is that the timeout fires after the body went out (else the SDK rightly retries).
    /// </summary>
    public static void RecoveringAttempts(SmsResilienceOptions o)
    {
        o.AttemptTimeout = TimeSpan.FromMilliseconds(1500);
        o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(3);
    }

    /// <summary>How many retries the SDK logged (event 1006), i.e. attempts beyond the first.</summary>
    public int RetriesLogged => Logs.GetSnapshot().Count(e => e.Id.Id == 1006);

    /// <summary>The provider received exactly one request and the SDK did not retry.</summary>
    public void AssertReceivedOnceNotRetried()
    {
        Assert.Equal(0, RetriesLogged);
        Assert.Equal(1, Server.ReceivedCount);
    }

    /// <summary>
    /// R10: runs <paramref name="call"/> against a stalling <paramref name="server"/> (the first provider's by
    /// default), cancels once the server has the request, and returns the OperationCanceledException it must end in.
    /// </summary>
    public async Task<OperationCanceledException> CancelMidFlightAsync<T>(Func<CancellationToken, Task<T>> call, LoopbackServer? server = null)
    {
        server ??= Server;
        server.Enqueue(Behavior.Stall());
        using var cts = new CancellationTokenSource();

        Task<T> running = call(cts.Token);
        await server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await cts.CancelAsync();

        return await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Guard));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        foreach (LoopbackServer server in _servers.Values)
        {
            await server.DisposeAsync();
        }
    }
}
