namespace KenyaSms.Simulator;

/// <summary>What an injected <see cref="SimulatorFault"/> does to a request.</summary>
public enum SimulatorFaultKind
{
    /// <summary>Waits, then gives the normal answer.</summary>
    Delay,

    /// <summary>Never answers; the request ends when the client gives up or the simulator stops.</summary>
    Stall,

    /// <summary>Answers with a given HTTP status and body, e.g. a 502 HTML page.</summary>
    Status,

    /// <summary>Answers 200 with a body that is not valid JSON.</summary>
    MalformedJson,

    /// <summary>Answers 200 with the JSON answer cut in half.</summary>
    TruncatedJson,

    /// <summary>Answers 200 with an empty body.</summary>
    EmptyBody,

    /// <summary>Resets the connection after reading the whole request: the client gets no answer.</summary>
    AbortAfterReadingRequest,

    /// <summary>Answers 429 with a <c>Retry-After</c> header.</summary>
    TooManyRequests,

    /// <summary>Answers 200 with the provider's own error for a given code, e.g. Synqtel <c>1005</c> or 254sms <c>X002</c>.</summary>
    ProviderError,

    /// <summary>Answers a 3xx status with a <c>Location</c> header, e.g. 302 to the same host or 307 to another one.</summary>
    Redirect,
}
