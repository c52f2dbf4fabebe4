using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>
/// What an application adds around the SDK's HttpClients (a setting of a whole lane: handlers are fixed when the
/// clients are built). Whatever it adds, a send must stay single and its outcome honest.
/// </summary>
public enum ApplicationHandlers
{
    /// <summary>Nothing: the SDK's clients as registered.</summary>
    None,

    /// <summary>A handler that reads the body (<c>ReadAsStringAsync</c>) on the SDK's named clients, as the README invites.</summary>
    BodyLoggingOnSdkClients,

    /// <summary>The same handler for every client, with <c>ConfigureHttpClientDefaults</c>.</summary>
    BodyLoggingOnEveryClient,

    /// <summary>Microsoft's standard resilience handler for every client (as Aspire's service defaults add it), its defaults untouched.</summary>
    StandardResilienceOnEveryClient,

    /// <summary>A hand-written retry for every client: sends again on a 5xx, a 408 or an <see cref="HttpRequestException"/>, 3 times in all.</summary>
    NaiveRetryOnEveryClient,
}

/// <summary>Registers each <see cref="ApplicationHandlers"/> setting as an application would.</summary>
public static class ApplicationHandlerSettings
{
    public static readonly ApplicationHandlers[] All = Enum.GetValues<ApplicationHandlers>();

    public static void AddTo(this ApplicationHandlers handlers, IServiceCollection services)
    {
        switch (handlers)
        {
            case ApplicationHandlers.None:
                break;
            case ApplicationHandlers.BodyLoggingOnSdkClients:
                services.AddHttpClient(SynqtelSmsGateway.HttpClientName).AddHttpMessageHandler(UserHandlers.BodyLogging);
                services.AddHttpClient(QserveSmsGateway.HttpClientName).AddHttpMessageHandler(UserHandlers.BodyLogging);
                break;
            case ApplicationHandlers.BodyLoggingOnEveryClient:
                services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(UserHandlers.BodyLogging));
                break;
            case ApplicationHandlers.StandardResilienceOnEveryClient:
                services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
                break;
            case ApplicationHandlers.NaiveRetryOnEveryClient:
                services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(UserHandlers.NaiveRetry));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(handlers), handlers, null);
        }
    }
}
