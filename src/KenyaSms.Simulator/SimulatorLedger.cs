using KenyaSms.Simulator.Internal;

namespace KenyaSms.Simulator;

/// <summary>
/// Everything the simulator saw and did: each request it read in full, each message it accepted, each delivery
/// report it posted. Thread-safe; every property returns a snapshot. Tests use it to prove "sent exactly once".
/// </summary>
/// <example>
/// <code>
/// await sim.Ledger.WaitForDeliveryReportsAsync(1, cancellationToken);
/// Assert.Single(sim.Ledger.Messages, m => m.Mobile == "+254722310558");
/// </code>
/// </example>
public sealed class SimulatorLedger
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly List<SimulatorRequest> _requests = [];
    private readonly List<SimulatorMessage> _messages = [];
    private readonly List<SimulatorDeliveryReport> _reports = [];
    private readonly List<(Func<SimulatorLedger, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private int _generation;

    internal SimulatorLedger(TimeProvider time) => _time = time;

    /// <summary>The requests read in full, in order of arrival.</summary>
    public IReadOnlyList<SimulatorRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>The messages accepted, in order.</summary>
    public IReadOnlyList<SimulatorMessage> Messages
    {
        get { lock (_gate) { return [.. _messages]; } }
    }

    /// <summary>The delivery reports posted (successfully or not), in the order the posts finished.</summary>
    public IReadOnlyList<SimulatorDeliveryReport> DeliveryReports
    {
        get { lock (_gate) { return [.. _reports]; } }
    }

    /// <summary>Completes once at least <paramref name="count"/> requests have been read in full.</summary>
    /// <param name="count">The number to wait for.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(l => l.Requests.Count >= count, cancellationToken);

    /// <summary>Completes once at least <paramref name="count"/> messages have been accepted.</summary>
    /// <param name="count">The number to wait for.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public Task WaitForMessagesAsync(int count, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(l => l.Messages.Count >= count, cancellationToken);

    /// <summary>Completes once at least <paramref name="count"/> delivery-report posts have finished.</summary>
    /// <param name="count">The number to wait for.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public Task WaitForDeliveryReportsAsync(int count, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(l => l.DeliveryReports.Count >= count, cancellationToken);

    /// <summary>Completes once <paramref name="condition"/> holds; it is checked now and after every change to the ledger.</summary>
    /// <param name="condition">Looks at the ledger; must be quick and must not block.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the condition holds (or faults if the condition throws).</returns>
    /// <example><c>await sim.Ledger.WaitUntilAsync(l => l.Requests.All(r => r.Outcome != SimulatorRequestOutcome.Pending));</c></example>
    public Task WaitUntilAsync(Func<SimulatorLedger, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets every request, message and delivery report. Request indexes start again at 0.</summary>
    public void Reset() => Change(() =>
    {
        _requests.Clear();
        _messages.Clear();
        _reports.Clear();
        _generation++;
    });

    internal RequestTicket AddRequest(SimulatorProvider provider, string endpoint, string method, string target, IReadOnlyDictionary<string, string> headers, string body)
    {
        RequestTicket ticket = default;
        Change(() =>
        {
            ticket = new RequestTicket(_requests.Count, _generation);
            _requests.Add(new SimulatorRequest(ticket.Index, provider, endpoint, method, target, headers, body, _time.GetUtcNow(),
                SimulatorRequestOutcome.Pending, StatusCode: null, Fault: null));
        });
        return ticket;
    }

    /// <summary>Records how a request ended; ignored when the ledger was reset meanwhile.</summary>
    internal void Complete(RequestTicket ticket, SimulatorRequestOutcome outcome, int? statusCode, SimulatorFault? fault) => Change(() =>
    {
        if (ticket.Generation == _generation && ticket.Index < _requests.Count)
        {
            _requests[ticket.Index] = _requests[ticket.Index] with { Outcome = outcome, StatusCode = statusCode, Fault = fault?.ToString() };
        }
    });

    internal void AddMessage(SimulatorMessage message) => Change(() => _messages.Add(message));

    internal void AddDeliveryReport(SimulatorDeliveryReport report) => Change(() => _reports.Add(report));

    internal DateTimeOffset Now() => _time.GetUtcNow();

    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                (Func<SimulatorLedger, bool> condition, TaskCompletionSource done) = _waiters[i];
                try
                {
                    if (!done.Task.IsCompleted && !condition(this))
                    {
                        continue;
                    }

                    done.TrySetResult();
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }

                _waiters.RemoveAt(i);
            }
        }
    }
}
