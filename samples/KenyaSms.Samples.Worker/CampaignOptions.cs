namespace KenyaSms.Samples.Worker;

/// <summary>The "Campaign" section of appsettings.json.</summary>
public sealed class CampaignOptions
{
    public string RecipientsFile { get; set; } = "recipients.csv";

    /// <summary>The personalised text; {name} and {balance} are replaced per recipient.</summary>
    public string Template { get; set; } = "Habari {name}, your balance is KES {balance}.";

    /// <summary>One text sent to every recipient through the second provider.</summary>
    public string Reminder { get; set; } = "Reminder: the AGM is on Saturday at 10:00.";
}
