using System.Net;
using System.Text.Json;

namespace KenyaSms.Internal;

/// <summary>What kind of request is going out: a send must not be repeated if it may have arrived.</summary>
internal enum SmsRequestKind
{
    Read,
    Send,
}

/// <summary>
/// Per-request state shared between an adapter and <c>SmsResilienceHandler</c>, carried by the request itself
/// (<see cref="Request"/>, so no <c>HttpRequestMessage.Options</c> dictionary per send). The handler records whether any attempt may have
/// reached the provider; the adapter reads that back to set <see cref="SmsGatewayException.MayHaveBeenSent"/>.
/// </summary>
internal sealed class SmsRequestState
{
    private int _bodyStarted;
    private int _mayHaveBeenSent;
    private int _readingBody;

    // The body the retry predicate parsed for the last attempt, and its document (see ParseBody).
    private ReadOnlyMemory<byte> _parsedBody;
    private JsonDocument? _parsed;

    public SmsRequestState(string provider, string operation, SmsRequestKind kind)
    {
        Provider = provider;
        Operation = operation;
        Kind = kind;
    }

    public string Provider { get; }

    /// <summary>The provider endpoint, e.g. "sendsms"; used in logs and exception messages.</summary>
    public string Operation { get; }

    public SmsRequestKind Kind { get; }

    /// <summary>
    /// Given a buffered 2xx body, parsed (<see cref="ParseBody"/>), says whether it is a provider error meaning
    /// "not accepted, try later"; throws <see cref="InvalidProviderResponseException"/> when it cannot tell.
    /// </summary>
    public Func<JsonElement, bool>? IsTransientBody { get; init; }

    /// <summary>The span and duration measurement of the call this request belongs to, if any: told the HTTP status and the failure.</summary>
    public ProviderCall? Call { get; init; }

    public int Attempts { get; private set; }

    /// <summary>True once any attempt of a send may have been accepted by the provider.</summary>
    public bool MayHaveBeenSent => Volatile.Read(ref _mayHaveBeenSent) != 0;

    /// <summary>True when the current attempt started writing its body (so the provider may have it).</summary>
    public bool CurrentAttemptBodyStarted => Volatile.Read(ref _bodyStarted) != 0;

    /// <summary>
    /// True while the current attempt is reading its response body (headers arrived, body not yet whole): a timeout
    /// now is a slow body. False again once the body is read, so a timeout during a later backoff is not one.
    /// </summary>
    public bool CurrentAttemptReadingBody => Volatile.Read(ref _readingBody) != 0;

    public void BeginAttempt()
    {
        Attempts++;
        Volatile.Write(ref _bodyStarted, 0);
        Volatile.Write(ref _readingBody, 0);
    }

    public void MarkReadingBody() => Volatile.Write(ref _readingBody, 1);

    public void MarkBodyRead() => Volatile.Write(ref _readingBody, 0);

    public void MarkBodyStarted() => Volatile.Write(ref _bodyStarted, 1);

    /// <summary>Records that the provider may have accepted this send (sticky across attempts).</summary>
    public void MarkMayHaveBeenSent()
    {
        if (Kind == SmsRequestKind.Send)
        {
            Volatile.Write(ref _mayHaveBeenSent, 1);
        }
    }

    /// <summary>HTTP 429 (<c>HttpStatusCode.TooManyRequests</c>, which netstandard2.0 does not name).</summary>
    public const HttpStatusCode TooManyRequests = (HttpStatusCode)429;

    /// <summary>
    /// True when an HTTP status, after the body went out, leaves it unknown whether the provider took the
    /// request: any 5xx but 503 (which says "not now"). 4xx and 503 mean it was refused.
    /// </summary>
    public static bool IsAmbiguousStatus(HttpStatusCode status) =>
        (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable;

    /// <summary>True for statuses that say "not accepted, try later".</summary>
    public static bool IsTransientRefusal(HttpStatusCode status) =>
        status is TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout;

    /// <summary>True for statuses where trying again later may succeed: the refusals above, and any 5xx (408, 429, 5xx).</summary>
    public static bool IsTransientStatus(HttpStatusCode status) => IsTransientRefusal(status) || (int)status >= 500;

    /// <summary>
    /// Parses <paramref name="body"/> (<see cref="JsonValues.Parse"/>) and keeps the document, so that the adapter
    /// reading the same body (<see cref="TakeParsed"/>) does not parse it again. Replaces (and disposes) a document
    /// kept for an earlier attempt. Throws <see cref="InvalidProviderResponseException"/>; nothing is kept then.
    /// </summary>
    public JsonDocument ParseBody(ReadOnlyMemory<byte> body)
    {
        DiscardParsed();
        JsonDocument document = JsonValues.Parse(body);
        _parsedBody = body;
        _parsed = document;
        return document;
    }

    /// <summary>The document <see cref="ParseBody"/> kept for exactly this body, handed over to the caller (who disposes it); else null.</summary>
    public JsonDocument? TakeParsed(ReadOnlyMemory<byte> body)
    {
        JsonDocument? document = _parsed;
        if (document is null || !_parsedBody.Equals(body))
        {
            DiscardParsed();
            return null;
        }

        _parsed = null;
        _parsedBody = default;
        return document;
    }

    /// <summary>Disposes the document <see cref="ParseBody"/> kept, if any.</summary>
    public void DiscardParsed()
    {
        _parsed?.Dispose();
        _parsed = null;
        _parsedBody = default;
    }

    public static SmsRequestState? Get(HttpRequestMessage request) => (request as Request)?.State;

    /// <summary>A request that carries its <see cref="SmsRequestState"/> (found again by <see cref="Get"/>).</summary>
    internal sealed class Request : HttpRequestMessage
    {
        public Request(HttpMethod method, Uri uri, SmsRequestState state)
            : base(method, uri)
        {
            State = state;
        }

        public SmsRequestState State { get; }
    }
}
