using System.Net;

namespace KenyaSms.Http;

/// <summary>
/// What the transport is given in place of a send's request content, for one transport call: it records, at the
/// moment the transport starts writing the body to the network, that the provider may receive this attempt. The
/// content it wraps writes the bytes, however it holds them (serialized once, or buffered by a handler that read it).
/// </summary>
internal sealed class TransportContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly SmsRequestState _state;

    public TransportContent(HttpContent inner, SmsRequestState state)
    {
        _inner = inner;
        _state = state;
        if (inner is TrackedJsonContent)
        {
            Headers.ContentType = inner.Headers.ContentType; // the only header the SDK's own bodies carry besides the length
            return;
        }

        foreach (KeyValuePair<string, IEnumerable<string>> header in inner.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        _state.MarkBodyStarted();
        return _inner.CopyToAsync(stream, context);
    }

#if !NETSTANDARD2_0
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _state.MarkBodyStarted();
        return _inner.CopyToAsync(stream, context, cancellationToken);
    }
#endif

    protected override bool TryComputeLength(out long length)
    {
        long? known = _inner.Headers.ContentLength;
        length = known ?? 0;
        return known is not null;
    }
}
