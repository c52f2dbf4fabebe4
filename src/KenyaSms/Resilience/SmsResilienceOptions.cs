namespace KenyaSms;

/// <summary>
/// Timeouts, retries and the circuit breaker around every provider request; configuration section
/// <c>KenyaSms:Resilience</c>. A send is retried only when the provider certainly did not take it.
/// </summary>
public sealed class SmsResilienceOptions
{
    /// <summary>Retries after the first attempt (0 disables retries). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter. A <c>Retry-After</c> header wins. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The limit for one attempt, including reading the response. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The limit for a whole call, all attempts and delays included. Default 30 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When true, a send whose outcome is unknown (timeout or reset after the body went out, HTTP
    /// 500/502/504) is retried, accepting a possible duplicate SMS over a possible loss. Default false.
    /// </summary>
    public bool RetryAmbiguousSends { get; set; }

    /// <summary>
    /// How long a send whose request body has started to go out may still run after the caller's token is cancelled,
    /// so that its outcome is known (accepted, rejected) instead of "may have been sent"; never beyond the attempt
    /// timeout. No new attempt starts after a cancellation. <see cref="TimeSpan.Zero"/> aborts at once. Reads
    /// (balance, lookup) stop at once. Default 5 s.
    /// </summary>
    public TimeSpan CancellationGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The failure ratio over <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit. Default 0.1.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.1;

    /// <summary>How many requests must be seen in the sampling window before the circuit can open. Default 100.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 100;

    private TimeSpan? _circuitBreakerSamplingDuration;

    /// <summary>
    /// The window over which failures are counted; at least twice <see cref="AttemptTimeout"/>. Default 30 s, or
    /// twice <see cref="AttemptTimeout"/> when that is longer (so raising the attempt timeout alone never fails
    /// validation on a setting you did not touch); a value you set is kept as set.
    /// </summary>
    public TimeSpan CircuitBreakerSamplingDuration
    {
        get => _circuitBreakerSamplingDuration ?? (AttemptTimeout + AttemptTimeout > DefaultSamplingDuration ? AttemptTimeout + AttemptTimeout : DefaultSamplingDuration);
        set => _circuitBreakerSamplingDuration = value;
    }

    private static TimeSpan DefaultSamplingDuration => TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before letting a trial request through. Default 5 s.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most requests in flight at once per provider; further calls wait their turn. Default 64.</summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>The largest response body read, in bytes; a larger one is an invalid response. Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <inheritdoc/>
    public override string ToString() =>
        $"SmsResilienceOptions {{ MaxRetryAttempts = {MaxRetryAttempts}, AttemptTimeout = {AttemptTimeout}, TotalTimeout = {TotalTimeout}, RetryAmbiguousSends = {RetryAmbiguousSends}, CancellationGracePeriod = {CancellationGracePeriod} }}";
}
