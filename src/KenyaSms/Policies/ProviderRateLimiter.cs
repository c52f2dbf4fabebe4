using System.Threading.RateLimiting;
using KenyaSms.Telemetry;

namespace KenyaSms.Policies;

/// <summary>
/// <c>MaxMessagesPerSecond</c> of one provider in this process: a <see cref="TokenBucketRateLimiter"/> holding one second
/// of messages, refilled to full once a second by a timer of the injected <see cref="TimeProvider"/> (so tests drive it
/// with a fake clock). The bucket's own replenishment is off: in manual mode it still measures elapsed time with the
/// Stopwatch, so it is given a one-tick period, which makes every <c>TryReplenish</c> our timer calls a full refill. A request of N messages takes N permits; requests are cut to at most the bucket's size, so a large request
/// is split rather than starved. Waiting happens before the ledger claim and outside the resilience pipeline: it sends
/// nothing and is not an attempt.
/// </summary>
internal sealed class ProviderRateLimiter : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;
    private readonly ITimer _timer;
    private readonly TimeProvider _time;
    private readonly SmsTelemetry _telemetry;
    private readonly KeyValuePair<string, object?> _providerTag;

    public ProviderRateLimiter(string provider, int messagesPerSecond, TimeProvider time, SmsTelemetry telemetry)
    {
        Provider = provider;
        Capacity = messagesPerSecond;
        _time = time;
        _telemetry = telemetry;
        _providerTag = new KeyValuePair<string, object?>("kenyasms.provider", provider);
        Period = TimeSpan.FromSeconds(1);
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = messagesPerSecond,
            TokensPerPeriod = messagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromTicks(1),
            AutoReplenishment = false, // our timer, on the injected clock, calls TryReplenish
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _timer = time.CreateTimer(static s => ((TokenBucketRateLimiter)s!).TryReplenish(), _bucket, Period, Period);
    }

    public string Provider { get; }

    /// <summary>The bucket's size: one second of messages, and the most one request may carry.</summary>
    public int Capacity { get; }

    /// <summary>How often the bucket is refilled to full (one second).</summary>
    public TimeSpan Period { get; }

    /// <summary>How many permits queued requests are waiting for (for tests and diagnostics).</summary>
    public long QueuedPermits => _bucket.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Waits for <paramref name="permits"/> (at most <see cref="Capacity"/>); the wait is recorded in <c>kenyasms.rate_limit.wait</c>.</summary>
    /// <exception cref="OperationCanceledException">The caller cancelled while waiting: nothing was sent.</exception>
    public async ValueTask AcquireAsync(int permits, CancellationToken cancellationToken)
    {
        if (permits <= 0)
        {
            return;
        }

        permits = Math.Min(permits, Capacity);
        using (RateLimitLease now = _bucket.AttemptAcquire(permits))
        {
            if (now.IsAcquired)
            {
                _telemetry.RateLimitWait.Record(0, _providerTag);
                return;
            }
        }

        long start = _time.GetTimestamp();
        using RateLimitLease lease = await _bucket.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            // Only a disposed limiter (the container is shutting down) refuses a queued request.
            throw new OperationCanceledException($"{Provider}: the rate limiter was disposed while a send waited for it; nothing was sent.");
        }

        _telemetry.RateLimitWait.Record(_time.GetElapsedTime(start).TotalSeconds, _providerTag);
    }

    public void Dispose()
    {
        _timer.Dispose();
        _bucket.Dispose();
    }
}
