using Microsoft.Extensions.Logging;

namespace KenyaSms.Campaigns;

/// <summary>Every log line of the campaigns; EventIds 53xx. Campaign ids and counts only: never a number or a text.</summary>
internal static partial class Log
{
    [LoggerMessage(5301, LogLevel.Information, "Campaign {CampaignId} started: {MessageCount} messages in {Windows} window jobs of {WindowSize}")]
    public static partial void CampaignStarted(ILogger logger, string campaignId, long messageCount, int windows, int windowSize);

    [LoggerMessage(5302, LogLevel.Information, "Campaign {CampaignId} was already started; nothing enqueued")]
    public static partial void CampaignAlreadyStarted(ILogger logger, string campaignId);

    [LoggerMessage(5303, LogLevel.Information, "Campaign {CampaignId} window {Window} is outside the send window; rescheduled to {NextStart:O}")]
    public static partial void WindowRescheduled(ILogger logger, string campaignId, int window, DateTimeOffset nextStart);

    [LoggerMessage(5304, LogLevel.Information, "Campaign {CampaignId} window {Window} (pass {Pass}): {Sent} sent, {Replayed} replayed, {Rejected} rejected, {Unknown} outcome unknown")]
    public static partial void WindowDone(ILogger logger, string campaignId, int window, int pass, int sent, int replayed, int rejected, int unknown);

    [LoggerMessage(5305, LogLevel.Warning, "Campaign {CampaignId} window {Window}: the source yielded {Read} of the {Expected} messages from offset {Offset}; {Missing} missing messages were not sent (none is invented)")]
    public static partial void SourceShort(ILogger logger, string campaignId, int window, long offset, int expected, int read, int missing);

    [LoggerMessage(5306, LogLevel.Warning, "Campaign {CampaignId} window {Window}: the source yielded {Extra} more messages than the campaign's slice from offset {Offset} ({Expected} messages); the extra were not sent")]
    public static partial void SourceLong(ILogger logger, string campaignId, int window, long offset, int expected, int extra);

    [LoggerMessage(5307, LogLevel.Information, "Campaign {CampaignId} window {Window}: {Unknown} recipients were in flight elsewhere or uncertain; a check runs at {At:O}, after the ledger's lease")]
    public static partial void SettleScheduled(ILogger logger, string campaignId, int window, int unknown, DateTimeOffset at);

    [LoggerMessage(5308, LogLevel.Warning, "Campaign {CampaignId} window {Window}: its Hangfire job {JobId} is gone ({State}) with messages never claimed; re-enqueued as job {NewJobId}")]
    public static partial void WindowReenqueued(ILogger logger, string campaignId, int window, string? jobId, string state, string newJobId);

    [LoggerMessage(5309, LogLevel.Information, "Campaign {CampaignId} is finished: every window ran and no pair is in flight")]
    public static partial void CampaignFinished(ILogger logger, string campaignId);
}
