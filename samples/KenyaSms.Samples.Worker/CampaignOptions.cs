namespace KenyaSms.Samples.Worker;

/// <summary>The "Campaign" section of appsettings.json.</summary>
public sealed class CampaignOptions
{
    /// <summary>
    /// Names this campaign in the send ledger: every message's idempotency key starts with it, so running the job again
    /// (a retry, a restart) replays what was sent instead of sending it twice. Change it to send a new campaign.
    /// </summary>
    public string Id { get; set; } = "agm-2026";

    public string RecipientsFile { get; set; } = "recipients.csv";

    /// <summary>The personalised text; {name} and {balance} are replaced per recipient.</summary>
    public string Template { get; set; } = "Habari {name}, your balance is KES {balance}.";

    /// <summary>One text sent to every recipient through the second provider (254sms).</summary>
    public string Reminder { get; set; } = "Reminder: the AGM is on Saturday at 10:00.";

    /// <summary>One text sent to every recipient through the third provider (Africa's Talking).</summary>
    public string Venue { get; set; } = "The AGM venue is the community hall, Kiambu Road.";

    /// <summary>How long to wait for outstanding delivery reports before summing up.</summary>
    public TimeSpan DeliveryWait { get; set; } = TimeSpan.FromSeconds(10);
}
