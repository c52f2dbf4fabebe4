using System.Collections.Concurrent;

namespace KenyaSms.Policies;

/// <summary>A suppression list in this process's memory: for tests and single-process apps (a restart forgets it).</summary>
internal sealed class InMemorySmsSuppressionList : ISmsSuppressionList
{
    private readonly ConcurrentDictionary<PhoneNumber, string> _reasons = new();

    public Task<IReadOnlyCollection<PhoneNumber>> FindSuppressedAsync(IReadOnlyCollection<PhoneNumber> numbers, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(numbers);
        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<PhoneNumber>();
        foreach (PhoneNumber number in numbers)
        {
            if (_reasons.ContainsKey(number))
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
        _reasons[number] = reason;
        return Task.CompletedTask;
    }

    public Task UnsuppressAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        SuppressionListRegistration.Validate(number);
        cancellationToken.ThrowIfCancellationRequested();
        _reasons.TryRemove(number, out _);
        return Task.CompletedTask;
    }
}
