namespace KenyaSms.Ledger.SendWorker;

/// <summary>
/// A deliberately wrong ledger (reliability.md: "a deliberately naive variant must make the kill tests fail"): it takes a
/// pair whose claim expired (now Uncertain: its sender died, or its answer was lost) as abandoned, releases it and claims
/// it afresh, so the pair is sent again. The kill tests run the worker with it and must see the duplicate.
/// </summary>
internal sealed class NaiveLedger(ISmsSendLedger inner) : ISmsSendLedger
{
    public async Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        SmsLedgerEntry[] entries = [.. await inner.ClaimAsync(claims, now, cancellationToken)];
        var again = new List<int>();
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].State == SmsLedgerState.Uncertain && entries[i].ContentHash == claims[i].ContentHash
                && await inner.ReleaseAsync(claims[i].Key, claims[i].PhoneNumber, cancellationToken))
            {
                again.Add(i);
            }
        }

        if (again.Count > 0)
        {
            IReadOnlyList<SmsLedgerEntry> reclaimed = await inner.ClaimAsync([.. again.Select(i => claims[i])], now, cancellationToken);
            for (int j = 0; j < again.Count; j++)
            {
                entries[again[j]] = reclaimed[j];
            }
        }

        return entries;
    }

    public Task<int> RecordAsync(IReadOnlyList<SmsLedgerEntry> outcomes, CancellationToken cancellationToken = default) => inner.RecordAsync(outcomes, cancellationToken);

    public Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default) => inner.ReleaseAsync(key, phoneNumber, cancellationToken);

    public Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default) =>
        inner.MarkSentAsync(key, phoneNumber, provider, messageId, cancellationToken);

    public Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default) => inner.SummarizeAsync(keyPrefix, cancellationToken);

    public Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default) => inner.PurgeAsync(updatedBefore, cancellationToken);
}
