namespace KenyaSms.Ledger;

/// <summary>
/// The ledger of one process (<c>AddInMemorySendLedger</c>): the reference for the protocol's rules, and what tests and
/// single-process apps use. Lost on restart: a job re-run after a restart sends again, so use SQLite or PostgreSQL
/// for anything that must survive one.
/// </summary>
internal sealed class InMemorySmsSendLedger : ISmsSendLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Key, string PhoneNumber), SmsLedgerEntry> _entries = [];

    public Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new SmsLedgerEntry[claims.Count];
        lock (_gate)
        {
            for (int i = 0; i < claims.Count; i++)
            {
                SmsLedgerEntry claim = claims[i];
                var id = (claim.Key, claim.PhoneNumber);
                if (!_entries.TryGetValue(id, out SmsLedgerEntry? entry)
                    || (entry.State == SmsLedgerState.NotSent && entry.ContentHash == claim.ContentHash))
                {
                    entry = claim with { State = SmsLedgerState.Sending, UpdatedAt = now };
                }
                else if (entry.State == SmsLedgerState.Sending && entry.LeaseExpires <= now)
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
        cancellationToken.ThrowIfCancellationRequested();
        int written = 0;
        lock (_gate)
        {
            foreach (SmsLedgerEntry outcome in outcomes)
            {
                var id = (outcome.Key, outcome.PhoneNumber);
                if (_entries.TryGetValue(id, out SmsLedgerEntry? entry)
                    && entry.Token == outcome.Token
                    && entry.State is SmsLedgerState.Sending or SmsLedgerState.Uncertain)
                {
                    _entries[id] = outcome with { ContentHash = entry.ContentHash, LeaseExpires = entry.LeaseExpires };
                    written++;
                }
            }
        }

        return Task.FromResult(written);
    }

    public Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(Update(key, phoneNumber, static e => e.State == SmsLedgerState.Uncertain,
            static e => e with { State = SmsLedgerState.NotSent, Token = string.Empty }));

    public Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Update(key, phoneNumber, static e => e.State == SmsLedgerState.Uncertain,
            e => e with { State = SmsLedgerState.Sent, Provider = provider, MessageId = messageId, Error = SmsErrorCode.None, StatusCode = "manual" }));

    public Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<SmsLedgerState, long>();
        lock (_gate)
        {
            foreach (SmsLedgerEntry entry in _entries.Values)
            {
                if (entry.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
                {
                    counts[entry.State] = counts.TryGetValue(entry.State, out long n) ? n + 1 : 1;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<SmsLedgerState, long>>(counts);
    }

    public Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default)
    {
        long purged = 0;
        lock (_gate)
        {
            foreach (KeyValuePair<(string, string), SmsLedgerEntry> pair in _entries.Where(p => p.Value.UpdatedAt < updatedBefore && p.Value.State != SmsLedgerState.Sending).ToList())
            {
                _entries.Remove(pair.Key);
                purged++;
            }
        }

        return Task.FromResult(purged);
    }

    private bool Update(string key, string phoneNumber, Func<SmsLedgerEntry, bool> when, Func<SmsLedgerEntry, SmsLedgerEntry> change)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((key, phoneNumber), out SmsLedgerEntry? entry) && when(entry))
            {
                _entries[(key, phoneNumber)] = change(entry);
                return true;
            }

            return false;
        }
    }
}
