namespace KenyaSms.Tests.Infrastructure;

/// <summary>
/// A count that others can await: <see cref="WaitAsync"/> completes once the count reaches a target.
/// Lets tests wait for "the server has received 2 requests" or "3 timers are armed" without polling.
/// </summary>
internal sealed class CountSignal
{
    private readonly object _gate = new();
    private readonly List<(int Target, TaskCompletionSource Done)> _waiters = [];
    private int _current;

    public int Current
    {
        get { lock (_gate) { return _current; } }
    }

    public void Set(int value)
    {
        lock (_gate)
        {
            _current = value;
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target <= value)
                {
                    // RunContinuationsAsynchronously: the waiting test never runs inside our lock.
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    public Task WaitAsync(int atLeast, CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_current >= atLeast)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((atLeast, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }
}
