using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KenyaSms.Json;
using KenyaSms.Ledger;
using KenyaSms.Policies;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Http;

/// <summary>A provider response, buffered by the resilience handler.</summary>
internal readonly record struct ProviderResponse(HttpStatusCode StatusCode, ReadOnlyMemory<byte> Body, SmsRequestState State)
{
    public bool IsSuccessStatusCode => (int)StatusCode is >= 200 and <= 299;
}

/// <summary>
/// The HTTP part every adapter shares: one named HttpClient from the factory, JSON bodies tracked for
/// "may have been sent", and the mapping of every failure to <see cref="SmsGatewayException"/>.
/// An adapter only builds its requests and interprets its provider's replies.
/// </summary>
internal sealed class ProviderHttp
{
    private readonly IHttpClientFactory _clientFactory;
    private readonly string _clientName;
    private readonly Action<HttpRequestHeaders>? _authenticate;
    private readonly Func<string?>? _secret;
    private readonly SmsTelemetry _telemetry;

    // Absolute URIs of the fixed endpoints ("sendsms", "getbalance" ...), by relative URI: a handful per provider.
    private readonly ConcurrentDictionary<string, CachedUri> _uris = new(StringComparer.Ordinal);

    public ProviderHttp(string provider, string clientName, IHttpClientFactory clientFactory, ILogger logger, SmsTelemetry telemetry, Action<HttpRequestHeaders>? authenticate = null, Func<string?>? secret = null, SendLedgerContext? ledger = null, SendPolicies? policies = null)
    {
        Ledger = ledger;
        Policies = policies;
        _telemetry = telemetry;
        Provider = provider;
        _clientName = clientName;
        _clientFactory = clientFactory;
        Logger = logger;
        _authenticate = authenticate;
        _secret = secret;
    }

    public string Provider { get; }

    public ILogger Logger { get; }

    /// <summary>The send ledger, when one is registered: sends with an idempotency key go through its protocol.</summary>
    public SendLedgerContext? Ledger { get; }

    /// <summary>Safe mode, the suppression list and the rate limit, as they apply to this provider's sends.</summary>
    public SendPolicies? Policies { get; }

