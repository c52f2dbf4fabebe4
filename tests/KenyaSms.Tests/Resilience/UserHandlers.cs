using System.Net;
using System.Security.Cryptography;

namespace KenyaSms.Tests.Resilience;

/// <summary>
/// Handlers that applications put on the SDK's named clients (or on every client, with
/// <c>ConfigureHttpClientDefaults</c>): each does something real to the request that the SDK must survive.
/// </summary>
internal static class UserHandlers
{
    /// <summary>Logs the request body: reads it as a string first, as body-logging handlers do (.NET then buffers it).</summary>
    public static DelegatingHandler BodyLogging() => new BodyLoggingHandler();

    /// <summary>Signs the request: buffers the body (<c>LoadIntoBufferAsync</c>) and adds a hash of it as a header.</summary>
    public static DelegatingHandler Signing() => new SigningHandler();

    /// <summary>Sends a copy of the request: a new message, the same headers and options, the body copied into a new content.</summary>
    public static DelegatingHandler Cloning() => new CloningHandler();

    /// <summary>A hand-written retry: sends again (up to 3 times in all) on a 5xx, a 408 or an <see cref="HttpRequestException"/>.</summary>
    public static DelegatingHandler NaiveRetry() => new NaiveRetryHandler();

    private sealed class BodyLoggingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                _ = await request.Content.ReadAsStringAsync(cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class SigningHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken);
                byte[] body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
                request.Headers.Remove("X-Signature");
                request.Headers.TryAddWithoutValidation("X-Signature", Convert.ToHexString(SHA256.HashData(body)));
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class CloningHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
            foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
            {
                clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            foreach (KeyValuePair<string, object?> option in request.Options)
            {
                ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
            }

            if (request.Content is not null)
            {
                clone.Content = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync(cancellationToken));
                foreach (KeyValuePair<string, IEnumerable<string>> header in request.Content.Headers)
                {
                    clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            return await base.SendAsync(clone, cancellationToken);
        }
    }

    private sealed class NaiveRetryHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
                    if (attempt < 3 && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout))
                    {
                        response.Dispose();
                        continue;
                    }

                    return response;
                }
                catch (HttpRequestException) when (attempt < 3)
                {
                }
            }
        }
    }
}
