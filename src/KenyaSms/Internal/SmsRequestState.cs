using System.Net;

namespace KenyaSms.Internal;

/// <summary>What kind of request is going out: a send must not be repeated if it may have arrived.</summary>
internal enum SmsRequestKind
{
    Read,
    Send,
}

/// <summary>
/// Per-request state shared between an adapter and <c>SmsResilienceHandler</c>
/// through the request's options (<c>HttpRequestMessage.Options</c>; <c>Properties</c> on netstandard2.0). The handler records whether any attempt may have
/// reached the provider; the adapter reads that back to set <see cref="SmsGatewayException.MayHaveBeenSent"/>.
/// </summary>
internal sealed class SmsRequestState
{
#if NETSTANDARD2_0
    private const string Key = "KenyaSms.RequestState";
#else
    private static readonly HttpRequestOptionsKey<SmsRequestState> Key = new("KenyaSms.RequestState");
#endif

    private int _bodyStarted;
    private int _mayHaveBeenSent;
    private int _responseStarted;

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

    /// <summary>Given a buffered 2xx body, says whether it is a provider error meaning "not accepted, try later".</summary>
    public Func<ReadOnlyMemory<byte>, bool>? IsTransientBody { get; init; }

    public int Attempts { get; private set; }

    /// <summary>True once any attempt of a send may have been accepted by the provider.</summary>
    public bool MayHaveBeenSent => Volatile.Read(ref _mayHaveBeenSent) != 0;

    /// <summary>True when the current attempt started writing its body (so the provider may have it).</summary>
    public bool CurrentAttemptBodyStarted => Volatile.Read(ref _bodyStarted) != 0;

    /// <summary>True when the current attempt received response headers (so a timeout now is a slow body).</summary>
    public bool CurrentAttemptResponseStarted => Volatile.Read(ref _responseStarted) != 0;

    public void BeginAttempt()
    {
        Attempts++;
        Volatile.Write(ref _bodyStarted, 0);
        Volatile.Write(ref _responseStarted, 0);
    }

    public void MarkResponseStarted() => Volatile.Write(ref _responseStarted, 1);

    public void MarkBodyStarted() => Volatile.Write(ref _bodyStarted, 1);

    /// <summary>Records that the provider may have accepted this send (sticky across attempts).</summary>
    public void MarkMayHaveBeenSent()
    {
        if (Kind == SmsRequestKind.Send)
        {
            Volatile.Write(ref _mayHaveBeenSent, 1);
        }
    }

    /// <summary>
    /// True when an HTTP status, after the body went out, leaves it unknown whether the provider took the
    /// request: any 5xx but 503 (which says "not now"). 4xx and 503 mean it was refused.
    /// </summary>
    /// <summary>HTTP 429 (<c>HttpStatusCode.TooManyRequests</c>, which netstandard2.0 does not name).</summary>
    public const HttpStatusCode TooManyRequests = (HttpStatusCode)429;

    public static bool IsAmbiguousStatus(HttpStatusCode status) =>
        (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable;

    /// <summary>True for statuses that say "not accepted, try later".</summary>
    public static bool IsTransientRefusal(HttpStatusCode status) =>
        status is TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout;

    /// <summary>Attaches this state to <paramref name="request"/>, for <see cref="Get"/> in the handler.</summary>
    public void AttachTo(HttpRequestMessage request)
    {
#if NETSTANDARD2_0
        request.Properties[Key] = this;
#else
        request.Options.Set(Key, this);
#endif
    }

    public static SmsRequestState? Get(HttpRequestMessage request) =>
#if NETSTANDARD2_0
        request.Properties.TryGetValue(Key, out object? state) ? state as SmsRequestState : null;
#else
        request.Options.TryGetValue(Key, out SmsRequestState? state) ? state : null;
#endif
}