    /// <summary>Sends one request through the named client (and so through the resilience handler).</summary>
    /// <remarks>A <see cref="ValueTask{TResult}"/>: awaited once by the adapter, and no task object when the handlers complete synchronously.</remarks>
    public async ValueTask<ProviderResponse> SendAsync(
        HttpMethod method,
        string relativeUri,
        TrackedJsonContent? jsonBody,
        SmsRequestKind kind,
        Func<JsonElement, bool>? isTransientBody,
        ProviderCall? call,
        CancellationToken cancellationToken,
        bool retry = true)
    {
        int query = relativeUri.IndexOf('?');
        var state = new SmsRequestState(Provider, query < 0 ? relativeUri : relativeUri.Substring(0, query), kind) { IsTransientBody = isTransientBody, Call = call, CallerToken = cancellationToken, NoRetry = !retry };
        HttpClient client = _clientFactory.CreateClient(_clientName);
        using var request = new SmsRequestState.Request(method, RequestUri(client.BaseAddress, relativeUri, query < 0), state);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        _authenticate?.Invoke(request.Headers);
        if (jsonBody is not null)
        {
            jsonBody.Track(state);
            request.Content = jsonBody;
        }

        try
        {
            // Headers-read: the resilience handler has already read the body (within the attempt timeout, under the size
            // cap) into a BufferedContent; ResponseContentRead would make HttpClient copy it a second time.
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            ReadOnlyMemory<byte> body = response.Content is BufferedContent buffered
                ? buffered.Body
                : await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            call?.SetHttpStatus((int)response.StatusCode);
            return new ProviderResponse(response.StatusCode, body, state);
        }
        catch (SmsGatewayException ex)
        {
            _ = Failed(ex, state);
            throw;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            if (kind == SmsRequestKind.Read)
            {
                throw;
            }

            bool sent = state.MayHaveBeenSent;
            call?.SetCanceled(sent);
            Log.SendCanceled(Logger, Provider, state.Operation, sent);
            throw new SmsSendCanceledException(Provider,
                $"{Provider} {state.Operation} was cancelled by the caller"
                + (sent ? "; the request body had gone out, so the provider may have accepted the send: do not resend blindly." : " before anything reached the provider."),
                sent, partialResult: null, ex, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            // Only reached when the SDK's handler is not outermost (see SmsHandlerChainFilter) or missing.
            throw Failed(new SmsGatewayException(Provider, SmsErrorCode.Transport,
                $"{Provider} {state.Operation}: the HTTP request failed ({ex.GetType().Name}).",
                isTransient: true, mayHaveBeenSent: kind == SmsRequestKind.Send && state.EverReachedProvider, innerException: ex), state);
        }
    }

    /// <summary>
    /// Reads a 2xx body with <paramref name="map"/> (a reader's mapping, e.g. <c>SynqtelResponseReader.Single</c>), from the
    /// document the retry predicate already parsed when there is one; an unreadable body is
    /// <see cref="SmsErrorCode.InvalidResponse"/> (a send may have gone out).
    /// </summary>
    public T Read<T>(ProviderResponse response, Func<JsonElement, T> map)
    {
        try
        {
            using JsonDocument document = response.State.TakeParsed(response.Body) ?? JsonValues.Parse(response.Body);
            return JsonValues.Map(response.Body.Span, document.RootElement, map);
        }
        catch (InvalidProviderResponseException ex)
        {
            throw Unreadable(response, ex.Reason, ex);
        }
    }

    // The absolute URI of a request. HttpClient would combine a relative one with its BaseAddress on every send (a new
    // Uri, its string parsed); for the fixed endpoints (no query) it is built once per base address and reused.
    private Uri RequestUri(Uri? baseAddress, string relativeUri, bool fixedEndpoint)
    {
        if (baseAddress is null || !baseAddress.IsAbsoluteUri)
        {
            return new Uri(relativeUri, UriKind.Relative); // as before: HttpClient reports the missing base address
        }

        if (!fixedEndpoint)
        {
            return new Uri(baseAddress, relativeUri);
        }

        string baseText = baseAddress.OriginalString;
        if (_uris.TryGetValue(relativeUri, out CachedUri? cached) && string.Equals(cached.Base, baseText, StringComparison.Ordinal))
        {
            return cached.Uri;
        }

        var uri = new Uri(baseAddress, relativeUri);
        _uris[relativeUri] = new CachedUri(baseText, uri);
        return uri;
    }

    /// <summary>The exception for a 2xx body that does not say what happened.</summary>
    public SmsGatewayException Unreadable(ProviderResponse response, string reason, Exception? inner = null)
    {
        bool sent = response.State.Kind == SmsRequestKind.Send;
        return Failed(new SmsGatewayException(Provider, SmsErrorCode.InvalidResponse,
            $"{Provider} {response.State.Operation}: the response (HTTP {(int)response.StatusCode}) could not be read: {reason}. Body starts: {Snippet(response.Body.Span)}"
            + SentNote(response.State.Kind, sent),
            httpStatusCode: response.StatusCode, isTransient: false, mayHaveBeenSent: sent, innerException: inner), response.State);
    }

    /// <summary>
    /// The exception for a non-2xx response. If its body carries a status code the provider documents,
    /// that code decides the error; otherwise it is a transport error with the HTTP status.
    /// </summary>
    public SmsGatewayException HttpError(ProviderResponse response, Func<ReadOnlyMemory<byte>, SmsStatus?> tryReadStatus)
    {
        SmsStatus? status = null;
        try
        {
            status = tryReadStatus(response.Body);
        }
        catch (InvalidProviderResponseException)
        {
            // Not a provider error body (an HTML error page, say): the HTTP status decides.
        }

        bool sent = response.State.MayHaveBeenSent;
        if (status is { Error: not SmsErrorCode.Unknown and not SmsErrorCode.None })
        {
            return Failed(FromStatus(status, response.StatusCode, sent, response.State), response.State);
        }

        bool transient = SmsRequestState.IsTransientStatus(response.StatusCode);
        string body = Snippet(response.Body.Span);
        return Failed(new SmsGatewayException(Provider, SmsErrorCode.Transport,
            $"{Provider} {response.State.Operation}: HTTP {(int)response.StatusCode} ({response.StatusCode}) after {response.State.Attempts} attempt(s)."
            + (SmsRequestState.IsRedirect(response.StatusCode) ? " A redirect: KenyaSms never follows one (the API key would go with it), and whoever answered had the request." : string.Empty)
            + $" Body starts: {body}"
            + SentNote(response.State.Kind, sent),
            httpStatusCode: response.StatusCode, isTransient: transient, mayHaveBeenSent: sent), response.State);
    }

    /// <summary>The exception for a request-level provider status (bad credentials, low credits ...).</summary>
    public SmsGatewayException StatusError(SmsStatus status, ProviderResponse response, bool mayHaveBeenSent = false) =>
        Failed(FromStatus(status, response.StatusCode, mayHaveBeenSent || response.State.MayHaveBeenSent, response.State), response.State);

    private SmsGatewayException FromStatus(SmsStatus status, HttpStatusCode httpStatus, bool mayHaveBeenSent, SmsRequestState state) =>
        new(Provider, status.Error,
            $"{Provider} {state.Operation}: {status.Error} ({Said(status)})." + SentNote(state.Kind, mayHaveBeenSent),
            providerCode: status.Code, httpStatusCode: httpStatus, isTransient: status.IsTransient, mayHaveBeenSent: mayHaveBeenSent && state.Kind == SmsRequestKind.Send);

    // The provider's own code and description are its text, not ours: they may echo a key or a number.
    private string Said(SmsStatus status) => Snippet(Encoding.UTF8.GetBytes($"provider code {status.Code}: {status.Description}"));

    // Provider text for an exception message. The API key is masked wherever it appears first (a provider may
    // echo it in prose, where Redact's field-name patterns cannot see it), then Redact.Snippet does the rest.
    private string Snippet(ReadOnlySpan<byte> text)
    {
        string? secret = _secret?.Invoke();
        byte[] needle = string.IsNullOrEmpty(secret) ? [] : Encoding.UTF8.GetBytes(secret);
        int at = needle.Length == 0 ? -1 : text.IndexOf(needle);
        if (at < 0)
        {
            return Redact.Snippet(text);
        }

        var scrubbed = new ArrayBufferWriter<byte>(text.Length);
        for (; at >= 0; at = text.IndexOf(needle))
        {
            scrubbed.Write(text[..at]);
            scrubbed.Write("***"u8);
            text = text[(at + needle.Length)..];
        }

        scrubbed.Write(text);
        return Redact.Snippet(scrubbed.WrittenSpan);
    }

    private SmsGatewayException Failed(SmsGatewayException exception, SmsRequestState state)
    {
        state.Call?.SetFailure(exception);
        Log.CallFailed(Logger, Provider, state.Operation, exception.Error, exception.IsTransient, exception.MayHaveBeenSent);
        return exception;
    }

    /// <summary>Starts the span and duration measurement of one provider call; dispose it when the call is over.</summary>
    public ProviderCall Call(string operation, int recipients = 0) => new(_telemetry, Provider, operation, recipients);

    /// <summary>Counts a finished send's recipients, and the segments the provider accepted.</summary>
    public void Record(SmsSendResult result, long acceptedSegments) => _telemetry.RecordSend(result, acceptedSegments);

    private static string SentNote(SmsRequestKind kind, bool mayHaveBeenSent) => kind == SmsRequestKind.Read ? string.Empty
        : mayHaveBeenSent ? " The provider may have accepted the send: do not resend blindly."
        : " The provider did not accept the send.";

    private sealed record CachedUri(string Base, Uri Uri);
}
