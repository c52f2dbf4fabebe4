using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace KenyaSms.Benchmarks.Infrastructure;

/// <summary>
/// A Polly pipeline of the SDK's shape (total timeout, retry, circuit breaker, attempt timeout, with the SDK's default
/// timeouts; nothing ever retried or counted) and a handler that runs the rest of an HttpClient chain inside it: what a
/// hand-written call costs once it has the same protections, without the SDK's own work.
/// </summary>
internal static class SdkShapedPolly
{
    /// <summary>The pipeline: <paramref name="timeouts"/> adds the two timeouts, <paramref name="retryAndBreaker"/> the retry and the breaker.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Pipeline(bool timeouts, bool retryAndBreaker)
    {
        var defaults = new SmsResilienceOptions();
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (timeouts)
        {
            builder.AddTimeout(defaults.TotalTimeout);
        }

        if (retryAndBreaker)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage> { ShouldHandle = _ => new ValueTask<bool>(false) })
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage> { ShouldHandle = _ => new ValueTask<bool>(false) });
        }

        if (timeouts)
        {
            builder.AddTimeout(defaults.AttemptTimeout);
        }

        return builder.Build();
    }

    /// <summary>
    /// Runs the rest of the chain inside a Polly pipeline, as SmsResilienceHandler does (without the SDK's own work); a
    /// failure becomes an outcome the pipeline classifies. <paramref name="prepare"/>, when given, puts what the
    /// pipeline's predicates need from the request onto its pooled context.
    /// </summary>
    public sealed class Handler(ResiliencePipeline<HttpResponseMessage> pipeline, Action<HttpRequestMessage, ResilienceContext>? prepare = null) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
            try
            {
                prepare?.Invoke(request, context);
                Outcome<HttpResponseMessage> outcome = await pipeline.ExecuteOutcomeAsync(
                    static async (ctx, s) =>
                    {
                        try
                        {
                            return Outcome.FromResult(await s.Self.Next(s.Request, ctx.CancellationToken).ConfigureAwait(false));
                        }
#pragma warning disable CA1031 // every failure becomes an outcome the pipeline classifies
                        catch (Exception ex)
#pragma warning restore CA1031
                        {
                            return Outcome.FromException<HttpResponseMessage>(ex);
                        }
                    },
                    context,
                    (Self: this, Request: request)).ConfigureAwait(false);
                outcome.ThrowIfException();
                return outcome.Result!;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private Task<HttpResponseMessage> Next(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
    }
}
