using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Campaigns;

/// <summary>
/// The recurring safety net (api.md 8c, reliability.md L12): an engine can lose a job outright (deleted from its
/// storage, expired, or never enqueued because the starter died half-way), and then nothing would ever send that window.
/// While the ledger says a campaign still has messages never claimed, every window that has not finished and whose job is
/// gone is enqueued again; re-running a window is always safe, since the ledger replays what went out. A window whose job
/// failed after all its retries is left to a person (Hangfire's Failed list), not retried forever.
/// </summary>
internal sealed class CampaignSweeperJob(IServiceProvider services, CampaignEngine engine, ILogger<CampaignSweeperJob> logger)
{
    /// <summary>Sweeps every active campaign.</summary>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    /// <returns>A task that completes when every campaign was swept.</returns>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        HashSet<string> campaigns;
        using (IStorageConnection connection = engine.Storage.GetConnection())
        {
            campaigns = connection.GetAllItemsFromSet(CampaignStore.ActiveSet);
        }

        foreach (string campaignId in campaigns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await SweepAsync(campaignId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sweeps one campaign; returns how many windows were enqueued again.</summary>
    internal async Task<int> SweepAsync(string campaignId, CancellationToken cancellationToken)
    {
        ISmsSendLedger ledger = CampaignChecks.RequireDurableLedger(services);
        IReadOnlyDictionary<SmsLedgerState, long> counts = await ledger.SummarizeAsync(campaignId + ":", cancellationToken).ConfigureAwait(false);
        using IStorageConnection connection = engine.Storage.GetConnection();
        IDisposable campaignLock;
        try
        {
            // The lock StartAsync holds while it enqueues: windows it has not enqueued yet are not "lost".
            campaignLock = CampaignStore.Lock(connection, campaignId);
        }
        catch (DistributedLockTimeoutException)
        {
            return 0; // still being started; the next sweep looks again
        }

        using IDisposable locked = campaignLock;
        Dictionary<string, string>? fields = CampaignStore.Read(connection, campaignId);
        if (CampaignDefinition.FromFields(campaignId, fields) is not { } definition)
        {
            CampaignStore.Finish(connection, campaignId);
            return 0;
        }

        var unfinished = Enumerable.Range(0, definition.WindowCount).Where(w => !fields!.ContainsKey(CampaignStore.DoneField(w))).ToList();
        if (unfinished.Count == 0)
        {
            if (!counts.TryGetValue(SmsLedgerState.Sending, out long sending) || sending == 0)
            {
                CampaignStore.Finish(connection, campaignId);
                Log.CampaignFinished(logger, campaignId);
            }

            return 0;
        }

        if (counts.Values.Sum() >= definition.MessageCount)
        {
            return 0; // every message was claimed: what is left is in flight, and its window's job is running
        }

        int enqueued = 0;
        IBackgroundJobClient client = engine.Client;
        foreach (int window in unfinished)
        {
            string? jobId = fields!.GetValueOrDefault(CampaignStore.JobField(window));
            string? state = jobId is null ? null : connection.GetJobData(jobId)?.State;
            if (state is null or "Deleted")
            {
                string newJobId = HangfireSmsCampaigns.Enqueue(client, campaignId, window, at: null);
                CampaignStore.Write(connection, campaignId, [new(CampaignStore.JobField(window), newJobId)]);
                Log.WindowReenqueued(logger, campaignId, window, jobId, state ?? "missing", newJobId);
                enqueued++;
            }
        }

        return enqueued;
    }
}
