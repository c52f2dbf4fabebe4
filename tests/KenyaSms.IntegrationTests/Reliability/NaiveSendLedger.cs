namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>How a deliberately naive ledger breaks the rules of api.md 8b (the mutation check of reliability.md).</summary>
public enum LedgerMutation
{
    /// <summary>A claim takes over a Sending entry whose lease expired, as if it were NotSent: the dead owner's pairs are sent again.</summary>
    ReclaimExpired,

    /// <summary>Records ignore the token fence: any outcome overwrites the entry, whoever claimed it and whatever its state.</summary>
    NoTokenFence,
}

/// <summary>
/// An in-memory ledger with the rules of <c>AddInMemorySendLedger</c> (the reference one is internal to the SDK), and
/// one of them broken by <see cref="LedgerMutation"/>. The ledger schedules must report violations when they run on it.
/// </summary>
public sealed class NaiveSendLedger(LedgerMutation mutation) : ISmsSendLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Key, string PhoneNumber), SmsLedgerEntry> _entries = [];

    public Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var result = new SmsLedgerEntry[claims.Count];
        lock (_gate)
        {
            for (int i = 0; i < claims.Count; i++)
            {
                SmsLedgerEntry claim = claims[i];
                var id = (claim.Key, claim.PhoneNumber);
                bool expired = _entries.TryGetValue(id, out SmsLedgerEntry? entry) && entry.State == SmsLedgerState.Sending && entry.LeaseExpires <= now;
                if (entry is null
                    || (entry.State == SmsLedgerState.NotSent && entry.ContentHash == claim.ContentHash)
                    || (expired && mutation == LedgerMutation.ReclaimExpired && entry.ContentHash == claim.ContentHash))
                {
                    entry = claim with { State = SmsLedgerState.Sending, UpdatedAt = now };
                }
                else if (expired)
                {
                    entry = entry with { State = SmsLedgerState.Uncertain, UpdatedAt = now };
                }

                _entries[id] = entry;
                result[i] = entry;
            }
        }

        return Task.FromResult<IReadOnlyList<SmsLedgerEntry>>(result);
    }

    public Task<int> RecordAsync(IReadOnlyList<SmsLedgerEntry> outcomes, CancellationToken cancellationToken = default)
    {
        int written = 0;
        lock (_gate)
        {
            foreach (SmsLedgerEntry outcome in outcomes)
            {
                var id = (outcome.Key, outcome.PhoneNumber);
                if (_entries.TryGetValue(id, out SmsLedgerEntry? entry)
                    && (mutation == LedgerMutation.NoTokenFence || (entry.Token == outcome.Token && entry.State is SmsLedgerState.Sending or SmsLedgerState.Uncertain)))
                {
                    _entries[id] = outcome with { ContentHash = entry.ContentHash, LeaseExpires = entry.LeaseExpires };
                    written++;
                }
            }
        }

        return Task.FromResult(written);
    }

    public Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
