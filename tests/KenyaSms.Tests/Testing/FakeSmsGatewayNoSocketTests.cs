using System.Collections.Concurrent;
using KenyaSms.AfricasTalking;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace KenyaSms.Tests.Testing;

/// <summary>
/// Issue 17.1: a unit test with the fake must never reach a real gateway. Under every HttpClient of the container (the
/// defaults and each SDK client by name) sits a primary handler that records and refuses any request; the configuration
/// holds all three providers' production-like settings and a failover chain; every way to reach a gateway is exercised
/// (default, keyed, factory, failover chain, lookup, balance, health check, streaming, the concrete adapters): zero
/// requests. A control run without the fake shows the handler does see a real gateway's request.
/// </summary>
public class FakeSmsGatewayNoSocketTests
{
    public static TheoryData<bool> Orders => [true, false];

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task EveryCodePath_WithTheFake_OpensNoSocket(bool fakeFirst)
    {
        var network = new RefusingNetwork();
        using IHost host = BuildHost(network, fake: fakeFirst ? Placement.First : Placement.After);
        await host.StartAsync(); // start-up validation and the hosted services run too
        IServiceProvider sp = host.Services;
        FakeSmsGateway fake = sp.GetRequiredService<FakeSmsGateway>();

        // Default (the configured failover chain), in every shape of send.
        ISmsGateway sms = sp.GetRequiredService<ISmsGateway>();
        await sms.SendAsync("0722123456", "one");
        await sms.SendAsync(["0722123456", "0733123456", "nonsense"], "many");
        await sms.SendAsync(new SmsMessage("0722123456", "with a reference") { ClientReference = "ref-1" });
        await sms.SendAsync(new SmsMessage("0722123456", "with a key") { IdempotencyKey = "invoice-1:reminder" });
        await sms.SendBatchAsync([new SmsMessage("0722123456", "a"), new SmsMessage("0733123456", "b")]);
        await foreach (SmsRecipientResult _ in sms.SendBatchStreamAsync([new SmsMessage("0722123456", "streamed")], windowSize: 1))
        {
        }

        _ = sms.Estimate([new SmsMessage("0722123456", "estimate")]);
        await sms.GetBalanceAsync();

        // Keyed and factory, for each provider, whatever the configuration.
        ISmsGatewayFactory factory = sp.GetRequiredService<ISmsGatewayFactory>();
        foreach (string name in (string[])[QserveSmsGateway.ProviderName, SynqtelSmsGateway.ProviderName, AfricasTalkingSmsGateway.ProviderName])
        {
            ISmsGateway keyed = sp.GetRequiredKeyedService<ISmsGateway>(name);
            await keyed.SendAsync("0722123456", "keyed " + name);
            await keyed.GetBalanceAsync();
            ISmsGateway fromFactory = factory.Get(name);
            await fromFactory.SendBatchAsync([new SmsMessage(["0722123456", "0711000111"], "factory " + name)]);
            await fromFactory.GetBalanceAsync();
        }

        // Lookup, health check, the concrete adapters (which refuse to resolve rather than send).
        await sp.GetRequiredService<ISmsNumberLookup>().LookupAsync("0712244243");
        HealthReport health = await sp.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<QserveSmsGateway>());
        Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<SynqtelSmsGateway>());
        Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<AfricasTalkingSmsGateway>());
        await host.StopAsync();

        Assert.Empty(network.Requests);
        Assert.True(fake.Sent.Count >= 15, $"the fake recorded {fake.Sent.Count} SMS");
    }

    [Fact]
    public async Task Control_WithoutTheFake_TheRefusingHandlerSeesTheRealGatewaysRequests()
    {
        var network = new RefusingNetwork();
        using IHost host = BuildHost(network, fake: Placement.None);
        await host.StartAsync();

        foreach (string name in (string[])[QserveSmsGateway.ProviderName, SynqtelSmsGateway.ProviderName, AfricasTalkingSmsGateway.ProviderName])
        {
            await Assert.ThrowsAsync<SmsGatewayException>(() => host.Services.GetRequiredKeyedService<ISmsGateway>(name).GetBalanceAsync());
        }

        await host.StopAsync();

        Assert.Contains(network.Requests, r => r.StartsWith("api.qserve.co.ke", StringComparison.Ordinal));
        Assert.Contains(network.Requests, r => r.StartsWith("api.synqtel.com", StringComparison.Ordinal));
        Assert.Contains(network.Requests, r => r.StartsWith("api.africastalking.com", StringComparison.Ordinal));
    }

    private enum Placement
    {
        None,
        First,
        After,
    }

    private static IHost BuildHost(RefusingNetwork network, Placement fake)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(FakeSmsGatewayRegistrationTests.ProductionLike());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Keeps the control run short; the fake run never retries anything.
            ["KenyaSms:Resilience:MaxRetryAttempts"] = "0",
        });
        IServiceCollection services = builder.Services;
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => new RefusingHandler(network)));
        if (fake == Placement.First)
        {
            services.AddFakeSmsGateway();
        }

        services.AddKenyaSms(builder.Configuration.GetSection("KenyaSms"))
            .AddInMemorySendLedger()
            .AddInMemorySuppressionList();
        foreach (string client in (string[])[QserveSmsGateway.HttpClientName, SynqtelSmsGateway.HttpClientName, AfricasTalkingSmsGateway.HttpClientName])
        {
            services.AddHttpClient(client).ConfigurePrimaryHttpMessageHandler(() => new RefusingHandler(network));
        }

        services.AddHealthChecks().AddKenyaSmsHealthCheck();
        if (fake == Placement.After)
        {
            services.AddFakeSmsGateway();
        }

        return builder.Build();
    }

    /// <summary>Every request any refusing handler saw, as "host path".</summary>
    private sealed class RefusingNetwork
    {
        private readonly ConcurrentQueue<string> _requests = new();

        public IReadOnlyCollection<string> Requests => _requests;

        public void Record(HttpRequestMessage request) => _requests.Enqueue($"{request.RequestUri?.Host} {request.RequestUri?.AbsolutePath}");
    }

    /// <summary>A primary handler that opens no socket: it records the request and fails it as a refused connection would.</summary>
    private sealed class RefusingHandler(RefusingNetwork network) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            network.Record(request);
            throw new HttpRequestException("Refused by the test: no request may leave a container with the fake.");
        }
    }
}
