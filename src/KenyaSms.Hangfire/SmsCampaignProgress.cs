namespace KenyaSms.Campaigns;

/// <summary>
/// A campaign's progress, counted from the send ledger (<see cref="ISmsSendLedger.SummarizeAsync"/> with the prefix
/// <c>"{CampaignId}:"</c>). The counts are (idempotency key, recipient) pairs, the unit the ledger keeps and a provider
/// charges: for a personalised campaign (one recipient per message, the usual case) a pair is a message. A message with
/// several recipients counts once per distinct valid recipient, so then Sent + Rejected + Uncertain + NotSent can exceed
/// <see cref="MessageCount"/> and <see cref="Pending"/> reaches 0 early.
/// </summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="MessageCount">How many messages the campaign was started with.</param>
/// <param name="Sent">Pairs a provider accepted.</param>
/// <param name="Rejected">Pairs refused for certain (invalid number, DND, opted out): never sent again.</param>
/// <param name="Uncertain">
/// Pairs whose outcome is not known: in flight right now, or in flight when a worker died or an answer was lost. The SDK
/// never re-sends them; once the campaign is over, a person checks delivery reports and resolves each with
/// <see cref="ISmsSendLedger.MarkSentAsync"/> or <see cref="ISmsSendLedger.ReleaseAsync"/>.
/// </param>
/// <param name="NotSent">Pairs that certainly never reached a provider (a failed request): a retry of their window sends them.</param>
/// <param name="Pending">
/// <see cref="MessageCount"/> minus every pair the ledger knows (never below 0): messages no worker has claimed yet,
/// including those a source failed to yield (reported by the window job as missing, never invented).
/// </param>
public sealed record SmsCampaignProgress(string CampaignId, long MessageCount, long Sent, long Rejected, long Uncertain, long NotSent, long Pending);
