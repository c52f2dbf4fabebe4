namespace KenyaSms.AspNetCore;

/// <summary>
/// The default <see cref="IDeliveryReportStore"/>: one process's memory, bounded in size and age. The least
/// recently changed messages go first; a report arriving after its message was dropped reaches the handler again.
/// Thread-safe; <see cref="TryReplaceAsync"/> is atomic.
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
    public ValueTask<string?> GetAsync(string provider, string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(messageId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            DropOlderThan(_timeProvider.GetUtcNow() - _maxAge);
            return ValueTask.FromResult(_entries.TryGetValue((provider, messageId), out LinkedListNode<Entry>? node) ? node.Value.Record : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryReplaceAsync(string provider, string messageId, string? expected, string record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        DateTimeOffset now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            DropOlderThan(now - _maxAge);
            if (_entries.TryGetValue((provider, messageId), out LinkedListNode<Entry>? node))
            {
                if (!string.Equals(node.Value.Record, expected, StringComparison.Ordinal))
                {
                    return ValueTask.FromResult(false);
                }

                node.Value.Record = record;
                node.Value.ChangedAt = now;
                _order.Remove(node);
                _order.AddLast(node);
                return ValueTask.FromResult(true);
            }

            if (expected is not null)
            {
                return ValueTask.FromResult(false);
            }

            _entries.Add((provider, messageId), _order.AddLast(new Entry(provider, messageId, record, now)));
            while (_entries.Count > _maxMessages)
            {
                Drop(_order.First!);
            }

            return ValueTask.FromResult(true);
        }
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

    private sealed class Entry(string provider, string messageId, string record, DateTimeOffset changedAt)
    {
        public string Provider { get; } = provider;

        public string MessageId { get; } = messageId;

        public string Record { get; set; } = record;

        public DateTimeOffset ChangedAt { get; set; } = changedAt;
    }
}
