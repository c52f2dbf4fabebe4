using Microsoft.Extensions.Time.Testing;

namespace KenyaSms.Tests.Infrastructure;

/// <summary>
/// The library's <see cref="FakeTimeProvider"/> plus the one thing it does not expose: how many timers are armed.
/// A test awaits <see cref="WaitForArmedTimersAsync"/> so that it advances the clock only once the code under test
/// has started the delay or timeout it means to end (otherwise the advance happens first and the timer never fires).
/// </summary>
public sealed class ArmedTimersFakeTimeProvider : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly CountSignal _armedCount = new();
    private int _armed;

    /// <summary>Starts where the library's fake starts (2000-01-01T00:00:00Z).</summary>
    public ArmedTimersFakeTimeProvider()
    {
    }

    /// <summary>Starts at <paramref name="startDateTime"/>.</summary>
    public ArmedTimersFakeTimeProvider(DateTimeOffset startDateTime)
        : base(startDateTime)
    {
    }

    /// <summary>Timers currently waiting to fire (created or changed with a finite due time, not yet fired or disposed).</summary>
    public int ArmedTimers => _armedCount.Current;

    /// <summary>Completes when at least <paramref name="count"/> timers are armed, e.g. once a retry delay has started.</summary>
    public Task WaitForArmedTimersAsync(int count, CancellationToken cancellationToken = default) =>
        _armedCount.WaitAsync(count, cancellationToken);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var counted = new CountedTimer(this, period);
        // Armed before the base creates it: a due time of zero fires (and disarms) inside that call.
        counted.SetArmed(dueTime != Timeout.InfiniteTimeSpan);
        counted.Inner = base.CreateTimer(s => { counted.OnFired(); callback(s); }, state, dueTime, period);
        return counted;
    }

    private void Count(int delta)
    {
        lock (_gate)
        {
            _armed += delta;
            _armedCount.Set(_armed);
        }
    }

    private sealed class CountedTimer(ArmedTimersFakeTimeProvider owner, TimeSpan period) : ITimer
    {
        private readonly object _gate = new();
        private TimeSpan _period = period;
        private bool _armed;
        private bool _disposed;

        public ITimer Inner { get; set; } = null!;

        public void SetArmed(bool armed)
        {
            lock (_gate)
            {
                if (_disposed || armed == _armed)
                {
                    return;
                }

                _armed = armed;
                owner.Count(armed ? 1 : -1);
            }
        }

        // A one-shot timer (period zero or infinite) is no longer armed once it has fired.
        public void OnFired()
        {
            bool oneShot;
            lock (_gate)
            {
                oneShot = _period == TimeSpan.Zero || _period == Timeout.InfiniteTimeSpan;
            }

            if (oneShot)
            {
                SetArmed(false);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                _period = period;
            }

            SetArmed(dueTime != Timeout.InfiniteTimeSpan);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            SetArmed(false);
            lock (_gate)
            {
                _disposed = true;
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
