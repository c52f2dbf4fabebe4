using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace KenyaSms.Simulator.Internal;

/// <summary>
/// Every provider request goes through here: read the whole body, record it, pick a fault, process (or not),
/// answer (or not). Faults act on a finished <see cref="ProviderReply"/>, so each kind works on every endpoint.
/// </summary>
internal sealed class ProviderPipeline
{
    private readonly ProviderApi _api;
    private readonly SimulatorState _state;
    private readonly SimulatorLedger _ledger;
    private readonly SimulatorFaults _faults;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;

    public ProviderPipeline(ProviderApi api, SimulatorState state, SimulatorLedger ledger, SimulatorFaults faults, TimeProvider time, CancellationToken stopping)
    {
        _api = api;
        _state = state;
        _ledger = ledger;
        _faults = faults;
        _time = time;
        _stopping = stopping;
    }

    public async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
        CancellationToken ct = linked.Token;
        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request, ct).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Too large, bad framing: Kestrel's own answer, and nothing was "received".
            context.Response.StatusCode = e.StatusCode;
            return;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away before the body was complete: nothing recorded.
            context.Abort();
            return;
        }

        HttpRequest http = context.Request;
        string endpoint = EndpointName(http.Path);
        RequestTicket ticket = _ledger.AddRequest(_api.Provider, endpoint, http.Method, RawTarget(context), Headers(http), Encoding.UTF8.GetString(body));
        var request = new IncomingRequest(endpoint, http.Method, http.Query, http.Headers, body, ticket);
        SimulatorFault? fault = _faults.Next(_api.Provider, endpoint);
        try
        {
            ProviderReply? reply = await PlayAsync(request, fault, ct).ConfigureAwait(false);
            if (reply is null)
            {
                _ledger.Complete(ticket, SimulatorRequestOutcome.Aborted, null, fault);
                context.Abort();
                return;
            }

            _ledger.Complete(ticket, SimulatorRequestOutcome.Answered, reply.StatusCode, fault);
            await WriteAsync(context.Response, reply, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            _ledger.Complete(ticket, SimulatorRequestOutcome.Aborted, null, fault);
            context.Abort();
        }
    }

    /// <summary>The answer to send, or null to reset the connection.</summary>
    private async Task<ProviderReply?> PlayAsync(IncomingRequest request, SimulatorFault? fault, CancellationToken ct)
    {
        if (fault is null)
        {
            return Process(request);
        }

        if (fault.Kind == SimulatorFaultKind.Delay && !fault.Processed)
        {
            // Unprocessed delay: wait first; a client that gives up meanwhile leaves nothing accepted.
            await Task.Delay(fault.Duration, _time, ct).ConfigureAwait(false);
            return Process(request);
        }

        ProviderReply? processed = fault.Processed ? Process(request) : null;
        switch (fault.Kind)
        {
            case SimulatorFaultKind.Delay:
                await Task.Delay(fault.Duration, _time, ct).ConfigureAwait(false);
                return processed;
            case SimulatorFaultKind.Stall:
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, ct).ConfigureAwait(false);
                return null;
            case SimulatorFaultKind.AbortAfterReadingRequest:
                return null;
            case SimulatorFaultKind.Status:
            case SimulatorFaultKind.TooManyRequests:
                return new ProviderReply(fault.StatusCode, fault.ContentType, Encoding.UTF8.GetBytes(fault.Body), fault.RetryAfterSeconds);
            case SimulatorFaultKind.ProviderError:
                return _api.Refusal(request, fault.ProviderCode!);
            case SimulatorFaultKind.Redirect:
                return new ProviderReply(fault.StatusCode, "text/html", [], Location: fault.Location);
            case SimulatorFaultKind.MalformedJson:
                return new ProviderReply(200, ProviderReply.JsonType, _api.MalformedBody);
            case SimulatorFaultKind.TruncatedJson:
                byte[] whole = processed?.Body ?? _api.UnprocessedTruncationSource;
                return new ProviderReply(200, ProviderReply.JsonType, whole[..(whole.Length / 2)]);
            default:
                return new ProviderReply(200, ProviderReply.JsonType, []);
        }
    }

    private ProviderReply Process(IncomingRequest request)
    {
        lock (_state.Gate)
        {
            try
            {
                return _api.Handle(request);
            }
#pragma warning disable CA1031 // A simulator bug must still answer in the provider's shape, never with a stack trace.
            catch (Exception)
#pragma warning restore CA1031
            {
                return _api.InternalError();
            }
        }
    }

    private static async Task WriteAsync(HttpResponse response, ProviderReply reply, CancellationToken ct)
    {
        response.StatusCode = reply.StatusCode;
        response.ContentType = reply.ContentType;
        response.ContentLength = reply.Body.Length;
        if (reply.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (reply.Location is { } location)
        {
            response.Headers.Location = location;
        }

        if (reply.WwwAuthenticate is { } challenge)
        {
            response.Headers.WWWAuthenticate = challenge;
        }

        await response.Body.WriteAsync(reply.Body, ct).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private string EndpointName(PathString path)
    {
        string rest = path.Value is { } value && value.Length > _api.PathPrefix.Length ? value[_api.PathPrefix.Length..] : string.Empty;
        return rest.Trim('/').ToLowerInvariant();
    }

    private static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : context.Request.Path.Value + context.Request.QueryString.Value;

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
}
