using System.Collections.Concurrent;

namespace KenyaSms.Tests.Resilience;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also records every timer's due time and whether it fired, so a test
/// can wait for "the SDK armed a 1 s timer" (a Retry-After delay) and prove it fires only once 1 s has passed.
/// </summary>
internal sealed class WatchedTimeProvider : TimeProvider
{
    // Starts at 2025-01-01T00:00:00Z, which the Retry-After dates of SendRetryRuleTests count from.
    private readonly FakeTimeProvider _inner = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentDictionary<TimeSpan, TaskCompletionSource<WatchedTimer>> _firstByDueTime = new();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    /// <summary>Moves the fake clock, firing due timers synchronously (see <see cref="FakeTimeProvider.Advance"/>).</summary>
    public void Advance(TimeSpan delta) => _inner.Advance(delta);

    /// <summary>Completes with the first timer created with exactly <paramref name="dueTime"/>.</summary>
    public Task<WatchedTimer> WaitForTimerAsync(TimeSpan dueTime) =>
        Waiter(dueTime).Task.WaitAsync(ResilienceTestHost.Guard);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(dueTime);
        ITimer timer = _inner.CreateTimer(s => { watched.MarkFired(); callback(s); }, state, dueTime, period);
        Waiter(dueTime).TrySetResult(watched);
        return timer;
    }

    private TaskCompletionSource<WatchedTimer> Waiter(TimeSpan dueTime) =>
        _firstByDueTime.GetOrAdd(dueTime, static _ => new TaskCompletionSource<WatchedTimer>(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>A timer as created: its due time, and whether its callback ran.</summary>
internal sealed class WatchedTimer(TimeSpan dueTime)
{
    private int _fired;

    public TimeSpan DueTime { get; } = dueTime;

    public bool Fired => Volatile.Read(ref _fired) != 0;

    public void MarkFired() => Volatile.Write(ref _fired, 1);
}
