namespace KenyaSms.AspNetCore;

/// <summary>
/// The default <see cref="IDeliveryReportStore"/>: one process's memory, bounded in size and age. The least
/// recently changed messages go first; a report arriving after its message was dropped reaches the handler again.
/// Thread-safe.
/// </summary>
public sealed class InMemoryDeliveryReportStore : IDeliveryReportStore
{
    private const int DefaultMaxMessages = 100_000;

    private static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(7);

    private readonly object _gate = new();
    private readonly Dictionary<(string Provider, string MessageId), LinkedListNode<Entry>> _entries = [];

    // Least recently changed first, so eviction by age or size takes from the front.
    private readonly LinkedList<Entry> _order = new();
    private readonly TimeProvider _timeProvider;
    private readonly int _maxMessages;
    private readonly TimeSpan _maxAge;

    /// <summary>Creates a store that remembers up to 100,000 messages for 7 days after their last change.</summary>
    /// <param name="timeProvider">The clock.</param>
    public InMemoryDeliveryReportStore(TimeProvider timeProvider)
        : this(timeProvider, DefaultMaxMessages, DefaultMaxAge)
    {
    }

    /// <summary>Creates a store with the given bounds.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="maxMessages">How many messages to remember at most (1 or more).</param>
    /// <param name="maxAge">How long to remember a message after its last change (more than zero).</param>
    public InMemoryDeliveryReportStore(TimeProvider timeProvider, int maxMessages, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        _timeProvider = timeProvider;
        _maxMessages = maxMessages;
        _maxAge = maxAge;
    }

    /// <summary>How many messages are remembered now.</summary>
    internal int Count
    {
        get { lock (_gate) { return _entries.Count; } }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryRecordAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        cancellationToken.ThrowIfCancellationRequested();
        DateTimeOffset now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            DropOlderThan(now - _maxAge);
            if (_entries.TryGetValue((report.Provider, report.MessageId), out LinkedListNode<Entry>? node))
            {
                Entry entry = node.Value;
                if (!DeliveryStatusOrder.Advances(entry.Status, report.Status))
                {
                    return ValueTask.FromResult(false);
                }

                entry.Previous = entry.Status;
                entry.Status = report.Status;
                entry.ChangedAt = now;
                _order.Remove(node);
                _order.AddLast(node);
                return ValueTask.FromResult(true);
            }

            _entries.Add((report.Provider, report.MessageId), _order.AddLast(new Entry(report.Provider, report.MessageId, report.Status, now)));
            while (_entries.Count > _maxMessages)
            {
                Drop(_order.First!);
            }

            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            if (_entries.TryGetValue((report.Provider, report.MessageId), out LinkedListNode<Entry>? node) && node.Value.Status == report.Status)
            {
                if (node.Value.Previous is { } previous)
                {
                    node.Value.Status = previous;
                    node.Value.Previous = null;
                }
                else
                {
                    Drop(node);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private void DropOlderThan(DateTimeOffset cutoff)
    {
        while (_order.First is { } oldest && oldest.Value.ChangedAt <= cutoff)
        {
            Drop(oldest);
        }
    }

    private void Drop(LinkedListNode<Entry> node)
    {
        _entries.Remove((node.Value.Provider, node.Value.MessageId));
        _order.Remove(node);
    }

    private sealed class Entry(string provider, string messageId, DeliveryStatus status, DateTimeOffset changedAt)
    {
        public string Provider { get; } = provider;

        public string MessageId { get; } = messageId;

        public DeliveryStatus Status { get; set; } = status;

        // The status before the last change, so that RemoveAsync can undo it.
        public DeliveryStatus? Previous { get; set; }

        public DateTimeOffset ChangedAt { get; set; } = changedAt;
    }
}
