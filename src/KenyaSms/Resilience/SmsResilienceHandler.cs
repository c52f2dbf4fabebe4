using KenyaSms.Internal;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace KenyaSms.Resilience;

/// <summary>
/// Runs every request of one provider's named HttpClient through that provider's pipeline, buffers the
/// response within the attempt (so the attempt timeout and the size cap cover the body), records
/// whether a send may have reached the provider, and turns transport failures into
/// <see cref="SmsGatewayException"/>. Responses, whatever their status, are returned to the adapter.
/// </summary>
internal sealed class SmsResilienceHandler : DelegatingHandler
{
    private readonly string _provider;
    private readonly SmsResiliencePipelines _pipelines;

    public SmsResilienceHandler(string provider, SmsResiliencePipelines pipelines)
    {
        _provider = provider;
        _pipelines = pipelines;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SmsRequestState state = SmsRequestState.Get(request)
            ?? new SmsRequestState(_provider, request.RequestUri?.AbsolutePath ?? "?", request.Method == HttpMethod.Get ? SmsRequestKind.Read : SmsRequestKind.Send);
        SmsResiliencePipelines.Entry entry = _pipelines.Get(_provider);

        if (!await entry.Limiter.WaitAsync(entry.Options.TotalTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{_provider} {state.Operation}: no request slot became free within {entry.Options.TotalTimeout} (MaxConcurrentRequests = {entry.Options.MaxConcurrentRequests}); nothing was sent.",
                isTransient: true, mayHaveBeenSent: false);
        }

        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(SmsResiliencePipelines.StateKey, state);
            context.Properties.Set(SmsResiliencePipelines.StartedKey, _pipelines.TimeProvider.GetTimestamp());
            Outcome<HttpResponseMessage> outcome = await entry.Pipeline.ExecuteOutcomeAsync(
                static async (ctx, s) => await s.Handler.AttemptAsync(s.Request, s.State, s.MaxBytes, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (Handler: this, Request: request, State: state, MaxBytes: entry.Options.MaxResponseBytes)).ConfigureAwait(false);

            if (outcome.Exception is { } exception)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw ToGatewayException(exception, state, entry.Options);
            }

            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            entry.Limiter.Release();
        }
    }

    private async Task<Outcome<HttpResponseMessage>> AttemptAsync(HttpRequestMessage request, SmsRequestState state, int maxBytes, CancellationToken cancellationToken)
    {
        state.BeginAttempt();
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            state.MarkReadingBody();
            await BufferedContent.BufferAsync(response, maxBytes, cancellationToken).ConfigureAwait(false);
            state.MarkBodyRead();
            if (SmsRequestState.IsAmbiguousStatus(response.StatusCode))
            {
                state.MarkMayHaveBeenSent();
            }

            return Outcome.FromResult(response);
        }
#pragma warning disable CA1031 // Every failure becomes an outcome that the pipeline classifies.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            response?.Dispose();
            if (state.CurrentAttemptBodyStarted)
            {
                state.MarkMayHaveBeenSent();
            }

            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    private SmsGatewayException ToGatewayException(Exception exception, SmsRequestState state, SmsResilienceOptions options)
    {
        string what = $"{_provider} {state.Operation}";
        // Anything unforeseen (thrown by the pipeline itself, say) is only "not sent" if the body provably never left.
        bool sent = state.MayHaveBeenSent
            || (exception is not (BrokenCircuitException or ResponseTooLargeException or TimeoutRejectedException or HttpRequestException)
                && state.Kind == SmsRequestKind.Send && state.CurrentAttemptBodyStarted);
        string sentNote = state.Kind == SmsRequestKind.Read ? string.Empty
            : sent ? " The request body went out, so the provider may have accepted the send: do not resend blindly."
            : " Nothing reached the provider.";
        return exception switch
        {
            BrokenCircuitException => new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{what}: the circuit is open after repeated failures; the call failed fast." + sentNote,
                isTransient: true, mayHaveBeenSent: sent, innerException: exception),
            ResponseTooLargeException => new SmsGatewayException(_provider, SmsErrorCode.InvalidResponse,
                $"{what}: the response body is larger than {options.MaxResponseBytes} bytes." + sentNote,
                isTransient: false, mayHaveBeenSent: sent, innerException: exception),
            TimeoutRejectedException when state.CurrentAttemptReadingBody => new SmsGatewayException(_provider, SmsErrorCode.InvalidResponse,
                $"{what}: the response body did not arrive within the attempt timeout ({options.AttemptTimeout}) after {state.Attempts} attempt(s)." + sentNote,
                isTransient: true, mayHaveBeenSent: sent, innerException: exception),
            TimeoutRejectedException => new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{what}: timed out after {state.Attempts} attempt(s) (attempt timeout {options.AttemptTimeout}, total {options.TotalTimeout})." + sentNote,
                isTransient: true, mayHaveBeenSent: sent, innerException: exception),
            HttpRequestException http => new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{what}: the HTTP request failed after {state.Attempts} attempt(s) ({HttpRequestErrors.Name(http)}: {http.Message})." + sentNote,
                isTransient: true, mayHaveBeenSent: sent, innerException: exception),
            _ => new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{what}: the request failed after {state.Attempts} attempt(s) ({exception.GetType().Name})." + sentNote,
                isTransient: true, mayHaveBeenSent: sent, innerException: exception),
        };
    }
}
