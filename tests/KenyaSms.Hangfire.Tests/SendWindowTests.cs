using System.Globalization;
using KenyaSms.Campaigns;
using Microsoft.Extensions.Time.Testing;

namespace KenyaSms.Hangfire.Tests;

/// <summary>The send window (api.md 8c): East Africa Time by default; jobs outside it wait for its next start, and send nothing meanwhile.</summary>
[Collection(HangfireTestGroup.Name)]
public sealed class SendWindowTests
{
    private static readonly SmsSendWindow Office = new(new TimeOnly(8, 0), new TimeOnly(20, 0), SmsSendWindow.EastAfricaTime);
    private static readonly SmsSendWindow Night = new(new TimeOnly(20, 0), new TimeOnly(6, 0), SmsSendWindow.EastAfricaTime);

    [Fact]
    public void EastAfricaTime_IsUtcPlusThree_AllYear()
    {
        Assert.Equal(TimeSpan.FromHours(3), SmsSendWindow.EastAfricaTime.GetUtcOffset(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(3), SmsSendWindow.EastAfricaTime.GetUtcOffset(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-12-05T05:00:00Z", true, "2026-12-05T05:00:00Z")]  // 08:00 EAT: opens
    [InlineData("2026-12-05T16:59:59Z", true, "2026-12-05T16:59:59Z")]  // 19:59:59 EAT
    [InlineData("2026-12-05T17:00:00Z", false, "2026-12-06T05:00:00Z")] // 20:00 EAT: closed until 08:00 tomorrow
    [InlineData("2026-12-05T02:00:00Z", false, "2026-12-05T05:00:00Z")] // 05:00 EAT: opens at 08:00 today
    public void Office_ContainsAndNextOpening(string utc, bool inside, string opening)
    {
        DateTimeOffset now = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

        Assert.Equal(inside, Office.Contains(now));
        Assert.Equal(DateTimeOffset.Parse(opening, CultureInfo.InvariantCulture), Office.NextOpening(now));
    }

    [Theory]
    [InlineData("2026-12-05T20:00:00Z", true)]  // 23:00 EAT
    [InlineData("2026-12-05T02:59:00Z", true)]  // 05:59 EAT
    [InlineData("2026-12-05T03:00:00Z", false)] // 06:00 EAT
    [InlineData("2026-12-05T12:00:00Z", false)] // 15:00 EAT
    public void OverMidnight_Contains(string utc, bool inside) =>
        Assert.Equal(inside, Night.Contains(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture)));

    [Fact]
    public async Task StartAsync_OutsideTheWindow_SchedulesEveryWindowJobAtTheNextStart_NothingSent()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T18:30:00Z", CultureInfo.InvariantCulture)); // 21:30 EAT
        await using CampaignHost host = await CampaignHost.StartAsync(time: time);
        await host.StartServerAsync();

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 500) { WindowSize = 250, SendWindow = Office, RequireSufficientBalance = false });

        Assert.All(host.WindowJobs("agm").Values, job =>
        {
            Assert.Equal("Scheduled", host.JobState(job));
            Assert.Equal(DateTime.Parse("2026-12-06T05:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
                DateTime.Parse(host.JobStateData(job)!.Data["EnqueueAt"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        });
        Assert.Equal(2, host.Statistics().Scheduled);
        Assert.Empty(host.Simulator.Ledger.Requests);
    }

    [Fact]
    public async Task WindowJob_RunningAfterTheWindowClosed_IsRescheduledToTheNextStart_NothingSent()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T16:59:00Z", CultureInfo.InvariantCulture)); // 19:59 EAT
        await using CampaignHost host = await CampaignHost.StartAsync(time: time);
        await host.Campaigns.StartAsync(new SmsCampaign("agm", 100) { SendWindow = Office, RequireSufficientBalance = false });
        string enqueued = host.WindowJobs("agm")[0];
        Assert.Equal("Enqueued", host.JobState(enqueued));

        time.SetUtcNow(DateTimeOffset.Parse("2026-12-05T17:30:00Z", CultureInfo.InvariantCulture)); // 20:30 EAT: the job runs late
        await host.StartServerAsync();
        await CampaignHost.WaitUntilAsync(() => Task.FromResult(host.JobState(enqueued) == "Succeeded"), () => $"job is {host.JobState(enqueued)}");

        string rescheduled = host.WindowJobs("agm")[0];
        Assert.NotEqual(enqueued, rescheduled);
        Assert.Equal("Scheduled", host.JobState(rescheduled));
        Assert.Equal(DateTime.Parse("2026-12-06T05:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
            DateTime.Parse(host.JobStateData(rescheduled)!.Data["EnqueueAt"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        Assert.Empty(host.Simulator.Ledger.Requests);
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 5303);
    }

    [Fact]
    public async Task Campaign_InsideTheWindow_Sends()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T07:00:00Z", CultureInfo.InvariantCulture)); // 10:00 EAT
        await using CampaignHost host = await CampaignHost.StartAsync(time: time);
        await host.StartServerAsync();

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 120) { SendWindow = Office });
        await host.WaitForCampaignAsync("agm");

        CampaignRunTests.AssertAcceptedOnce(host, "agm", Enumerable.Range(0, 120));
    }
}
