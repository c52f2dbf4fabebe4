namespace KenyaSms.Tests.Infrastructure;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/>. Timers
/// (and so <c>Task.Delay(d, provider)</c>, <c>CancellationTokenSource(d, provider)</c>, Polly's delays and
/// timeouts) fire synchronously inside <see cref="Advance"/>, in due-time order, on the calling thread.
/// </summary>
/// <remarks>
/// A timer created or changed with a due time of zero fires at once, inside that call. To advance only after
/// the code under test has armed its timer, await <see cref="WaitForArmedTimersAsync"/> first.
/// </remarks>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<FakeTimer> _armed = [];
    private readonly CountSignal _armedCount = new();
    private DateTimeOffset _now;
    private long _nextSequence;

    /// <summary>Starts at 2025-01-01T00:00:00Z.</summary>
    public FakeTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Starts at <paramref name="startUtc"/>.</summary>
    public FakeTimeProvider(DateTimeOffset startUtc) => _now = startUtc.ToUniversalTime();

    /// <summary>Timers currently waiting to fire (created or changed with a finite due time, not yet fired or disposed).</summary>
    public int ArmedTimers => _armedCount.Current;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, earliest first.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        FireDueTimers(target);
    }

    /// <summary>Moves the clock forward to <paramref name="utcNow"/>; time never goes back.</summary>
    public void SetUtcNow(DateTimeOffset utcNow) => Advance(utcNow - GetUtcNow());

    /// <summary>Completes when at least <paramref name="count"/> timers are armed, e.g. once a retry delay has started.</summary>
    public Task WaitForArmedTimersAsync(int count, CancellationToken cancellationToken = default) =>
        _armedCount.WaitAsync(count, cancellationToken);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void FireDueTimers(DateTimeOffset target)
    {
        while (true)
        {
            FakeTimer? due = null;
            lock (_gate)
            {
                foreach (FakeTimer timer in _armed)
                {
                    if (timer.DueAt <= target && (due is null || (timer.DueAt, timer.Sequence).CompareTo((due.DueAt, due.Sequence)) < 0))
                    {
                        due = timer;
                    }
                }

                if (due is null)
                {
                    _now = Max(_now, target);
                    return;
                }

                _now = Max(_now, due.DueAt);
                if (due.Period > TimeSpan.Zero)
                {
                    Arm(due, due.DueAt + due.Period, due.Period);
                }
                else
                {
                    Disarm(due);
                }
            }

            // Outside the lock: callbacks may create, change or dispose timers.
            due.Callback(due.State);
        }
    }

    private void Arm(FakeTimer timer, DateTimeOffset dueAt, TimeSpan period)
    {
        timer.DueAt = dueAt;
        timer.Period = period;
        timer.Sequence = _nextSequence++;
        if (!_armed.Contains(timer))
        {
            _armed.Add(timer);
            _armedCount.Set(_armed.Count);
        }
    }

    private void Disarm(FakeTimer timer)
    {
        if (_armed.Remove(timer))
        {
            _armedCount.Set(_armed.Count);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        // Guarded by owner._gate.
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ValidateSpan(dueTime, nameof(dueTime));
            ValidateSpan(period, nameof(period));
            lock (owner._gate)
            {
                if (_disposed)
                {
                    return false;
                }

                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    owner.Disarm(this);
                    return true;
                }

                // Period zero or infinite means one-shot, as with System.Threading.Timer.
                owner.Arm(this, owner._now + dueTime, period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period);
            }

            if (dueTime == TimeSpan.Zero)
            {
                owner.FireDueTimers(owner.GetUtcNow());
            }

            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                _disposed = true;
                owner.Disarm(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static void ValidateSpan(TimeSpan value, string name)
        {
            if (value < Timeout.InfiniteTimeSpan || value.TotalMilliseconds > uint.MaxValue - 1)
            {
                throw new ArgumentOutOfRangeException(name, value, "Must be Timeout.InfiniteTimeSpan or between 0 and 4294967294 ms.");
            }
        }
    }
}
