using System.Net;
using System.Net.Http.Headers;

namespace KenyaSms.Internal;

/// <summary>
/// A JSON request body that tells <see cref="SmsRequestState"/> the moment it starts going out, so that
/// a failure before that point is known to be "not sent". Every attempt writes the same bytes.
/// </summary>
internal sealed class TrackedJsonContent : HttpContent
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private readonly byte[] _utf8Json;
    private readonly SmsRequestState _state;

    public TrackedJsonContent(byte[] utf8Json, SmsRequestState state)
    {
        _utf8Json = utf8Json;
        _state = state;
        Headers.ContentType = JsonMediaType;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        WriteBodyAsync(stream, CancellationToken.None);

#if !NETSTANDARD2_0
    // net5.0+ passes the request's token here; netstandard2.0 has only the overload above.
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        WriteBodyAsync(stream, cancellationToken);
#endif

    private Task WriteBodyAsync(Stream stream, CancellationToken cancellationToken)
    {
        _state.MarkBodyStarted();
        return stream.WriteAsync(_utf8Json, 0, _utf8Json.Length, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _utf8Json.Length;
        return true;
    }
}
