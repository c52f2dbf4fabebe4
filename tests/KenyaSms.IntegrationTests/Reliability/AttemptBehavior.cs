using KenyaSms.Simulator;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>What the provider (or the network in front of it) does with one attempt of a request.</summary>
public enum AttemptBehavior
{
    /// <summary>The normal answer.</summary>
    Ok,

    /// <summary>429 with <c>Retry-After: 0</c>; not processed.</summary>
    TooManyRequestsRetryAfterZero,

    /// <summary>429 without <c>Retry-After</c> (the SDK's own backoff decides); not processed.</summary>
    TooManyRequestsNoRetryAfter,

    /// <summary>500 after processing the request.</summary>
    InternalServerError,

    /// <summary>502 nginx page after processing the request.</summary>
    BadGateway,

    /// <summary>503; not processed.</summary>
    ServiceUnavailable,

    /// <summary>The whole request is read and processed, then the connection is reset.</summary>
    AbortAfterBody,

    /// <summary>Processed, then the answer waits past the attempt timeout.</summary>
    DelayPastTimeout,

    /// <summary>Waits past the attempt timeout before processing: a client that gives up leaves nothing accepted.</summary>
    DelayPastTimeoutUnprocessed,

    /// <summary>200 with a body that is not JSON, after processing.</summary>
    GarbageBody,

    /// <summary>200 with the first half of the normal answer, after processing.</summary>
    TruncatedBody,

    /// <summary>200 with no body, after processing.</summary>
    EmptyBody,

    /// <summary>A provider refusal in a 200 body: Synqtel 1005 "internal error, try later" (retried), 254sms X002 (final).</summary>
    ProviderRefusal,

    /// <summary>The connection is refused: nothing of the request leaves the client.</summary>
    RefusedConnection,

    /// <summary>Processed, then 302 with <c>Location</c> at the same host and path: the SDK must not follow it, and the send may have been sent.</summary>
    RedirectSameHost,

    /// <summary>
    /// 307 (which keeps the method and body) with <c>Location</c> on another loopback port, not processed: the SDK
    /// must not follow it (the API key would go along), and nothing may ever reach that port.
    /// </summary>
    RedirectElsewhere,
}

/// <summary>How each behaviour is played by the simulator (or, for a refused connection, by the client's transport).</summary>
public static class AttemptBehaviors
{
    /// <summary>Longer than any attempt timeout the reliability tests use; the client gives up first and the wait is cancelled.</summary>
    public static readonly TimeSpan PastTimeout = TimeSpan.FromSeconds(5);

    public static readonly AttemptBehavior[] All = Enum.GetValues<AttemptBehavior>();

    /// <summary>The simulator fault for <paramref name="behavior"/>; <see cref="AttemptBehavior.RefusedConnection"/> has none.</summary>
    /// <param name="behavior">The behaviour to play.</param>
    /// <param name="provider">The provider the attempt goes to.</param>
    /// <param name="sameHost">Where <see cref="AttemptBehavior.RedirectSameHost"/> points: the attempt's own URL (marked with a query).</param>
    /// <param name="elsewhere">Where <see cref="AttemptBehavior.RedirectElsewhere"/> points (a host that counts what it receives).</param>
    public static SimulatorFault Fault(AttemptBehavior behavior, SimulatorProvider provider, Uri sameHost, Uri? elsewhere) => behavior switch
    {
        AttemptBehavior.Ok => SimulatorFault.Delay(TimeSpan.Zero),
        AttemptBehavior.TooManyRequestsRetryAfterZero => SimulatorFault.TooManyRequests(retryAfterSeconds: 0),
        AttemptBehavior.TooManyRequestsNoRetryAfter => SimulatorFault.Status(429, "Too Many Requests", "text/plain"),
        AttemptBehavior.InternalServerError => SimulatorFault.Status(500, "Internal Server Error", "text/plain"),
        AttemptBehavior.BadGateway => SimulatorFault.BadGateway(),
        AttemptBehavior.ServiceUnavailable => SimulatorFault.Status(503, "Service Unavailable", "text/plain"),
        AttemptBehavior.AbortAfterBody => SimulatorFault.AbortAfterReadingRequest(),
        AttemptBehavior.DelayPastTimeout => SimulatorFault.Delay(PastTimeout),
        AttemptBehavior.DelayPastTimeoutUnprocessed => SimulatorFault.Delay(PastTimeout).WithProcessed(false),
        AttemptBehavior.GarbageBody => SimulatorFault.MalformedJson(),
        AttemptBehavior.TruncatedBody => SimulatorFault.TruncatedJson(),
        AttemptBehavior.EmptyBody => SimulatorFault.EmptyBody(),
        AttemptBehavior.ProviderRefusal => SimulatorFault.ProviderError(provider == SimulatorProvider.Synqtel ? "1005" : "X002"),
        AttemptBehavior.RedirectSameHost => SimulatorFault.Redirect(302, sameHost.AbsoluteUri),
        AttemptBehavior.RedirectElsewhere => SimulatorFault.Redirect(307, (elsewhere ?? throw new ArgumentNullException(nameof(elsewhere), "RedirectElsewhere needs a redirect target")).AbsoluteUri)
            .WithProcessed(false),
        _ => throw new ArgumentOutOfRangeException(nameof(behavior), behavior, "played by the client's transport, not the simulator"),
    };
}
