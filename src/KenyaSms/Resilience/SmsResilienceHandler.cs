using KenyaSms.Http;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Logging;
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
/// <remarks>
/// <see cref="SmsHandlerChainFilter"/> makes this the outermost handler the application's configuration added, and
/// <see cref="SmsTransportHandler"/> the innermost: every other handler runs once per attempt in between. The caller's
/// cancellation does not abort an attempt whose body is going out: it gets <see cref="SmsResilienceOptions.CancellationGracePeriod"/>
/// to finish, so the outcome of a send is known (api.md 8a).
/// </remarks>
internal sealed class SmsResilienceHandler : DelegatingHandler
{
    private readonly string _provider;
    private readonly SmsResiliencePipelines _pipelines;
    private readonly ILogger _logger;

    public SmsResilienceHandler(string provider, SmsResiliencePipelines pipelines, ILogger logger)
    {
        _provider = provider;
        _pipelines = pipelines;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SmsRequestState state = SmsRequestState.Get(request)
            ?? new SmsRequestState(_provider, request.RequestUri?.AbsolutePath ?? "?", request.Method == HttpMethod.Get ? SmsRequestKind.Read : SmsRequestKind.Send);
        if (!state.TryEnterHandler())
        {
            // Some layer outside this handler (a retry or hedging handler the application put around every client) is
            // sending a send again that already went out, or is going out now.
            Log.ResendRefused(_logger, _provider, state.Operation);
            throw new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{_provider} {state.Operation}: a handler outside KenyaSms's tried to send this request again after it may have reached the provider"
                + (state.LastStatus is { } last ? $" (it answered HTTP {(int)last})" : string.Empty)
                + "; KenyaSms refused. The provider may have accepted the send: do not resend blindly.",
                httpStatusCode: state.LastStatus, isTransient: false, mayHaveBeenSent: true);
        }

        SmsResiliencePipelines.Entry entry = _pipelines.Get(_provider);
        using GraceWindow? grace = state.Kind == SmsRequestKind.Send && state.CallerToken.CanBeCanceled
            ? new GraceWindow(state, entry.Options.CancellationGracePeriod, _pipelines.TimeProvider, state.CallerToken)
            : null;
        ResilienceContext context = ResilienceContextPool.Shared.Get(grace?.Token ?? cancellationToken);
        try
        {
            context.Properties.Set(SmsResiliencePipelines.StateKey, state);
            context.Properties.Set(SmsResiliencePipelines.StartedKey, _pipelines.TimeProvider.GetTimestamp());
            Outcome<HttpResponseMessage> outcome = await entry.Total.ExecuteOutcomeAsync(
                static (ctx, s) => s.Handler.LimitedAsync(ctx, s.Request, s.State, s.Entry),
                context,
                (Handler: this, Request: request, State: state, Entry: entry)).ConfigureAwait(false);

            if (outcome.Exception is { } exception)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    // The caller's cancellation, after the grace period if a body was going out; ProviderHttp makes a
                    // send's SmsSendCanceledException of it, with what the state says about the send.
                    throw new OperationCanceledException($"{_provider} {state.Operation} was cancelled by the caller.", exception, cancellationToken);
                }

                throw ToGatewayException(exception, state, entry.Options);
            }

            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // Inside the total timeout: waiting for a request slot spends the call's budget, not a budget of its own.
    private async ValueTask<Outcome<HttpResponseMessage>> LimitedAsync(ResilienceContext context, HttpRequestMessage request, SmsRequestState state, SmsResiliencePipelines.Entry entry)
    {
        try
        {
            await entry.Limiter.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }

        try
        {
            return await entry.Attempts.ExecuteOutcomeAsync(
                static async (ctx, s) => await s.Handler.AttemptAsync(s.Request, s.State, s.MaxBytes, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (Handler: this, Request: request, State: state, MaxBytes: entry.Options.MaxResponseBytes)).ConfigureAwait(false);
        }
        finally
        {
            entry.Limiter.Release();
        }
    }

    private async Task<Outcome<HttpResponseMessage>> AttemptAsync(HttpRequestMessage request, SmsRequestState state, int maxBytes, CancellationToken cancellationToken)
    {
        if (state.CallerCancelled)
        {
            return Outcome.FromException<HttpResponseMessage>(new OperationCanceledException(cancellationToken)); // no attempt after a cancellation
        }

        state.BeginAttempt();
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (SmsRequestState.IsAmbiguousStatus(response.StatusCode))
            {
                state.MarkMayHaveBeenSent();
            }

            state.MarkReadingBody();
            await BufferedContent.BufferAsync(response, maxBytes, cancellationToken).ConfigureAwait(false);
            state.MarkBodyRead();
            return Outcome.FromResult(response);
        }
#pragma warning disable CA1031 // Every failure becomes an outcome that the pipeline classifies.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            response?.Dispose();
            if (state.CurrentAttemptMayHaveReachedProvider)
            {
                state.MarkMayHaveBeenSent();
            }

            return Outcome.FromException<HttpResponseMessage>(ex);
        }
        finally
        {
            state.EndAttempt();
        }
    }

    private SmsGatewayException ToGatewayException(Exception exception, SmsRequestState state, SmsResilienceOptions options)
    {
        string what = $"{_provider} {state.Operation}";
        // Anything unforeseen (thrown by the pipeline itself, say) is only "not sent" if the body provably never left.
        bool sent = state.MayHaveBeenSent
            || (exception is not (BrokenCircuitException or ResponseTooLargeException or TimeoutRejectedException or HttpRequestException)
                && state.Kind == SmsRequestKind.Send && state.Attempts > 0 && state.CurrentAttemptMayHaveReachedProvider);
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
            TimeoutRejectedException when state.Attempts == 0 => new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{what}: no request slot became free within the total timeout ({options.TotalTimeout}; MaxConcurrentRequests = {options.MaxConcurrentRequests}); nothing was sent.",
                isTransient: true, mayHaveBeenSent: false, innerException: exception),
            TimeoutRejectedException when state.CurrentAttemptReadingBody => new SmsGatewayException(_provider, SmsErrorCode.InvalidResponse,
                $"{what}: the response body did not arrive within the attempt timeout ({options.AttemptTimeout}) after {state.Attempts} attempt(s)." + sentNote,
                isTransient: true, mayHaveBeenSent: sent, innerException: exception),
            TimeoutRejectedException => new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{what}: timed out after {state.Attempts} attempt(s) (attempt timeout {options.AttemptTimeout}, total {options.TotalTimeout})." + sentNote,
                isTransient: true, mayHaveBeenSent: sent, innerException: exception),
            SmsResendBlockedException or SmsHedgedCopyRefusedException => new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{what}: a handler between KenyaSms and the network tried to send the request again after the provider may have received it"
                + (state.LastStatus is { } status ? $" (it answered HTTP {(int)status})" : string.Empty) + "; KenyaSms stopped it." + sentNote,
                httpStatusCode: state.LastStatus, isTransient: false, mayHaveBeenSent: sent, innerException: exception),
            HttpRequestException http => new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{what}: {HttpRequestErrors.Describe(http, sent, state.Kind == SmsRequestKind.Send)}; {state.Attempts} attempt(s)." + sentNote,
                isTransient: true, mayHaveBeenSent: sent, innerException: exception),
            _ => new SmsGatewayException(_provider, SmsErrorCode.Transport,
                $"{what}: the request failed after {state.Attempts} attempt(s) ({exception.GetType().Name})." + sentNote,
                isTransient: true, mayHaveBeenSent: sent, innerException: exception),
        };
    }
}
