using System.Globalization;

namespace KenyaSms.Campaigns;

/// <summary>What a started campaign is, as kept in the Hangfire storage (the window jobs carry only the id and their index).</summary>
internal sealed record CampaignDefinition(string Id, long MessageCount, int WindowSize, SmsSendWindow? SendWindow)
{
    public static CampaignDefinition From(SmsCampaign campaign) => new(campaign.Id, campaign.MessageCount, campaign.WindowSize, campaign.SendWindow);

    public int WindowCount => (int)((MessageCount + WindowSize - 1) / WindowSize);

    /// <summary>The first message of window <paramref name="window"/> and how many messages it has.</summary>
    public (long Offset, int Count) Slice(int window)
    {
        long offset = (long)window * WindowSize;
        return (offset, (int)Math.Min(WindowSize, MessageCount - offset));
    }

    public bool IsLast(int window) => window == WindowCount - 1;

    public Dictionary<string, string> ToFields() => new()
    {
        ["MessageCount"] = MessageCount.ToString(CultureInfo.InvariantCulture),
        ["WindowSize"] = WindowSize.ToString(CultureInfo.InvariantCulture),
        ["SendWindow"] = SendWindow is { } w
            ? string.Create(CultureInfo.InvariantCulture, $"{w.Start.Ticks}|{w.End.Ticks}|{w.TimeZone.Id}")
            : string.Empty,
    };

    public static CampaignDefinition? FromFields(string id, IReadOnlyDictionary<string, string>? fields)
    {
        if (fields is null || !fields.TryGetValue("MessageCount", out string? count) || !fields.TryGetValue("WindowSize", out string? size))
        {
            return null;
        }

        SmsSendWindow? window = null;
        if (fields.TryGetValue("SendWindow", out string? w) && w.Length > 0)
        {
            string[] parts = w.Split('|', 3);
            window = new SmsSendWindow(
                new TimeOnly(long.Parse(parts[0], CultureInfo.InvariantCulture)),
                new TimeOnly(long.Parse(parts[1], CultureInfo.InvariantCulture)),
                FindZone(parts[2]));
        }

        return new CampaignDefinition(id, long.Parse(count, CultureInfo.InvariantCulture), int.Parse(size, CultureInfo.InvariantCulture), window);
    }

    private static TimeZoneInfo FindZone(string id)
    {
        if (id == SmsSendWindow.EastAfricaTime.Id)
        {
            return SmsSendWindow.EastAfricaTime;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"The campaign's send window is in the time zone \"{id}\", which this machine does not know; install it (tzdata) or start the campaign with SmsSendWindow.EastAfricaTime.");
        }
    }
}
