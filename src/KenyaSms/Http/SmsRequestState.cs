using System.Net;
using System.Text.Json;
using KenyaSms.Json;
using KenyaSms.Telemetry;

namespace KenyaSms.Http;

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
    // Per attempt (reset by BeginAttempt): set by SmsTransportHandler, which wraps the primary handler, so they say what
    // reached the network whatever the handlers in between did with the request (buffered, signed or copied its body).
    private int _bodyStarted;
    private int _reachedTransport;
    private int _providerMayHaveIt;
    private int _readingBody;
    private int _inFlight;
    private int _atTransport;
    private readonly object _transportGate = new();
    private TaskCompletionSource<bool>? _transportFree;

    // Sticky across attempts and across entries into the resilience handler.
    private int _mayHaveBeenSent;
    private int _everReachedProvider;
    private int _entries;
    private int _callerCancelled;
    private int _lastStatus;

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

    /// <summary>True for a health probe: one attempt, never retried, so a down provider is reported at once.</summary>
    public bool NoRetry { get; init; }

    /// <summary>
    /// The caller's own token (HttpClient hands the handlers a linked one): a send whose caller can cancel gets a grace
    /// window on it (api.md 8a); one whose caller cannot needs none.
    /// </summary>
    public CancellationToken CallerToken { get; init; }

    /// <summary>The span and duration measurement of the call this request belongs to, if any: told the HTTP status and the failure.</summary>
    public ProviderCall? Call { get; init; }

    public int Attempts { get; private set; }

    /// <summary>True once any attempt of a send may have been accepted by the provider.</summary>
    public bool MayHaveBeenSent => Volatile.Read(ref _mayHaveBeenSent) != 0;

    /// <summary>True when the current attempt started writing its body to the network (so the provider may have it).</summary>
    public bool CurrentAttemptBodyStarted => Volatile.Read(ref _bodyStarted) != 0;

    /// <summary>
    /// True unless the current attempt provably never reached the provider: its request reached the transport (this
    /// state's request, not a copy some handler made) and no byte of its body went out. A copy sent in its place, or a
    /// failure before the transport saw it, cannot be told from a request that went out, so it counts as reached.
    /// </summary>
    public bool CurrentAttemptMayHaveReachedProvider =>
        Volatile.Read(ref _bodyStarted) != 0 || Volatile.Read(ref _providerMayHaveIt) != 0 || Volatile.Read(ref _reachedTransport) == 0;

    /// <summary>True when some attempt may have reached the provider (its body went out, or it was answered other than by a refusal).</summary>
    public bool EverReachedProvider => Volatile.Read(ref _everReachedProvider) != 0 || MayHaveBeenSent;

    /// <summary>The HTTP status of the last answer the transport received, if any.</summary>
    public HttpStatusCode? LastStatus => Volatile.Read(ref _lastStatus) is var s and not 0 ? (HttpStatusCode)s : null;

    /// <summary>True while an attempt is running and its body has started to go out: cancelling it now could hide a send.</summary>
    public bool BodyInFlight => Volatile.Read(ref _inFlight) != 0 && Volatile.Read(ref _bodyStarted) != 0;

    /// <summary>True once the caller's token was cancelled: no further attempt starts.</summary>
    public bool CallerCancelled => Volatile.Read(ref _callerCancelled) != 0;

    /// <summary>
    /// True while the current attempt is reading its response body (headers arrived, body not yet whole): a timeout
    /// now is a slow body. False again once the body is read, so a timeout during a later backoff is not one.
    /// </summary>
    public bool CurrentAttemptReadingBody => Volatile.Read(ref _readingBody) != 0;

    public void BeginAttempt()
    {
        Attempts++;
        Volatile.Write(ref _bodyStarted, 0);
        Volatile.Write(ref _reachedTransport, 0);
        Volatile.Write(ref _providerMayHaveIt, 0);
        Volatile.Write(ref _readingBody, 0);
        Volatile.Write(ref _inFlight, 1);
    }

    public void EndAttempt() => Volatile.Write(ref _inFlight, 0);

    /// <summary>
    /// The resilience handler is entered for this request: false when it is a send that already went out, or is going
    /// out now (a handler outside the SDK's, such as a retry or hedging layer, is sending it again).
    /// </summary>
    public bool TryEnterHandler() =>
        Interlocked.Increment(ref _entries) == 1 || Kind == SmsRequestKind.Read || (Volatile.Read(ref _inFlight) == 0 && !EverReachedProvider);

    /// <summary>
    /// The transport is about to send this request: false when it is a send that an earlier transport call of this
    /// attempt may already have delivered (a handler between the SDK and the network is sending it again), or while
    /// another transport call of it is running (a hedging handler's copy): then <paramref name="busy"/> completes when
    /// that call ends, and the caller asks again (so the copy learns the first call's fate instead of racing it).
    /// </summary>
    public bool TryEnterTransport(out Task? busy)
    {
        busy = null;
        if (Kind == SmsRequestKind.Send)
        {
            lock (_transportGate)
            {
                if (_atTransport != 0)
                {
                    busy = (_transportFree ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                    return false;
                }

                if (Volatile.Read(ref _providerMayHaveIt) != 0)
                {
                    MarkMayHaveBeenSent();
                    return false;
                }

                _atTransport = 1;
            }
        }

        // Earlier transport calls of this attempt (if any) were refused or failed before their body: this one starts afresh.
        Volatile.Write(ref _bodyStarted, 0);
        Volatile.Write(ref _reachedTransport, 1);
        return true;
    }

    /// <summary>True while a send's transport call is running (between <see cref="TryEnterTransport"/> and <see cref="ExitTransport"/>).</summary>
    public bool AtTransport => Volatile.Read(ref _atTransport) != 0;

    /// <summary>The transport call that <see cref="TryEnterTransport"/> let through has ended.</summary>
    public void ExitTransport()
    {
        if (Kind != SmsRequestKind.Send)
        {
            return;
        }

        lock (_transportGate)
        {
            _atTransport = 0;
            _transportFree?.TrySetResult(true);
            _transportFree = null;
        }
    }

    /// <summary>The transport got an answer: unless it is a refusal, the provider may have processed the request.</summary>
    public void TransportAnswered(HttpStatusCode status)
    {
        Volatile.Write(ref _lastStatus, (int)status);
        if (!IsRefusal(status))
        {
            MarkProviderMayHaveIt();
        }

        if (IsAmbiguousStatus(status))
        {
            MarkMayHaveBeenSent();
        }
    }

    /// <summary>The transport failed after the body started to go out, or followed a redirect: the provider may have the request.</summary>
    public void MarkProviderMayHaveIt()
    {
        Volatile.Write(ref _providerMayHaveIt, 1);
        Volatile.Write(ref _everReachedProvider, 1);
    }

    public void MarkReadingBody() => Volatile.Write(ref _readingBody, 1);

    public void MarkBodyRead() => Volatile.Write(ref _readingBody, 0);

    public void MarkBodyStarted()
    {
        Volatile.Write(ref _bodyStarted, 1);
        Volatile.Write(ref _everReachedProvider, 1);
    }

    public void MarkCallerCancelled() => Volatile.Write(ref _callerCancelled, 1);

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
    /// True when an HTTP status, after the body went out, leaves it unknown whether the provider took the request:
    /// any 5xx but 503 (which says "not now"), 408 (the server gave up on a request it may have read), and any 3xx (the
    /// SDK never follows a redirect: whoever answered had the body). Other 4xx, and 503, mean it was refused.
    /// </summary>
    public static bool IsAmbiguousStatus(HttpStatusCode status) =>
        ((int)status >= 500 && status != HttpStatusCode.ServiceUnavailable) || status == HttpStatusCode.RequestTimeout || IsRedirect(status);

    /// <summary>True for 3xx: a redirect, never followed by the SDK's clients.</summary>
    public static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and <= 399;

    /// <summary>True for statuses that say "not accepted, try later" (429, 503): a send may be retried after them.</summary>
    public static bool IsTransientRefusal(HttpStatusCode status) =>
        status is TooManyRequests or HttpStatusCode.ServiceUnavailable;

    /// <summary>True for statuses where trying again later may succeed: 408, 429 and any 5xx (a read is retried after them).</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        IsTransientRefusal(status) || status == HttpStatusCode.RequestTimeout || (int)status >= 500;

    // A status that says the provider did not take the request: any 4xx but 408, and 503.
    private static bool IsRefusal(HttpStatusCode status) =>
        status == HttpStatusCode.ServiceUnavailable || ((int)status is >= 400 and <= 499 && status != HttpStatusCode.RequestTimeout);

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

    /// <summary>
    /// The state of a request the SDK made: found on the request itself, or, for a copy a handler made with the same
    /// content (as Microsoft's hedging handler does), on its content.
    /// </summary>
    public static SmsRequestState? Get(HttpRequestMessage request) =>
        (request as Request)?.State ?? (request.Content as TrackedJsonContent)?.State;

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
