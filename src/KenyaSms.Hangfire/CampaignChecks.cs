using KenyaSms.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Campaigns;

/// <summary>What must hold before a campaign starts (and before any window job sends): valid arguments, a durable ledger.</summary>
internal static class CampaignChecks
{
    public const int MaxIdLength = 100;
    public const int MaxWindowSize = 10_000;

    public static void ThrowIfInvalidId(string? campaignId, string paramName)
    {
        if (string.IsNullOrEmpty(campaignId))
        {
            throw new ArgumentException("The campaign id is empty; give 1-100 letters, digits, '-', '_' or '.'.", paramName);
        }

        if (campaignId.Length > MaxIdLength)
        {
            throw new ArgumentException($"The campaign id is {campaignId.Length} characters long; the limit is {MaxIdLength} (it prefixes every message's idempotency key).", paramName);
        }

        foreach (char c in campaignId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                // ':' would make one campaign's key prefix ("a:") match another's keys ("a:b:1").
                throw new ArgumentException($"The campaign id contains '{(char.IsControl(c) ? '?' : c)}'; use only letters, digits, '-', '_' or '.'.", paramName);
            }
        }
    }

    public static void ThrowIfInvalid(SmsCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ThrowIfInvalidId(campaign.Id, "campaign.Id");
        if (campaign.MessageCount < 1)
        {
            throw new ArgumentOutOfRangeException("campaign.MessageCount", campaign.MessageCount, "A campaign has at least one message.");
        }

        if (campaign.WindowSize is < 1 or > MaxWindowSize)
        {
            throw new ArgumentOutOfRangeException("campaign.WindowSize", campaign.WindowSize, $"A window holds 1 to {MaxWindowSize:N0} messages (one Hangfire job sends one window).");
        }

        if (campaign.SendWindow is { } window)
        {
            if (window.TimeZone is null)
            {
                throw new ArgumentException("The send window has no time zone; use SmsSendWindow.EastAfricaTime for Kenya.", "campaign.SendWindow");
            }

            if (window.Start == window.End)
            {
                throw new ArgumentException($"The send window starts and ends at {window.Start}: it would never open. Give different times (an end before the start runs over midnight).", "campaign.SendWindow");
            }
        }
    }

    /// <summary>The ledger that makes a re-run window safe; refuses none and the in-memory one.</summary>
    public static ISmsSendLedger RequireDurableLedger(IServiceProvider services)
    {
        ISmsSendLedger? ledger = services.GetService<ISmsSendLedger>();
        if (ledger is null or InMemorySmsSendLedger)
        {
            throw new InvalidOperationException(
                (ledger is null ? "No send ledger is registered" : "The send ledger is the in-memory one, which each process keeps for itself and loses on a restart")
                + ": a Hangfire retry or a re-run on another worker could then send a message twice. Register a durable one: AddSqliteSendLedger "
                + "(one machine) or AddPostgreSqlSendLedger (several).");
        }

        return ledger;
    }
}
