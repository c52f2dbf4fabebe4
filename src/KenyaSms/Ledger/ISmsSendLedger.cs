namespace KenyaSms;

/// <summary>
/// A durable record of (idempotency key, recipient) pairs that makes a repeated send a replay (api.md 8b). The SDK
/// ships three (<c>AddInMemorySendLedger</c>, <c>AddSqliteSendLedger</c>, <c>AddPostgreSqlSendLedger</c>); implement it
/// for another database with the same rules. Every method is atomic per pair, and safe to call from several processes
/// and machines at once; no lock may be held between calls (the SDK makes HTTP requests between a claim and its record).
/// </summary>
public interface ISmsSendLedger
{
    /// <summary>
    /// Claims pairs before their request goes out. Each of <paramref name="claims"/> is a <see cref="SmsLedgerState.Sending"/>
    /// entry with the caller's token, content hash and lease. Atomically, per pair: when there is no entry, it is inserted
    /// as given; a <see cref="SmsLedgerState.NotSent"/> entry with the same content hash is replaced by it; a
    /// <see cref="SmsLedgerState.Sending"/> entry whose lease expired before <paramref name="now"/> becomes
    /// <see cref="SmsLedgerState.Uncertain"/> (keeping its token); any other entry is left as it is.
    /// </summary>
    /// <param name="claims">The pairs to claim (distinct), each as the entry to insert.</param>
    /// <param name="now">The caller's clock, for expiring leases.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Per claim, in order, the entry as it now stands: the caller holds the pair when it is
    /// <see cref="SmsLedgerState.Sending"/> with the caller's token.</returns>
    Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records outcomes: each entry's state (<see cref="SmsLedgerState.Sent"/>, <see cref="SmsLedgerState.Rejected"/>,
    /// <see cref="SmsLedgerState.NotSent"/>, <see cref="SmsLedgerState.Uncertain"/>) and details replace the stored ones only
    /// where the stored entry still carries the same token and is <see cref="SmsLedgerState.Sending"/> or
    /// <see cref="SmsLedgerState.Uncertain"/>: a claim taken over by someone else is never overwritten.
    /// </summary>
    /// <param name="outcomes">The outcomes, each with the token of its claim.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries were written.</returns>
    Task<int> RecordAsync(IReadOnlyList<SmsLedgerEntry> outcomes, CancellationToken cancellationToken = default);

    /// <summary>
    /// After a person checked that an <see cref="SmsLedgerState.Uncertain"/> pair was not delivered: makes it
    /// <see cref="SmsLedgerState.NotSent"/> (with no token, so its old owner's late writes touch nothing), so the next send
    /// sends it once more. A <see cref="SmsLedgerState.Sending"/> pair past its lease reads as Uncertain at its next claim.
    /// </summary>
    /// <returns>True when an entry was released.</returns>
    Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default);

    /// <summary>After a person checked that an <see cref="SmsLedgerState.Uncertain"/> pair was delivered: makes it <see cref="SmsLedgerState.Sent"/>.</summary>
    /// <returns>True when an entry was marked.</returns>
    Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default);

    /// <summary>Counts the pairs whose key starts with <paramref name="keyPrefix"/>, by state (a campaign's progress).</summary>
    Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes entries last written before <paramref name="updatedBefore"/> (retention), except those still <see cref="SmsLedgerState.Sending"/>.</summary>
    /// <returns>How many entries were deleted.</returns>
    Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default);
}
