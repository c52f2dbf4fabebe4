namespace KenyaSms.Http;

/// <summary>
/// The innermost handler of the SDK's named clients, directly above the primary handler (put there by
/// <see cref="SmsHandlerChainFilter"/>, whatever else the application configured). Every handler in between, the
/// application's included, has had its turn, so this is where "did this attempt reach the provider" is known:
/// whether the body started to go out (<see cref="TransportContent"/>), and what the provider answered. It also
/// refuses to send again a request that an earlier transport call of the same attempt may have delivered: a retry
/// layer between the SDK's handler and the network (a user's, or Microsoft's standard resilience handler added for
/// every client) never duplicates a send.
/// </summary>
internal sealed class SmsTransportHandler : DelegatingHandler
{
    public SmsTransportHandler(HttpMessageHandler primary)
        : base(primary)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SmsRequestState? state = SmsRequestState.Get(request);
        if (state is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        Task? busy;
        bool waited = false;
        while (!state.TryEnterTransport(out busy))
        {
            if (busy is null)
            {
                // A copy that waited for the original (hedging) must not beat the original's answer to the hedging
                // handler: it fails as a handled, transient-looking error, and the hedging handler takes the original.
                throw waited
                    ? new SmsHedgedCopyRefusedException(state.Provider, state.Operation)
                    : new SmsResendBlockedException(state.Provider, state.Operation);
            }

            waited = true;
            await busy.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // The SDK's own body tells when it goes out, unless something read it before (then .NET copies its buffer and
        // only a wrapper at this point sees the write).
        HttpContent? content = state.Kind == SmsRequestKind.Send
            && !(request.Content is TrackedJsonContent { ReadOutsideTransport: false } own && ReferenceEquals(own.State, state))
            ? request.Content
            : null;
        Uri? uri = request.RequestUri;
        try
        {
            if (content is not null)
            {
                request.Content = new TransportContent(content, state);
            }

            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(request.RequestUri, uri))
            {
                // A primary handler the application supplied followed a redirect (the SDK turns it off on the standard
                // ones): the request went out, and this answer is some other URL's.
                state.MarkProviderMayHaveIt();
                state.MarkMayHaveBeenSent();
            }

            state.TransportAnswered(response.StatusCode);
            return response;
        }
        catch when (state.CurrentAttemptBodyStarted)
        {
            state.MarkProviderMayHaveIt();
            throw;
        }
        finally
        {
            if (content is not null)
            {
                request.Content = content;
            }

            state.ExitTransport();
        }
    }
}
