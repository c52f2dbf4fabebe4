using System.Net;
using System.Net.Http.Headers;

namespace KenyaSms.Benchmarks.Infrastructure;

/// <summary>
/// The innermost handler for single sends: "writes" the request body as a transport would (so that the
/// SDK's body tracking runs) and answers at once with the same fixture bytes, with no copy.
/// Identical for the SDK and the hand-written baseline.
/// </summary>
public sealed class FixtureHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly byte[] _body;
    private readonly HttpStatusCode _status;

    public FixtureHandler(byte[] body, HttpStatusCode status = HttpStatusCode.OK)
    {
        _body = body;
        _status = status;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var body = new ByteArrayContent(_body);
        body.Headers.ContentType = Json;
        return new HttpResponseMessage(_status) { Content = body, RequestMessage = request };
    }
}
