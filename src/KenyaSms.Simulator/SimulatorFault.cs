using System.Globalization;

namespace KenyaSms.Simulator;

/// <summary>
/// A failure the simulator plays instead of (or on top of) its normal answer. Build one with the static
/// factories and hand it to <see cref="SimulatorFaults.Inject"/> or <see cref="SimulatorFaults.InjectPercentage"/>.
/// </summary>
/// <remarks>
/// <see cref="Processed"/> says whether the simulator handles the request before failing. A processed fault is
/// the ambiguous case a client must not retry blindly: the messages are accepted, recorded in the ledger and
/// charged, then the answer is lost or garbled. An unprocessed fault refuses the request: nothing is accepted.
/// Defaults: 429, 503, other 4xx and provider errors are not processed; delays, stalls, aborts, 500/502/504,
/// garbled and empty bodies, and redirects are. <see cref="WithProcessed"/> overrides the default.
/// </remarks>
public sealed class SimulatorFault
{
    private const string BadGatewayPage =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private SimulatorFault(SimulatorFaultKind kind, bool processed)
    {
        Kind = kind;
        Processed = processed;
    }

    /// <summary>What the fault does.</summary>
    public SimulatorFaultKind Kind { get; }

    /// <summary>Whether the request is processed (messages accepted and charged) before the fault plays.</summary>
    public bool Processed { get; private init; }

    /// <summary>How long a <see cref="SimulatorFaultKind.Delay"/> waits.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>The HTTP status of a <see cref="SimulatorFaultKind.Status"/>, <see cref="SimulatorFaultKind.TooManyRequests"/> or <see cref="SimulatorFaultKind.Redirect"/> answer.</summary>
    public int StatusCode { get; private init; }

    /// <summary>The body of a <see cref="SimulatorFaultKind.Status"/> answer.</summary>
    public string Body { get; private init; } = string.Empty;

    /// <summary>The content type of a <see cref="SimulatorFaultKind.Status"/> answer.</summary>
    public string ContentType { get; private init; } = "text/plain";

    /// <summary>The <c>Retry-After</c> seconds sent with the answer, if any.</summary>
    public int? RetryAfterSeconds { get; private init; }

    /// <summary>The provider status code of a <see cref="SimulatorFaultKind.ProviderError"/>, e.g. <c>1005</c> or <c>X002</c>.</summary>
    public string? ProviderCode { get; private init; }

    /// <summary>The <c>Location</c> header of a <see cref="SimulatorFaultKind.Redirect"/> answer, as given.</summary>
    public string? Location { get; private init; }

