using KenyaSms.Resilience;
using Microsoft.Extensions.Http;

namespace KenyaSms.Http;

/// <summary>
/// Fixes the shape of the SDK's named clients after everything else configured them (their own registration,
/// <c>ConfigureHttpClientDefaults</c>, the application's <c>AddHttpMessageHandler</c> calls), so that no handler an
/// application or a template adds can make a send go out twice or forward a key:
/// <list type="bullet">
/// <item>the SDK's <see cref="SmsResilienceHandler"/> is the outermost of the added handlers: every other one (a
/// body logger, a signer, a retry or resilience handler for all clients) runs inside it, once per SDK attempt;</item>
/// <item><see cref="SmsTransportHandler"/> wraps the primary handler: it sees what reaches the network, and stops a
/// handler in between from sending a send again;</item>
/// <item>redirects are never followed (HttpClient would forward the API key, which is in a header or the body, to
/// wherever the <c>Location</c> points, and a send's answer would be some other URL's).</item>
/// </list>
/// </summary>
internal sealed class SmsHandlerChainFilter : IHttpMessageHandlerBuilderFilter
{
    private readonly HashSet<string> _clients;

    public SmsHandlerChainFilter(IEnumerable<GatewayClient> clients) =>
        _clients = new HashSet<string>(clients.Select(static c => c.Name), StringComparer.Ordinal);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is null || !_clients.Contains(builder.Name))
        {
            return;
        }

        IList<DelegatingHandler> handlers = builder.AdditionalHandlers;
        for (int i = 0; i < handlers.Count; i++)
        {
            if (handlers[i] is SmsResilienceHandler ours)
            {
                handlers.RemoveAt(i);
                handlers.Insert(0, ours);
                break;
            }
        }

        HttpMessageHandler primary = builder.PrimaryHandler;
        DisableRedirects(primary);
        builder.PrimaryHandler = new SmsTransportHandler(primary);
    };

    // The primary handler, or the one at the bottom of a primary that wraps another (a DelegatingHandler an application
    // supplies as its primary, over its own SocketsHttpHandler).
    private static void DisableRedirects(HttpMessageHandler? primary)
    {
        for (HttpMessageHandler? handler = primary; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            try
            {
                switch (handler)
                {
                    case HttpClientHandler client:
                        client.AllowAutoRedirect = false;
                        return;
#if NETSTANDARD2_0
                    case not DelegatingHandler when handler.GetType().FullName == "System.Net.Http.SocketsHttpHandler":
                        // A .NET Framework app never gets here; a .NET app using this build gets a SocketsHttpHandler,
                        // which this target cannot name.
                        handler.GetType().GetProperty("AllowAutoRedirect")?.SetValue(handler, false);
                        return;
#else
                    case SocketsHttpHandler sockets:
                        sockets.AllowAutoRedirect = false;
                        return;
#endif
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex.InnerException is InvalidOperationException)
            {
                // A handler instance the application shares and has already used cannot be changed; SmsTransportHandler
                // still reports a followed redirect as "may have been sent" (documented in the README).
                return;
            }
        }
    }
}

/// <summary>The name of one of the SDK's named HttpClients (registered once per provider).</summary>
internal sealed record GatewayClient(string Name);
