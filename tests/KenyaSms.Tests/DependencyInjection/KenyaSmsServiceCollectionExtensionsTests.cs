using System.Text;
using KenyaSms.DependencyInjection;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using static KenyaSms.Tests.DependencyInjection.DependencyInjectionTestHost;

namespace KenyaSms.Tests.DependencyInjection;

public class KenyaSmsServiceCollectionExtensionsTests
{
    // The example of api.md section 6, with real-looking values.
    private const string ApiExampleJson = $$"""
        {
          "KenyaSms": {
            "DefaultProvider": "synqtel",
            "Failover": [ "synqtel", "qserve" ],
            "Qserve":  { "Username": "acme-ke", "ApiKey": "{{QserveKey}}", "SenderId": "254sms" },
            "Synqtel": { "ApiKey": "{{SynqtelKey}}", "SenderName": "MYCO", "ServiceId": 0 },
            "Resilience": { "MaxRetryAttempts": 3, "AttemptTimeout": "00:00:10", "TotalTimeout": "00:00:30" }
          }
        }
        """;

    // ---- binding ----

    [Fact]
    public void AddKenyaSms_InMemoryConfiguration_BindsEverySetting()
    {
        var values = new Dictionary<string, string?>
        {
            ["KenyaSms:DefaultProvider"] = "qserve",
            ["KenyaSms:Failover:0"] = "qserve",
            ["KenyaSms:Failover:1"] = "synqtel",
            ["KenyaSms:Qserve:Username"] = "acme-ke",
            ["KenyaSms:Qserve:ApiKey"] = QserveKey,
            ["KenyaSms:Qserve:SenderId"] = "ACME LTD",
            ["KenyaSms:Qserve:BaseAddress"] = "https://qserve.example.test/v2/",
            ["KenyaSms:Qserve:MaxRecipientsPerRequest"] = "250",
            ["KenyaSms:Qserve:MaxSegments"] = "3",
            ["KenyaSms:Synqtel:ApiKey"] = SynqtelKey,
            ["KenyaSms:Synqtel:SenderName"] = "MYCO",
            ["KenyaSms:Synqtel:ServiceId"] = "42",
            ["KenyaSms:Synqtel:BaseAddress"] = "https://synqtel.example.test/sms/",
            ["KenyaSms:Synqtel:MaxMessagesPerRequest"] = "100",
            ["KenyaSms:Resilience:MaxRetryAttempts"] = "5",
            ["KenyaSms:Resilience:BaseDelay"] = "00:00:00.250",
            ["KenyaSms:Resilience:AttemptTimeout"] = "00:00:10",
            ["KenyaSms:Resilience:TotalTimeout"] = "00:01:00",
            ["KenyaSms:Resilience:RetryAmbiguousSends"] = "true",
            ["KenyaSms:Resilience:CircuitBreakerFailureRatio"] = "0.5",
            ["KenyaSms:Resilience:CircuitBreakerMinimumThroughput"] = "20",
            ["KenyaSms:Resilience:CircuitBreakerSamplingDuration"] = "00:02:00",
            ["KenyaSms:Resilience:CircuitBreakerBreakDuration"] = "00:00:15",
            ["KenyaSms:Resilience:MaxConcurrentRequests"] = "8",
            ["KenyaSms:Resilience:MaxResponseBytes"] = "65536",
        };
        using ServiceProvider sp = BuildFromConfig(values);

        KenyaSmsOptions root = sp.GetRequiredService<IOptions<KenyaSmsOptions>>().Value;
        Assert.Equal("qserve", root.DefaultProvider);
        Assert.Equal(["qserve", "synqtel"], root.Failover);
        SmsResilienceOptions r = root.Resilience;
        Assert.Equal(5, r.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(250), r.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), r.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), r.TotalTimeout);
        Assert.True(r.RetryAmbiguousSends);
        Assert.Equal(0.5, r.CircuitBreakerFailureRatio);
        Assert.Equal(20, r.CircuitBreakerMinimumThroughput);
        Assert.Equal(TimeSpan.FromMinutes(2), r.CircuitBreakerSamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(15), r.CircuitBreakerBreakDuration);
        Assert.Equal(8, r.MaxConcurrentRequests);
        Assert.Equal(65536, r.MaxResponseBytes);

        QserveOptions q = sp.GetRequiredService<IOptions<QserveOptions>>().Value;
        Assert.Equal("acme-ke", q.Username);
        Assert.Equal(QserveKey, q.ApiKey);
        Assert.Equal("ACME LTD", q.SenderId);
        Assert.Equal(new Uri("https://qserve.example.test/v2/"), q.BaseAddress);
        Assert.Equal(250, q.MaxRecipientsPerRequest);
        Assert.Equal(3, q.MaxSegments);

        SynqtelOptions s = sp.GetRequiredService<IOptions<SynqtelOptions>>().Value;
        Assert.Equal(SynqtelKey, s.ApiKey);
        Assert.Equal("MYCO", s.SenderName);
        Assert.Equal(42, s.ServiceId);
        Assert.Equal(new Uri("https://synqtel.example.test/sms/"), s.BaseAddress);
        Assert.Equal(100, s.MaxMessagesPerRequest);
    }

    [Fact]
    public async Task AddKenyaSms_ApiExampleJson_BindsAndStarts()
    {
        IConfiguration config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(ApiExampleJson))).Build();
        using ServiceProvider sp = Build(s => s.AddKenyaSms(config.GetSection("KenyaSms")));

        KenyaSmsOptions root = sp.GetRequiredService<IOptions<KenyaSmsOptions>>().Value;
        Assert.Equal("synqtel", root.DefaultProvider);
        Assert.Equal(["synqtel", "qserve"], root.Failover);
        Assert.Equal(3, root.Resilience.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), root.Resilience.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), root.Resilience.TotalTimeout);
        Assert.Equal(QserveKey, sp.GetRequiredService<IOptions<QserveOptions>>().Value.ApiKey);
        Assert.Equal("254sms", sp.GetRequiredService<IOptions<QserveOptions>>().Value.SenderId);
        Assert.Equal(SynqtelKey, sp.GetRequiredService<IOptions<SynqtelOptions>>().Value.ApiKey);
        Assert.Equal(0, sp.GetRequiredService<IOptions<SynqtelOptions>>().Value.ServiceId);
        Assert.Equal(["qserve", "synqtel"], sp.GetRequiredService<ISmsGatewayFactory>().Names.Order());
        Assert.Equal("failover(synqtel,qserve)", sp.GetRequiredService<ISmsGateway>().Name);

        await StartsAsync(s => s.AddKenyaSms(config.GetSection("KenyaSms")));
    }

    [Fact]
    public void AddKenyaSms_EnvironmentVariables_BindDoubleUnderscoreKeys()
    {
        string prefix = "KENYASMS_TEST_" + Guid.NewGuid().ToString("N")[..8] + "_";
        (string Name, string Value)[] variables =
        [
            (prefix + "KenyaSms__Synqtel__ApiKey", SynqtelKey),
            (prefix + "KenyaSms__Synqtel__SenderName", "MYCO"),
            (prefix + "KenyaSms__Synqtel__ServiceId", "7"),
            (prefix + "KenyaSms__Failover__0", "synqtel"),
            (prefix + "KenyaSms__Resilience__AttemptTimeout", "00:00:05"),
        ];
        try
        {
            foreach ((string name, string value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            IConfiguration config = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            using ServiceProvider sp = Build(s => s.AddKenyaSms(config.GetSection("KenyaSms")));

            SynqtelOptions s = sp.GetRequiredService<IOptions<SynqtelOptions>>().Value;
            Assert.Equal(SynqtelKey, s.ApiKey);
            Assert.Equal("MYCO", s.SenderName);
            Assert.Equal(7, s.ServiceId);
            KenyaSmsOptions root = sp.GetRequiredService<IOptions<KenyaSmsOptions>>().Value;
            Assert.Equal(["synqtel"], root.Failover);
            Assert.Equal(TimeSpan.FromSeconds(5), root.Resilience.AttemptTimeout);
            Assert.Equal(["synqtel"], sp.GetRequiredService<ISmsGatewayFactory>().Names);
        }
        finally
        {
            foreach ((string name, _) in variables)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public void AddKenyaSms_OnlySynqtelSection_RegistersOnlySynqtel()
    {
        using ServiceProvider sp = BuildFromConfig(Settings(("Qserve:Username", null), ("Qserve:ApiKey", null), ("Qserve:SenderId", null)));

        Assert.Equal(["synqtel"], sp.GetRequiredService<ISmsGatewayFactory>().Names);
        Assert.Null(sp.GetKeyedService<ISmsGateway>("qserve"));
        Assert.Null(sp.GetService<QserveSmsGateway>());
        Assert.Empty(sp.GetServices<IValidateOptions<QserveOptions>>());
        Assert.IsType<SynqtelSmsGateway>(sp.GetRequiredService<ISmsGateway>());
    }

    [Fact]
    public void AddKenyaSms_OnlyQserveSection_RegistersOnlyQserve()
    {
        using ServiceProvider sp = BuildFromConfig(Settings(("Synqtel:ApiKey", null), ("Synqtel:SenderName", null), ("Synqtel:ServiceId", null)));

        Assert.Equal(["qserve"], sp.GetRequiredService<ISmsGatewayFactory>().Names);
        Assert.Null(sp.GetKeyedService<ISmsGateway>("synqtel"));
        Assert.Null(sp.GetService<SynqtelSmsGateway>());
        Assert.IsType<QserveSmsGateway>(sp.GetRequiredService<ISmsGateway>());
    }

    [Fact]
    public void AddKenyaSms_NoProviderSection_RegistersNoGatewayAndSaysSo()
    {
        using ServiceProvider sp = BuildFromConfig(new Dictionary<string, string?> { ["KenyaSms:Resilience:MaxRetryAttempts"] = "2" });

        Assert.Empty(sp.GetRequiredService<ISmsGatewayFactory>().Names);
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<ISmsGateway>());
        Assert.Contains("No SMS provider is registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKenyaSms_InCode_AddQserveAndAddSynqtelApplyTheirSettings()
    {
        using ServiceProvider sp = Build(s => s
            .AddKenyaSms(o =>
            {
                o.DefaultProvider = "synqtel";
                o.Resilience.MaxRetryAttempts = 1;
            })
            .AddQserve(o =>
            {
                o.Username = "acme-ke";
                o.ApiKey = QserveKey;
                o.MaxSegments = 2;
            })
            .AddSynqtel(o =>
            {
                o.ApiKey = SynqtelKey;
                o.SenderName = "MYCO";
                o.ServiceId = 3;
            }));

        Assert.Equal(1, sp.GetRequiredService<IOptions<KenyaSmsOptions>>().Value.Resilience.MaxRetryAttempts);
        Assert.Equal("acme-ke", sp.GetRequiredService<IOptions<QserveOptions>>().Value.Username);
        Assert.Equal(2, sp.GetRequiredService<IOptions<QserveOptions>>().Value.MaxSegments);
        Assert.Equal(3, sp.GetRequiredService<IOptions<SynqtelOptions>>().Value.ServiceId);
        Assert.Equal(["qserve", "synqtel"], sp.GetRequiredService<ISmsGatewayFactory>().Names.Order());
        Assert.Same(sp.GetRequiredService<SynqtelSmsGateway>(), sp.GetRequiredService<ISmsGateway>());
    }

    [Fact]
    public void AddKenyaSms_ConfigurationThenAddSynqtelInCode_CodeOverridesConfiguration()
    {
        IConfiguration config = Config(Settings(("Synqtel:SenderName", "FROMCONFIG")));
        using ServiceProvider sp = Build(s => s.AddKenyaSms(config.GetSection("KenyaSms")).AddSynqtel(o => o.SenderName = "FROMCODE"));

        SynqtelOptions options = sp.GetRequiredService<IOptions<SynqtelOptions>>().Value;
        Assert.Equal("FROMCODE", options.SenderName);
        Assert.Equal(Secret, options.ApiKey); // the rest still comes from configuration
    }

    [Fact]
    public void AddKenyaSms_NullArguments_ThrowArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>("services", () => KenyaSmsServiceCollectionExtensions.AddKenyaSms(null!, Config([])));
        Assert.Throws<ArgumentNullException>("services", () => KenyaSmsServiceCollectionExtensions.AddKenyaSms(null!));
        Assert.Throws<ArgumentNullException>("configuration", () => new ServiceCollection().AddKenyaSms((IConfiguration)null!));
    }

    [Fact]
    public void AddKenyaSms_ReturnsBuilderOverTheSameServices()
    {
        var services = new ServiceCollection();

        IKenyaSmsBuilder builder = services.AddKenyaSms();

        Assert.Same(services, builder.Services);
        Assert.Same(builder, builder.AddSynqtel());
    }

    // ---- repeated registration ----

    [Fact]
    public async Task AddSynqtel_CalledTwice_RegistersOneGatewayOneKeyOneHandlerAndSendsOnce()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = _ => Behavior.Respond(200, TestPaths.Fixture("Synqtel/getbalance.json"));
        var services = new ServiceCollection();
        IKenyaSmsBuilder builder = services.AddKenyaSms();
        builder.AddSynqtel(o =>
        {
            o.ApiKey = SynqtelKey;
            o.SenderName = "MYCO";
            o.BaseAddress = server.BaseAddress;
        });
        builder.AddSynqtel();

        Assert.Single(services, d => d.ServiceType == typeof(SynqtelSmsGateway));
        Assert.Single(services, d => d.ServiceType == typeof(ISmsGateway) && Equals(d.ServiceKey, "synqtel"));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<SynqtelOptions>));
        using ServiceProvider sp = services.BuildServiceProvider();
        Assert.Equal(1, ResilienceHandlerCount(sp, SynqtelSmsGateway.HttpClientName));
        Assert.Equal(["synqtel"], sp.GetRequiredService<ISmsGatewayFactory>().Names);

        SmsBalance balance = await sp.GetRequiredService<ISmsGateway>().GetBalanceAsync();

        Assert.Equal(9871m, balance.Credits);
        Assert.Equal(1, server.ReceivedCount);
    }

    [Fact]
    public async Task AddKenyaSms_ConfigurationBoundTwice_RegistersEachProviderOnceAndStarts()
    {
        IConfiguration config = Config(Settings(("Failover:0", "synqtel"), ("Failover:1", "qserve")));
        var services = new ServiceCollection();
        services.AddKenyaSms(config.GetSection("KenyaSms"));
        services.AddKenyaSms(config.GetSection("KenyaSms"));

        Assert.Single(services, d => d.ServiceType == typeof(SynqtelSmsGateway));
        Assert.Single(services, d => d.ServiceType == typeof(QserveSmsGateway));
        Assert.Single(services, d => d.ServiceType == typeof(ISmsGateway) && d.ServiceKey is null);
        using ServiceProvider sp = services.BuildServiceProvider();
        Assert.Equal(1, ResilienceHandlerCount(sp, SynqtelSmsGateway.HttpClientName));
        Assert.Equal(1, ResilienceHandlerCount(sp, QserveSmsGateway.HttpClientName));
        Assert.Equal(["qserve", "synqtel"], sp.GetRequiredService<ISmsGatewayFactory>().Names.Order());
        Assert.Equal(["synqtel", "qserve"], sp.GetRequiredService<IOptions<KenyaSmsOptions>>().Value.Failover);

        await StartsAsync(s =>
        {
            s.AddKenyaSms(config.GetSection("KenyaSms"));
            s.AddKenyaSms(config.GetSection("KenyaSms"));
        });
    }

    [Fact]
    public async Task AddSynqtel_CalledTwiceThroughMockHttp_RequestReachesPrimaryHandlerOnce()
    {
        using var mock = new MockHttpMessageHandler();
        MockedRequest balance = mock.When(HttpMethod.Get, "https://api.synqtel.com/sms/getbalance")
            .Respond("application/json", TestPaths.Fixture("Synqtel/getbalance.json"));
        var services = new ServiceCollection();
        services.AddKenyaSms().AddSynqtel(o => o.ApiKey = SynqtelKey).AddSynqtel(o => o.SenderName = "MYCO");
        services.AddKenyaSms().AddSynqtel();
        services.AddHttpClient(SynqtelSmsGateway.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => mock);
        using ServiceProvider sp = services.BuildServiceProvider();

        await sp.GetRequiredKeyedService<ISmsGateway>("synqtel").GetBalanceAsync();

        Assert.Equal(1, mock.GetMatchCount(balance));
        Assert.Equal(1, ResilienceHandlerCount(sp, SynqtelSmsGateway.HttpClientName));
    }

    [Fact]
    public void AddSynqtel_SecondConfigureAction_AppliesAfterTheFirst()
    {
        using ServiceProvider sp = Build(s => s.AddKenyaSms()
            .AddSynqtel(o =>
            {
                o.ApiKey = SynqtelKey;
                o.SenderName = "FIRST";
                o.ServiceId = 1;
            })
            .AddSynqtel(o => o.SenderName = "SECOND"));

        SynqtelOptions options = sp.GetRequiredService<IOptions<SynqtelOptions>>().Value;
        Assert.Equal("SECOND", options.SenderName);
        Assert.Equal(1, options.ServiceId);
    }

    [Fact]
    public void AddKenyaSms_CalledTwiceInCode_BothConfigureActionsApply()
    {
        using ServiceProvider sp = Build(s =>
        {
            s.AddKenyaSms(o => o.Resilience.MaxRetryAttempts = 1).AddSynqtel(o => (o.ApiKey, o.SenderName) = (SynqtelKey, "MYCO"));
            s.AddKenyaSms(o => o.DefaultProvider = "synqtel");
        });

        KenyaSmsOptions options = sp.GetRequiredService<IOptions<KenyaSmsOptions>>().Value;
        Assert.Equal(1, options.Resilience.MaxRetryAttempts);
        Assert.Equal("synqtel", options.DefaultProvider);
        Assert.Same(sp.GetRequiredService<SynqtelSmsGateway>(), sp.GetRequiredService<ISmsGateway>());
    }

    // ---- resolving ----

    [Fact]
    public void ISmsGateway_DefaultProviderSet_IsThatProvidersSingleton()
    {
        using ServiceProvider sp = BuildFromConfig(Settings(("DefaultProvider", "Qserve")));

        ISmsGateway gateway = sp.GetRequiredService<ISmsGateway>();

        Assert.Same(sp.GetRequiredService<QserveSmsGateway>(), gateway);
        Assert.Equal("qserve", gateway.Name);
    }

    [Fact]
    public void ISmsGateway_OnlyOneProvider_IsThatProvider()
    {
        using ServiceProvider sp = Build(s => s.AddKenyaSms().AddQserve(o => (o.Username, o.ApiKey) = ("acme-ke", QserveKey)));

        Assert.Same(sp.GetRequiredService<QserveSmsGateway>(), sp.GetRequiredService<ISmsGateway>());
    }

    [Fact]
    public void ISmsGateway_FailoverWithTwoProviders_IsFailoverChainInOrder()
    {
        using ServiceProvider sp = BuildFromConfig(Settings(("DefaultProvider", "qserve"), ("Failover:0", "synqtel"), ("Failover:1", "qserve")));

        ISmsGateway gateway = sp.GetRequiredService<ISmsGateway>();

        Assert.IsType<FailoverSmsGateway>(gateway);
        Assert.StartsWith("failover(", gateway.Name, StringComparison.Ordinal);
        Assert.Equal("failover(synqtel,qserve)", gateway.Name);
        Assert.Same(gateway, sp.GetRequiredService<ISmsGateway>());
    }

    [Fact]
    public void ISmsGateway_FailoverWithOneProvider_IsThatProvider()
    {
        using ServiceProvider sp = BuildFromConfig(Settings(("Failover:0", "synqtel")));

        Assert.Same(sp.GetRequiredService<SynqtelSmsGateway>(), sp.GetRequiredService<ISmsGateway>());
    }

    [Fact]
    public void ISmsGateway_SeveralProvidersAndNoChoice_ThrowsInvalidOperationExceptionSayingWhatToSet()
    {
        using ServiceProvider sp = BuildFromConfig(Settings());

        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<ISmsGateway>());

        Assert.Contains("qserve", ex.Message, StringComparison.Ordinal);
        Assert.Contains("synqtel", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KenyaSms:DefaultProvider", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FromKeyedServices", ex.Message, StringComparison.Ordinal);
        // The keyed gateways still work.
        Assert.IsType<SynqtelSmsGateway>(sp.GetRequiredKeyedService<ISmsGateway>("synqtel"));
    }

    [Fact]
    public void ISmsGateway_SeveralProvidersBoundFromOtherSection_MessageNamesThatSection()
    {
        using ServiceProvider sp = Build(s => s.AddKenyaSms(Config(Settings("Sms")).GetSection("Sms")));

        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<ISmsGateway>());

        Assert.Contains("Sms:DefaultProvider", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("KenyaSms:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyedService_ProviderKey_IsTheConcreteSingleton()
    {
        using ServiceProvider sp = BuildFromConfig(Settings());

        Assert.Same(sp.GetRequiredService<SynqtelSmsGateway>(), sp.GetRequiredKeyedService<ISmsGateway>("synqtel"));
        Assert.Same(sp.GetRequiredService<QserveSmsGateway>(), sp.GetRequiredKeyedService<ISmsGateway>("qserve"));
        Assert.Same(sp.GetRequiredKeyedService<ISmsGateway>("synqtel"), sp.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName));
    }

    [Fact]
    public void FromKeyedServices_InConstructor_InjectsThatProvider()
    {
        using ServiceProvider sp = Build(s =>
        {
            s.AddKenyaSms(Config(Settings()).GetSection("KenyaSms"));
            s.AddSingleton<TwoGatewayConsumer>();
        });

        TwoGatewayConsumer consumer = sp.GetRequiredService<TwoGatewayConsumer>();

        Assert.Same(sp.GetRequiredService<QserveSmsGateway>(), consumer.Qserve);
        Assert.Same(sp.GetRequiredService<SynqtelSmsGateway>(), consumer.Synqtel);
        Assert.Equal("qserve", consumer.Qserve.Name);
        Assert.Equal("synqtel", consumer.Synqtel.Name);
    }

    [Fact]
    public void Gateways_ResolvedFromRootAndScopes_AreSingletons()
    {
        var services = new ServiceCollection();
        services.AddKenyaSms(Config(Settings(("DefaultProvider", "synqtel"))).GetSection("KenyaSms"));
        Type[] gatewayTypes = [typeof(ISmsGateway), typeof(SynqtelSmsGateway), typeof(QserveSmsGateway), typeof(ISmsGatewayFactory)];
        Assert.All(services.Where(d => gatewayTypes.Contains(d.ServiceType)), d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
        using ServiceProvider sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using IServiceScope scope1 = sp.CreateScope();
        using IServiceScope scope2 = sp.CreateScope();

        foreach (Func<IServiceProvider, object> resolve in new Func<IServiceProvider, object>[]
        {
            p => p.GetRequiredService<ISmsGateway>(),
            p => p.GetRequiredService<SynqtelSmsGateway>(),
            p => p.GetRequiredService<QserveSmsGateway>(),
            p => p.GetRequiredKeyedService<ISmsGateway>("qserve"),
            p => p.GetRequiredService<ISmsGatewayFactory>(),
        })
        {
            object first = resolve(sp);
            Assert.Same(first, resolve(sp));
            Assert.Same(first, resolve(scope1.ServiceProvider));
            Assert.Same(first, resolve(scope2.ServiceProvider));
        }
    }

    [Fact]
    public void TimeProvider_RegisteredBeforeOrAfter_ReplacesTheSystemClock()
    {
        var before = new FakeTimeProvider();
        var after = new FakeTimeProvider();
        using ServiceProvider spBefore = Build(s =>
        {
            s.AddSingleton<TimeProvider>(before);
            s.AddKenyaSms();
        });
        using ServiceProvider spAfter = Build(s =>
        {
            s.AddKenyaSms();
            s.AddSingleton<TimeProvider>(after);
        });
        using ServiceProvider spNone = Build(s => s.AddKenyaSms());

        Assert.Same(before, spBefore.GetRequiredService<TimeProvider>());
        Assert.Same(after, spAfter.GetRequiredService<TimeProvider>());
        Assert.Same(TimeProvider.System, spNone.GetRequiredService<TimeProvider>());
    }

    // ---- named HttpClients ----

    [Theory]
    [InlineData(QserveSmsGateway.HttpClientName, "https://qserve.example.test/v2/")]
    [InlineData(SynqtelSmsGateway.HttpClientName, "https://synqtel.example.test/sms/")]
    public void NamedHttpClient_IsConfiguredFromOptions(string clientName, string expectedBase)
    {
        using ServiceProvider sp = BuildFromConfig(Settings(
            ("Qserve:BaseAddress", "https://qserve.example.test/v2"),
            ("Synqtel:BaseAddress", "https://synqtel.example.test/sms/")));

        HttpClient client = sp.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);

        Assert.Equal(new Uri(expectedBase), client.BaseAddress); // a missing trailing slash is added
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);  // the resilience pipeline's timeouts rule
        Assert.Contains(client.DefaultRequestHeaders.UserAgent, p => p.Product?.Name == "KenyaSms");
        Assert.Equal(1, ResilienceHandlerCount(sp, clientName));
    }

    [Fact]
    public async Task NamedHttpClient_UserAddedHandler_RunsOnEveryRequest()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = _ => Behavior.Respond(200, TestPaths.Fixture("Synqtel/getbalance.json"));
        var seen = new List<string>();
        using ServiceProvider sp = Build(s =>
        {
            s.AddKenyaSms().AddSynqtel(o =>
            {
                o.ApiKey = SynqtelKey;
                o.SenderName = "MYCO";
                o.BaseAddress = server.BaseAddress;
            });
            s.AddHttpClient(SynqtelSmsGateway.HttpClientName).AddHttpMessageHandler(() => new TagHandler(seen));
        });

        await sp.GetRequiredService<SynqtelSmsGateway>().GetBalanceAsync();

        Assert.Equal(["GET /getbalance"], seen);
        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal("user-handler", request.Header("X-Tag"));
        Assert.Equal(SynqtelKey, request.Header("h_api_key"));
    }

    private sealed class TwoGatewayConsumer(
        [FromKeyedServices("qserve")] ISmsGateway qserve,
        [FromKeyedServices("synqtel")] ISmsGateway synqtel)
    {
        public ISmsGateway Qserve { get; } = qserve;

        public ISmsGateway Synqtel { get; } = synqtel;
    }

    private sealed class TagHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
            }

            request.Headers.Add("X-Tag", "user-handler");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