    /// <summary>Waits <paramref name="delay"/>, then answers normally.</summary>
    /// <param name="delay">How long to wait; zero or more.</param>
    /// <returns>A processed fault: the request is handled first, then the answer waits. Unprocessed, the wait comes first,
    /// and a client that gives up during it leaves nothing accepted.</returns>
    public static SimulatorFault Delay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(SimulatorFaultKind.Delay, processed: true) { Duration = delay };
    }

    /// <summary>Never answers; the request ends when the client gives up (its timeout) or the simulator stops.</summary>
    /// <returns>A processed fault.</returns>
    public static SimulatorFault Stall() => new(SimulatorFaultKind.Stall, processed: true);

    /// <summary>Answers with <paramref name="statusCode"/> and <paramref name="body"/>.</summary>
    /// <param name="statusCode">The HTTP status, 100-599.</param>
    /// <param name="body">The body, sent as UTF-8.</param>
    /// <param name="contentType">Its content type.</param>
    /// <param name="retryAfterSeconds">A <c>Retry-After</c> header to send, or null.</param>
    /// <returns>A fault that is processed for 500 and above except 503, and not processed otherwise.</returns>
    public static SimulatorFault Status(int statusCode, string body = "", string contentType = "text/html", int? retryAfterSeconds = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (retryAfterSeconds is { } seconds)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(retryAfterSeconds));
        }

        return new(SimulatorFaultKind.Status, processed: statusCode >= 500 && statusCode != 503)
        {
            StatusCode = statusCode,
            Body = body,
            ContentType = contentType,
            RetryAfterSeconds = retryAfterSeconds,
        };
    }

    /// <summary>Answers 502 with the HTML page a reverse proxy shows when the gateway behind it fails.</summary>
    /// <returns>A processed fault (the gateway may have done the work before the proxy gave up).</returns>
    public static SimulatorFault BadGateway() => Status(502, BadGatewayPage, "text/html");

    /// <summary>Answers 200 <c>application/json</c> with a body that is not JSON.</summary>
    /// <returns>A processed fault.</returns>
    public static SimulatorFault MalformedJson() => new(SimulatorFaultKind.MalformedJson, processed: true);

    /// <summary>Answers 200 with the first half of the normal JSON answer (a complete HTTP response, cut JSON).</summary>
    /// <returns>A processed fault.</returns>
    public static SimulatorFault TruncatedJson() => new(SimulatorFaultKind.TruncatedJson, processed: true);

    /// <summary>Answers 200 <c>application/json</c> with no body at all.</summary>
    /// <returns>A processed fault.</returns>
    public static SimulatorFault EmptyBody() => new(SimulatorFaultKind.EmptyBody, processed: true);

    /// <summary>Reads the whole request, then resets the connection without answering.</summary>
    /// <returns>A processed fault: the provider got the request, the client never hears about it.</returns>
    public static SimulatorFault AbortAfterReadingRequest() => new(SimulatorFaultKind.AbortAfterReadingRequest, processed: true);

    /// <summary>Answers 429 Too Many Requests with <c>Retry-After: <paramref name="retryAfterSeconds"/></c>.</summary>
    /// <param name="retryAfterSeconds">The seconds to wait, zero or more.</param>
    /// <returns>A fault that is not processed.</returns>
    public static SimulatorFault TooManyRequests(int retryAfterSeconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new(SimulatorFaultKind.TooManyRequests, processed: false)
        {
            StatusCode = 429,
            Body = "Too Many Requests",
            RetryAfterSeconds = retryAfterSeconds,
        };
    }

    /// <summary>Answers 200 with the provider's error for <paramref name="code"/>, shaped as that endpoint shapes its errors.</summary>
    /// <param name="code">Synqtel <c>1001</c>-<c>1014</c> (e.g. <c>1005</c>, transient) or 254sms <c>X000</c>-<c>X003</c>.</param>
    /// <returns>A fault that is not processed: the provider refused the request.</returns>
    public static SimulatorFault ProviderError(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new(SimulatorFaultKind.ProviderError, processed: false) { ProviderCode = code.Trim() };
    }

    /// <summary>
    /// Answers <paramref name="statusCode"/> with <c>Location: <paramref name="location"/></c> and no body, as a
    /// provider behind a moved host or a misconfigured proxy does. A client that follows it sends the request,
    /// with its API key, to wherever <paramref name="location"/> points.
    /// </summary>
    /// <param name="statusCode">A redirect status, 300-399 (e.g. 302, 307).</param>
    /// <param name="location">The <c>Location</c> header, absolute (e.g. another host) or relative to the request.</param>
    /// <returns>A processed fault: the request is handled, then the answer points elsewhere. <see cref="WithProcessed"/>(false)
    /// plays a redirect that came before the provider did anything.</returns>
    public static SimulatorFault Redirect(int statusCode, string location)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 399);
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (!Uri.TryCreate(location, UriKind.RelativeOrAbsolute, out _))
        {
            throw new ArgumentException($"'{location}' is not a URI.", nameof(location));
        }

        return new(SimulatorFaultKind.Redirect, processed: true) { StatusCode = statusCode, Location = location };
    }

    /// <summary>A copy of this fault that does (or does not) process the request before failing.</summary>
    /// <param name="processed">True: accept and charge first. False: refuse.</param>
    /// <returns>The copy.</returns>
    public SimulatorFault WithProcessed(bool processed) => new(Kind, processed)
    {
        Duration = Duration,
        StatusCode = StatusCode,
        Body = Body,
        ContentType = ContentType,
        RetryAfterSeconds = RetryAfterSeconds,
        ProviderCode = ProviderCode,
        Location = Location,
    };

    /// <summary>A short description, e.g. <c>Status(502, processed)</c> or <c>Redirect(307 to http://127.0.0.1:5300/, not processed)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        string detail = Kind switch
        {
            SimulatorFaultKind.Delay => Duration.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms, ",
            SimulatorFaultKind.Status or SimulatorFaultKind.TooManyRequests => StatusCode.ToString(CultureInfo.InvariantCulture) + ", ",
            SimulatorFaultKind.ProviderError => ProviderCode + ", ",
            SimulatorFaultKind.Redirect => StatusCode.ToString(CultureInfo.InvariantCulture) + " to " + Location + ", ",
            _ => string.Empty,
        };
        return $"{Kind}({detail}{(Processed ? "processed" : "not processed")})";
    }
}
