namespace KenyaSms.Campaigns;

/// <summary>
/// A campaign to run on Hangfire: <paramref name="MessageCount"/> messages read from the registered
/// <see cref="ISmsCampaignSource"/>, <see cref="WindowSize"/> at a time, one Hangfire job per window.
/// </summary>
/// <param name="Id">
/// The campaign's id: 1-100 characters, letters, digits, <c>'-'</c>, <c>'_'</c> or <c>'.'</c>. It prefixes every message's
/// idempotency key (<c>"{Id}:{index}"</c>), so it must be unique for as long as the send ledger keeps entries
/// (<see cref="SmsSendLedgerOptions.Retention"/>): a new campaign needs a new id.
/// </param>
/// <param name="MessageCount">How many messages the source holds (at least 1).</param>
public sealed record SmsCampaign(string Id, long MessageCount)
{
    /// <summary>How many messages one window job sends (1 to 10,000; default 500).</summary>
    public int WindowSize { get; init; } = 500;

    /// <summary>When messages may go out (e.g. 08:00-20:00 East Africa Time); a window job that runs outside it is rescheduled to its next start. Null: any time.</summary>
    public SmsSendWindow? SendWindow { get; init; }

    /// <summary>Refuse to start (with <see cref="SmsErrorCode.InsufficientCredits"/>) when the campaign's estimate exceeds the gateway's balance, instead of stopping half-way.</summary>
    public bool RequireSufficientBalance { get; init; } = true;
}
