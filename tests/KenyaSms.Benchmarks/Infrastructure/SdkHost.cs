using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.Infrastructure;

/// <summary>
/// Builds the SDK the way an application does (AddKenyaSms + a provider), with the given handler as the
/// primary handler of the provider's named HttpClient. The SDK's resilience handler and
/// IHttpClientFactory's logging handlers stay in the chain: they are part of what a send costs.
/// </summary>
public static class SdkHost
{
    public const string SynqtelApiKey = "bench-synqtel-key-5157e1a70f5e7c0de";
    public const string QserveUsername = "bench";
    public const string QserveApiKey = "bench-qserve-key";
    public const string SenderName = "ACME";

    public static ServiceProvider Synqtel(Func<HttpMessageHandler>? primary, Uri? baseAddress = null, string apiKey = SynqtelApiKey, bool httpClientLogging = true, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddKenyaSms().AddSynqtel(o =>
        {
            o.ApiKey = apiKey;
            o.SenderName = SenderName;
            o.ServiceId = 0;
            if (baseAddress is not null)
            {
                o.BaseAddress = baseAddress;
            }
        });
        Configure(services, SynqtelSmsGateway.HttpClientName, primary, httpClientLogging);
        more?.Invoke(services);
        return services.BuildServiceProvider(validateScopes: true);
    }

    public static ServiceProvider Qserve(Func<HttpMessageHandler>? primary, Uri? baseAddress = null, string username = QserveUsername, string apiKey = QserveApiKey)
    {
        var services = new ServiceCollection();
        services.AddKenyaSms().AddQserve(o =>
        {
            o.Username = username;
            o.ApiKey = apiKey;
            o.SenderId = SenderName;
            if (baseAddress is not null)
            {
                o.BaseAddress = baseAddress;
            }
        });
        Configure(services, QserveSmsGateway.HttpClientName, primary, httpClientLogging: true);
        return services.BuildServiceProvider(validateScopes: true);
    }

    public const string AfricasTalkingUsername = "bench";
    public const string AfricasTalkingApiKey = "atsk_bench_key_0123456789";

    public static ServiceProvider AfricasTalking(Func<HttpMessageHandler>? primary, Uri? baseAddress = null)
    {
        var services = new ServiceCollection();
        services.AddKenyaSms().AddAfricasTalking(o =>
        {
            o.Username = AfricasTalkingUsername;
            o.ApiKey = AfricasTalkingApiKey;
            o.SenderId = SenderName;
            if (baseAddress is not null)
            {
                o.BaseAddress = baseAddress;
            }
        });
        Configure(services, KenyaSms.AfricasTalking.AfricasTalkingSmsGateway.HttpClientName, primary, httpClientLogging: true);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static void Configure(ServiceCollection services, string clientName, Func<HttpMessageHandler>? primary, bool httpClientLogging)
    {
        if (!httpClientLogging)
        {
            services.ConfigureHttpClientDefaults(b => b.RemoveAllLoggers());
        }

        if (primary is not null)
        {
            services.AddHttpClient(clientName).ConfigurePrimaryHttpMessageHandler(primary);
        }
    }
}
