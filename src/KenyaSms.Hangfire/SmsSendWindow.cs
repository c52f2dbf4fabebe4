namespace KenyaSms.Campaigns;

/// <summary>
/// When a campaign's messages may go out: from <paramref name="Start"/> (inclusive) to <paramref name="End"/> (exclusive),
/// local time in <paramref name="TimeZone"/>; a window whose end is before its start runs over midnight
/// (e.g. 20:00-06:00). A window job that runs outside it is rescheduled to the window's next start.
/// </summary>
/// <param name="Start">The first minute messages may go out.</param>
/// <param name="End">When messages stop going out; must differ from <paramref name="Start"/>.</param>
/// <param name="TimeZone">The time zone of <paramref name="Start"/> and <paramref name="End"/>, usually <see cref="EastAfricaTime"/>.</param>
public sealed record SmsSendWindow(TimeOnly Start, TimeOnly End, TimeZoneInfo TimeZone)
{
    /// <summary>
    /// East Africa Time (UTC+03:00, no daylight saving): the system's <c>Africa/Nairobi</c> (or, on Windows without ICU,
    /// <c>E. Africa Standard Time</c>), or a fixed UTC+03:00 zone where neither is installed.
    /// </summary>
    public static TimeZoneInfo EastAfricaTime { get; } = FindEastAfricaTime();

    /// <summary>Whether <paramref name="now"/> falls inside the window.</summary>
    internal bool Contains(DateTimeOffset now)
    {
        TimeOnly local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);
        return Start < End ? local >= Start && local < End : local >= Start || local < End;
    }

    /// <summary><paramref name="now"/> when inside the window, otherwise the window's next start.</summary>
    internal DateTimeOffset NextOpening(DateTimeOffset now)
    {
        if (Contains(now))
        {
            return now;
        }

        DateTime local = TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
        DateTime start = local.Date + Start.ToTimeSpan();
        if (start <= local)
        {
            start = start.AddDays(1);
        }

        return new DateTimeOffset(start, TimeZone.GetUtcOffset(start));
    }

    private static TimeZoneInfo FindEastAfricaTime()
    {
        foreach (string id in new[] { "Africa/Nairobi", "E. Africa Standard Time" })
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // try the next name
            }
        }

        return TimeZoneInfo.CreateCustomTimeZone("East Africa Time", TimeSpan.FromHours(3), "East Africa Time", "EAT");
    }
}
