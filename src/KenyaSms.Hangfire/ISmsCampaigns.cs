namespace KenyaSms.Campaigns;

/// <summary>Starts campaigns on Hangfire and reports their progress from the send ledger (api.md 8c).</summary>
public interface ISmsCampaigns
{
    /// <summary>
    /// Checks the campaign and its set-up, then enqueues one Hangfire job per window (scheduled to the send window's next
    /// start when it is closed). Starting a campaign that was already started enqueues nothing.
    /// </summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="cancellationToken">Cancels the call (jobs already enqueued stay enqueued).</param>
    /// <returns>A task that completes once every window is enqueued.</returns>
    /// <exception cref="ArgumentException">The campaign's id, message count, window size or send window is invalid (before anything is enqueued or sent).</exception>
    /// <exception cref="InvalidOperationException">
    /// No durable send ledger (none, or the in-memory one), a Hangfire storage configured so that a dead worker's window
    /// would run twice at once or sit idle for long (see the package README), or the same id started with another definition.
    /// </exception>
    /// <exception cref="SmsGatewayException">With <see cref="SmsCampaign.RequireSufficientBalance"/>, the estimate exceeds the balance (<see cref="SmsErrorCode.InsufficientCredits"/>).</exception>
    Task StartAsync(SmsCampaign campaign, CancellationToken cancellationToken = default);

    /// <summary>Counts the campaign's pairs by ledger state; see <see cref="SmsCampaignProgress"/>.</summary>
    /// <param name="campaignId">The campaign's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The campaign's progress.</returns>
    /// <exception cref="ArgumentException">The id is invalid.</exception>
    /// <exception cref="InvalidOperationException">No campaign with that id was started on this Hangfire storage.</exception>
    Task<SmsCampaignProgress> GetProgressAsync(string campaignId, CancellationToken cancellationToken = default);
}
