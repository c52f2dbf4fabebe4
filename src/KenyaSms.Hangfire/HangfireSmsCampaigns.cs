using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Campaigns;

/// <summary>
/// <see cref="ISmsCampaigns"/> on Hangfire: the campaign's record in the Hangfire storage (written once, under a
/// distributed lock, so a second start enqueues nothing), one job per window, and a recurring sweeper.
/// </summary>
internal sealed class HangfireSmsCampaigns(IServiceProvider services, CampaignEngine engine, TimeProvider time, ILogger<HangfireSmsCampaigns> logger) : ISmsCampaigns
{
    public const string SweeperJobId = "kenyasms-campaign-sweeper";

    public async Task StartAsync(SmsCampaign campaign, CancellationToken cancellationToken = default)
    {
        CampaignChecks.ThrowIfInvalid(campaign);
        CampaignChecks.RequireDurableLedger(services);
        JobStorage storage = engine.Storage;
        StorageCheck.ThrowIfUnsafe(storage);
        var definition = CampaignDefinition.From(campaign);
        if (AlreadyStarted(storage, definition))
        {
            return;
        }

        if (campaign.RequireSufficientBalance)
        {
            AsyncServiceScope scope = services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await BalanceCheck.ThrowIfInsufficientAsync(services.GetRequiredService<ISmsGateway>(), scope.ServiceProvider.GetRequiredService<ISmsCampaignSource>(),
                    definition, cancellationToken).ConfigureAwait(false);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        using (IStorageConnection connection = storage.GetConnection())
        using (CampaignStore.Lock(connection, campaign.Id))
        {
            if (AlreadyStarted(connection, definition))
            {
                return; // another starter won the race while this one checked the balance
            }

            // The definition first: a crash while enqueueing leaves windows without a job, which the sweeper enqueues.
            CampaignStore.Write(connection, campaign.Id, definition.ToFields(), active: true);
            engine.Recurring.AddOrUpdate<CampaignSweeperJob>(SweeperJobId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
            IBackgroundJobClient client = engine.Client;
            DateTimeOffset now = time.GetUtcNow();
            DateTimeOffset? opening = campaign.SendWindow?.NextOpening(now) is { } next && next > now ? next : null;
            var jobs = new List<KeyValuePair<string, string>>();
            for (int window = 0; window < definition.WindowCount; window++)
            {
                jobs.Add(new(CampaignStore.JobField(window), Enqueue(client, campaign.Id, window, opening)));
                if (jobs.Count == 500)
                {
                    CampaignStore.Write(connection, campaign.Id, jobs);
                    jobs.Clear();
                }
            }

            CampaignStore.Write(connection, campaign.Id, jobs);
        }

        Log.CampaignStarted(logger, campaign.Id, campaign.MessageCount, definition.WindowCount, campaign.WindowSize);
    }

    public async Task<SmsCampaignProgress> GetProgressAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        CampaignChecks.ThrowIfInvalidId(campaignId, nameof(campaignId));
        ISmsSendLedger ledger = CampaignChecks.RequireDurableLedger(services);
        CampaignDefinition definition;
        using (IStorageConnection connection = engine.Storage.GetConnection())
        {
            definition = CampaignDefinition.FromFields(campaignId, CampaignStore.Read(connection, campaignId))
                ?? throw new InvalidOperationException($"No campaign {campaignId} was started on this Hangfire storage.");
        }

        IReadOnlyDictionary<SmsLedgerState, long> counts = await ledger.SummarizeAsync(campaignId + ":", cancellationToken).ConfigureAwait(false);
        long Count(SmsLedgerState state) => counts.TryGetValue(state, out long n) ? n : 0;
        long known = counts.Values.Sum();

        // Sending (in flight now, or in flight when its worker died) is an outcome not known yet: Uncertain.
        return new SmsCampaignProgress(campaignId, definition.MessageCount, Count(SmsLedgerState.Sent), Count(SmsLedgerState.Rejected),
            Count(SmsLedgerState.Uncertain) + Count(SmsLedgerState.Sending), Count(SmsLedgerState.NotSent), Math.Max(0, definition.MessageCount - known));
    }

    private bool AlreadyStarted(JobStorage storage, CampaignDefinition definition)
    {
        using IStorageConnection connection = storage.GetConnection();
        return AlreadyStarted(connection, definition);
    }

    private bool AlreadyStarted(IStorageConnection connection, CampaignDefinition definition)
    {
        if (CampaignDefinition.FromFields(definition.Id, CampaignStore.Read(connection, definition.Id)) is not { } started)
        {
            return false;
        }

        if (started != definition)
        {
            throw new InvalidOperationException(
                $"Campaign {definition.Id} was already started with {started.MessageCount} messages in windows of {started.WindowSize}{(started.SendWindow is null ? string.Empty : " and a send window")}; "
                + "a campaign id is used once (its messages' idempotency keys derive from it): start a changed campaign under a new id.");
        }

        Log.CampaignAlreadyStarted(logger, definition.Id);
        return true;
    }

    /// <summary>Enqueues (or, before the send window opens, schedules) the first pass of one window.</summary>
    internal static string Enqueue(IBackgroundJobClient client, string campaignId, int window, DateTimeOffset? at) =>
        at is { } when
            ? client.Schedule<CampaignWindowJob>(j => j.RunAsync(campaignId, window, 0, CancellationToken.None), when)
            : client.Enqueue<CampaignWindowJob>(j => j.RunAsync(campaignId, window, 0, CancellationToken.None));
}
