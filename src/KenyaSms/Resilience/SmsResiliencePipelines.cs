using System.Collections.Concurrent;
using System.Text.Json;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace KenyaSms.Resilience;

/// <summary>
/// Builds and keeps one Polly pipeline per provider (a singleton, so the circuit breaker's state
/// outlives the HttpClientFactory's handler rotation). Order, outermost first: total timeout, then (applied by the
/// handler, inside the total budget) the concurrency limit, then retry, circuit breaker, attempt timeout.
/// When the <c>Resilience</c> settings change (reloadable configuration), the pipelines are built again from the new
/// settings for the calls that start after the change; calls in flight finish under the settings they began with.
/// A rebuilt pipeline starts with a closed circuit.
/// </summary>
internal sealed class SmsResiliencePipelines : IDisposable
{
    internal static readonly ResiliencePropertyKey<SmsRequestState> StateKey = new("KenyaSms.RequestState");
    internal static readonly ResiliencePropertyKey<long> StartedKey = new("KenyaSms.Started");

    private readonly ConcurrentDictionary<string, Entry> _pipelines = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<KenyaSmsOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SmsTelemetry _telemetry;
    private readonly IDisposable? _changes;

    public SmsResiliencePipelines(IOptionsMonitor<KenyaSmsOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory, SmsTelemetry telemetry)
    {
        _telemetry = telemetry;
        _options = options;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger("KenyaSms.Resilience");
        _changes = options.OnChange((changed, name) =>
        {
            if (string.IsNullOrEmpty(name) && !_pipelines.IsEmpty)
            {
                _pipelines.Clear();
                Log.ResilienceReloaded(_logger, changed.Resilience?.ToString() ?? "defaults");
            }
        });
    }

    public void Dispose() => _changes?.Dispose();

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>The pipeline and limiter for <paramref name="provider"/>.</summary>
    public Entry Get(string provider) => _pipelines.GetOrAdd(provider, static (p, self) => self.Create(p), this);

    private Entry Create(string provider)
    {
        SmsResilienceOptions o = _options.CurrentValue.Resilience;
        var total = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _timeProvider }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = o.TotalTimeout, Name = "total" })
            .Build();
        var attempts = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(o.MaxRetryAttempts, 1), // Polly needs >= 1; 0 is honoured in ShouldHandle
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.BaseDelay,
                ShouldHandle = args => new ValueTask<bool>(o.MaxRetryAttempts > 0 && ShouldRetry(args, o)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome)),
                OnRetry = args =>
                {
                    SmsRequestState? state = args.Context.Properties.GetValue(StateKey, null!);
                    Log.Retrying(_logger, provider, state?.Operation ?? "?", args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome));
                    _telemetry.Retries.Add(1, new KeyValuePair<string, object?>("kenyasms.provider", provider), new KeyValuePair<string, object?>("kenyasms.operation", state?.Operation));
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = o.CircuitBreakerFailureRatio,
                MinimumThroughput = o.CircuitBreakerMinimumThroughput,
                SamplingDuration = o.CircuitBreakerSamplingDuration,
                BreakDuration = o.CircuitBreakerBreakDuration,
                ShouldHandle = args => new ValueTask<bool>(IsFailure(args.Outcome)),
                OnOpened = args =>
                {
                    Log.CircuitOpened(_logger, provider, args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    Log.CircuitClosed(_logger, provider);
                    return default;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = o.AttemptTimeout, Name = "attempt" })
            .Build();
        return new Entry(total, attempts, new SemaphoreSlim(Math.Max(o.MaxConcurrentRequests, 1)), o);
    }

    /// <summary>The retry rule of reliability.md.</summary>
    private bool ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args, SmsResilienceOptions o)
    {
        SmsRequestState? state = args.Context.Properties.GetValue(StateKey, null!);
        if (state is null || state.CallerCancelled || state.NoRetry)
        {
            return false; // a cancelled send lets its last attempt finish (the grace period) but starts no other
        }

        state.DiscardParsed(); // an earlier attempt's body, if this one's is not a 2xx to parse
        bool transient;
        bool certainlyNotAccepted;
        switch (args.Outcome)
        {
            case { Exception: BrokenCircuitException }:
                return false; // fail fast, never a request
            case { Exception: OperationCanceledException } when args.Context.CancellationToken.IsCancellationRequested:
                return false; // the caller cancelled
            case { Exception: SmsHedgedCopyRefusedException }:
                return false; // like SmsResendBlockedException: the transport refused to send it again, never retried
            case { Exception: HttpRequestException or TimeoutRejectedException or IOException or OperationCanceledException }:
                transient = true;
                certainlyNotAccepted = !state.CurrentAttemptMayHaveReachedProvider;
                break;
            case { Exception: not null }:
                return false;
            case { Result: { } response }:
                if (response.IsSuccessStatusCode)
                {
                    transient = certainlyNotAccepted = IsTransientBody(state, response);
                }
                else
                {
                    transient = SmsRequestState.IsTransientStatus(response.StatusCode);
                    certainlyNotAccepted = SmsRequestState.IsTransientRefusal(response.StatusCode);
                }

                break;
            default:
                return false;
        }

        if (!transient)
        {
            return false;
        }

        if (state.Kind == SmsRequestKind.Send && !certainlyNotAccepted && !o.RetryAmbiguousSends)
        {
            return false;
        }

        // A Retry-After beyond what is left of the total budget is not waited for: give up now (R7).
        if (RetryAfter(args.Outcome) is { } wait)
        {
            long started = args.Context.Properties.GetValue(StartedKey, _timeProvider.GetTimestamp());
            TimeSpan left = o.TotalTimeout - _timeProvider.GetElapsedTime(started);
            if (wait >= left)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTransientBody(SmsRequestState state, HttpResponseMessage response)
    {
        if (state.IsTransientBody is not { } classify || response.Content is not BufferedContent buffered)
        {
            return false;
        }

        try
        {
            // The document stays on the state: the adapter maps this same body from it instead of parsing it again.
            JsonDocument document = state.ParseBody(buffered.Body);
            return JsonValues.Map(buffered.Body.Span, document.RootElement, classify);
        }
        catch (InvalidProviderResponseException)
        {
            // Unreadable is not "try later": the adapter reports it as InvalidResponse (a send may have gone out).
            // Thrown from here it would escape the retry predicate and surface as "nothing was sent".
            return false;
        }
    }

    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: OperationCanceledException } => false, // the caller cancelled: not the provider's fault
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result: { } r } => SmsRequestState.IsTransientStatus(r.StatusCode),
        _ => false,
    };

    private TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            TimeSpan d = date - _timeProvider.GetUtcNow();
            return d < TimeSpan.Zero ? TimeSpan.Zero : d;
        }

        return null;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "attempt timed out",
        { Exception: HttpRequestException e } => "HTTP request failed (" + HttpRequestErrors.Name(e) + ")",
        { Exception: { } e } => e.GetType().Name,
        { Result: { } r } => "HTTP " + (int)r.StatusCode,
        _ => "unknown",
    };

    /// <summary>
    /// A provider's pipelines: the total timeout, inside which the handler waits for a slot of the concurrency
    /// limiter and then runs the attempts (retry, circuit breaker, attempt timeout); and the options they were built with.
    /// </summary>
    internal sealed record Entry(ResiliencePipeline<HttpResponseMessage> Total, ResiliencePipeline<HttpResponseMessage> Attempts, SemaphoreSlim Limiter, SmsResilienceOptions Options);
}
