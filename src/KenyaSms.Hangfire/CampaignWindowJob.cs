using System.Globalization;
using System.Runtime.CompilerServices;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.Campaigns;

/// <summary>
/// One window of a campaign, as a Hangfire job: reads its slice from the source, keys each message, sends it through the
/// ledger-backed gateway. Run again (a retry, a re-queue after its worker died, a second worker after a freeze) it sends
/// only what never went out: the ledger replays the rest. Public methods only because Hangfire invokes them.
/// </summary>
internal sealed class CampaignWindowJob(
    IServiceProvider services,
    ISmsCampaignSource source,
    ISmsGateway gateway,
    CampaignEngine engine,
    TimeProvider time,
    IOptions<SmsSendLedgerOptions> ledgerOptions,
    ILogger<CampaignWindowJob> logger)
{
    /// <summary>Messages per <see cref="ISmsGateway.SendBatchAsync"/> call inside a window: memory stays bounded, and a kill loses at most one call's outcomes.</summary>
    internal const int SendChunk = 100;

    /// <summary>How many times a window with recipients in flight elsewhere is looked at again, each after the ledger's lease.</summary>
    internal const int MaxSettlePasses = 2;

    /// <summary>Sends window <paramref name="window"/> of campaign <paramref name="campaignId"/>.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="window">The window's index.</param>
    /// <param name="pass">0 for the window's job; 1.. for the checks after a lease, when some recipients were in flight elsewhere.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    /// <returns>A task that completes when the window was sent.</returns>
    [AutomaticRetry(Attempts = 10, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(string campaignId, int window, int pass, CancellationToken cancellationToken)
    {
        CampaignChecks.RequireDurableLedger(services);
        JobStorage storage = engine.Storage;
        StorageCheck.ThrowIfUnsafe(storage);
        CampaignDefinition definition;
        using (IStorageConnection connection = storage.GetConnection())
        {
            definition = CampaignDefinition.FromFields(campaignId, CampaignStore.Read(connection, campaignId))
                ?? throw new InvalidOperationException($"Campaign {campaignId} has no record in this Hangfire storage (deleted?); its window {window} cannot run.");
            if (definition.SendWindow is { } sendWindow && !sendWindow.Contains(time.GetUtcNow()))
            {
                DateTimeOffset next = sendWindow.NextOpening(time.GetUtcNow());
                string rescheduled = engine.Client.Schedule<CampaignWindowJob>(j => j.RunAsync(campaignId, window, pass, CancellationToken.None), next);
                if (pass == 0)
                {
                    CampaignStore.Write(connection, campaignId, [new(CampaignStore.JobField(window), rescheduled)]);
                }

                Log.WindowRescheduled(logger, campaignId, window, next);
                return;
            }
        }

        (long offset, int count) = definition.Slice(window);
        var slice = new Slice(campaignId, offset, count);
        int sent = 0, replayed = 0, rejected = 0, unknown = 0, notSent = 0;
        await foreach (SmsRecipientResult result in gateway.SendBatchStreamAsync(slice.ReadAsync(source, definition.IsLast(window), cancellationToken), SendChunk, cancellationToken).ConfigureAwait(false))
        {
            if (result.IsAccepted)
            {
                _ = result.IsReplay ? replayed++ : sent++;
            }
            else if (result.Status.Error == SmsErrorCode.OutcomeUnknown)
            {
                unknown++;
            }
            else if (!result.Status.MayHaveBeenSent && result.Status.IsTransient)
            {
                notSent++;
            }
            else
            {
                rejected++;
            }
        }

        if (notSent > 0)
        {
            // Certainly not sent and worth another try: fail the job as a whole; Hangfire's retry replays the rest.
            throw new InvalidOperationException($"Campaign {campaignId} window {window}: {notSent} recipients were not sent (a transient failure); the window fails so that Hangfire retries it.");
        }

        if (slice.Missing > 0)
        {
            Log.SourceShort(logger, campaignId, window, offset, count, slice.Read, slice.Missing);
        }

        if (slice.Extra > 0)
        {
            Log.SourceLong(logger, campaignId, window, offset, count, slice.Extra);
        }

        Log.WindowDone(logger, campaignId, window, pass, sent, replayed, rejected, unknown);
        using (IStorageConnection connection = storage.GetConnection())
        {
            CampaignStore.Write(connection, campaignId, [new(CampaignStore.DoneField(window), string.Create(CultureInfo.InvariantCulture,
                $"read={slice.Read};missing={slice.Missing};extra={slice.Extra};sent={sent};replayed={replayed};rejected={rejected};unknown={unknown}"))]);
        }

        if (unknown > 0 && pass < MaxSettlePasses)
        {
            // In flight elsewhere (a claim within its lease, e.g. of a worker that died): look again after the lease, when
            // such a claim reads as Uncertain, so every pair of the window ends in a final state without a person.
            DateTimeOffset at = time.GetUtcNow() + ledgerOptions.Value.Lease + TimeSpan.FromSeconds(5);
            engine.Client.Schedule<CampaignWindowJob>(j => j.RunAsync(campaignId, window, pass + 1, CancellationToken.None), at);
            Log.SettleScheduled(logger, campaignId, window, unknown, at);
        }
    }

    /// <summary>A window's slice of the source: at most its count, keyed, the shortfall and the surplus counted (never sent, never invented).</summary>
    private sealed class Slice(string campaignId, long offset, int count)
    {
        /// <summary>How far past its slice a source is read to count the surplus.</summary>
        private const int MaxExtraCounted = 10_000;

        public int Read { get; private set; }

        public int Extra { get; private set; }

        public int Missing => count - Read;

        public async IAsyncEnumerable<SmsMessage> ReadAsync(ISmsCampaignSource source, bool last, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            // The last window asks for one more message, so a source longer than MessageCount is noticed.
            await foreach (SmsMessage message in source.ReadAsync(campaignId, offset, last ? count + 1 : count, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (Read < count)
                {
                    Read++;
                    yield return Keyed(message, offset + Read - 1);
                }
                else if (++Extra >= MaxExtraCounted)
                {
                    yield break;
                }
            }
        }

        private SmsMessage Keyed(SmsMessage message, long index) => CampaignKeys.Keyed(message, campaignId, index);
    }
}
