using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Tests.TestSupport;

/// <summary>
/// Builds a ServiceProvider the way an application registers KenyaSms (AddKenyaSms().AddQserve()/AddSynqtel()),
/// with the provider's named HttpClient pointed at a <see cref="MockProvider"/> (MockHttp under our resilience
/// handler) or at a <see cref="LoopbackServer"/> (real Kestrel). Retries wait 1 ms so retry tests stay fast.
/// </summary>
internal static class AdapterHost
{
    public const string QserveUsername = "acme-ltd";

    // Short and dashed on purpose: too short for the "long token" mask, so only field-name masking can hide it.
    public const string QserveApiKey = "qsk-7f3a9c-NEVER-LOG";

    public const string SynqtelApiKey = "9d4e2b7c1a6f08e35b9c2d7a4f1e6b08c3d5a7e9f1b2c4d6e8f0a1b3c5d7e9f2";

    public static readonly Uri QserveBase = new("https://api.qserve.co.ke/version1/");

    public static readonly Uri SynqtelBase = new("https://api.synqtel.com/sms/");

    /// <summary>
    /// Fails when <paramref name="text"/> (an exception message, a ToString, log text) holds an API key or
    /// one of <paramref name="numbers"/> unmasked (any 9-digit national significant number counts).
    /// </summary>
    public static void AssertNoSecrets(string text, params string[] numbers)
    {
        Assert.DoesNotContain(QserveApiKey, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(SynqtelApiKey, text, StringComparison.OrdinalIgnoreCase);
        foreach (string number in numbers)
        {
            string nsn = PhoneNumber.Parse(number).Msisdn[3..];
            Assert.DoesNotContain(nsn, text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Asserts a documented request-level refusal read from a 200 answer: mapped error, raw code kept, not
    /// transient, certainly not sent (the provider said no), and no key or unmasked number in the exception.
    /// </summary>
    public static void AssertRefused(SmsGatewayException ex, string provider, SmsErrorCode error, string code, params string[] numbers)
    {
        Assert.Equal(provider, ex.Provider);
        Assert.Equal(error, ex.Error);
        Assert.Equal(code, ex.ProviderCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ex.HttpStatusCode);
        Assert.False(ex.IsTransient);
        Assert.False(ex.MayHaveBeenSent);
        AssertNoSecrets(ex.ToString(), numbers);
    }

    public static MockProvider QserveMock() => new(QserveBase);

    public static MockProvider SynqtelMock() => new(SynqtelBase);

    public static ServiceProvider Qserve(MockProvider mock, Action<QserveOptions>? configure = null, Action<SmsResilienceOptions>? resilience = null, FakeLogCollector? logs = null) =>
        Build(logs, resilience, builder => builder.AddQserve(o => ConfigureQserve(o, mock.BaseAddress, configure)), QserveSmsGateway.HttpClientName, mock);

    public static ServiceProvider Qserve(LoopbackServer server, Action<QserveOptions>? configure = null, Action<SmsResilienceOptions>? resilience = null, FakeLogCollector? logs = null) =>
        Build(logs, resilience, builder => builder.AddQserve(o => ConfigureQserve(o, new Uri(server.BaseAddress, "version1/"), configure)), QserveSmsGateway.HttpClientName, null);

    public static ServiceProvider Synqtel(MockProvider mock, Action<SynqtelOptions>? configure = null, Action<SmsResilienceOptions>? resilience = null, FakeLogCollector? logs = null) =>
        Build(logs, resilience, builder => builder.AddSynqtel(o => ConfigureSynqtel(o, mock.BaseAddress, configure)), SynqtelSmsGateway.HttpClientName, mock);

    public static ServiceProvider Synqtel(LoopbackServer server, Action<SynqtelOptions>? configure = null, Action<SmsResilienceOptions>? resilience = null, FakeLogCollector? logs = null) =>
        Build(logs, resilience, builder => builder.AddSynqtel(o => ConfigureSynqtel(o, new Uri(server.BaseAddress, "sms/"), configure)), SynqtelSmsGateway.HttpClientName, null);

    private static void ConfigureQserve(QserveOptions o, Uri baseAddress, Action<QserveOptions>? configure)
    {
        o.Username = QserveUsername;
        o.ApiKey = QserveApiKey;
        o.BaseAddress = baseAddress;
        configure?.Invoke(o);
    }

    private static void ConfigureSynqtel(SynqtelOptions o, Uri baseAddress, Action<SynqtelOptions>? configure)
    {
        o.ApiKey = SynqtelApiKey;
        o.SenderName = "MYCO";
        o.BaseAddress = baseAddress;
        configure?.Invoke(o);
    }

    private static ServiceProvider Build(FakeLogCollector? logs, Action<SmsResilienceOptions>? resilience, Action<IKenyaSmsBuilder> addProvider, string clientName, MockProvider? mock)
    {
        var services = new ServiceCollection();
        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        }

        addProvider(services.AddKenyaSms(o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            resilience?.Invoke(o.Resilience);
        }));

        if (mock is not null)
        {
            services.AddHttpClient(clientName).ConfigurePrimaryHttpMessageHandler(() => mock.Http);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
