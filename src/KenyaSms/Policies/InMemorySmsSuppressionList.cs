using System.Collections.Concurrent;

namespace KenyaSms.Policies;

/// <summary>A suppression list in this process's memory: for tests and single-process apps (a restart forgets it).</summary>
internal sealed class InMemorySmsSuppressionList : ISmsSuppressionList, ISuppressionListAdmin
{
    private readonly ConcurrentDictionary<PhoneNumber, SuppressionEntry> _entries = new();
    private readonly object _importGate = new();
    private readonly TimeProvider _time;

    public InMemorySmsSuppressionList(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    public Task<IReadOnlyCollection<PhoneNumber>> FindSuppressedAsync(IReadOnlyCollection<PhoneNumber> numbers, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(numbers);
        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<PhoneNumber>();
        foreach (PhoneNumber number in numbers)
        {
            if (_entries.ContainsKey(number))
            {
                found.Add(number);
            }
        }

        return Task.FromResult<IReadOnlyCollection<PhoneNumber>>(found);
    }

    public Task SuppressAsync(PhoneNumber number, string reason, CancellationToken cancellationToken = default)
    {
        SuppressionListRegistration.Validate(number, reason);
        cancellationToken.ThrowIfCancellationRequested();
        _entries[number] = new SuppressionEntry(number, reason, _time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task UnsuppressAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        SuppressionListRegistration.Validate(number);
        cancellationToken.ThrowIfCancellationRequested();
        _entries.TryRemove(number, out _);
        return Task.CompletedTask;
    }

    public Task<SuppressionEntry?> GetAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        SuppressionListRegistration.Validate(number);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_entries.TryGetValue(number, out SuppressionEntry? entry) ? entry : null);
    }

    public Task<int> SuppressAllAsync(IReadOnlyList<(PhoneNumber Number, string Reason)> entries, CancellationToken cancellationToken = default)
    {
        List<(PhoneNumber Number, string Reason)> distinct = SuppressionListRegistration.ValidateAll(entries);
        cancellationToken.ThrowIfCancellationRequested();
        DateTimeOffset now = _time.GetUtcNow();
        lock (_importGate)
        {
            foreach ((PhoneNumber number, string reason) in distinct)
            {
                _entries[number] = new SuppressionEntry(number, reason, now);
            }
        }

        return Task.FromResult(distinct.Count);
    }
}
