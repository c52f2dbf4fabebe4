namespace KenyaSms.Campaigns;

/// <summary>
/// Yours: a campaign's messages, read in slices by the window jobs (api.md 8c). Register it with
/// <c>AddHangfireCampaigns&lt;TSource&gt;()</c>; every worker that runs campaign jobs needs it.
/// </summary>
/// <remarks>
/// Message <c>offset + i</c> must be the same message every time it is read: a retried or re-queued window reads its
/// slice again and relies on the send ledger to replay what went out. A message without an
/// <see cref="SmsMessage.IdempotencyKey"/> gets <c>"{campaignId}:{offset + i}"</c>; a source whose order can change must
/// set its own stable keys (starting with <c>"{campaignId}:"</c>, so that progress counts them).
/// </remarks>
public interface ISmsCampaignSource
{
    /// <summary>Reads up to <paramref name="count"/> messages of a campaign, starting at message <paramref name="offset"/> (0-based), in a stable order.</summary>
    /// <param name="campaignId">The campaign (<see cref="SmsCampaign.Id"/>).</param>
    /// <param name="offset">The index of the first message to read.</param>
    /// <param name="count">How many messages to read at most; fewer only at the end of the campaign.</param>
    /// <param name="cancellationToken">Cancelled when the Hangfire server stops.</param>
    /// <returns>The messages, in order.</returns>
    IAsyncEnumerable<SmsMessage> ReadAsync(string campaignId, long offset, int count, CancellationToken cancellationToken);
}
