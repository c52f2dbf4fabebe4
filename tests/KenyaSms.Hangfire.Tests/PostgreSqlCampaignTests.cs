using KenyaSms.Campaigns;

namespace KenyaSms.Hangfire.Tests;

/// <summary>
/// Campaigns on Hangfire.PostgreSql with the PostgreSQL send ledger (a real server: KENYASMS_POSTGRES; these fail,
/// never skip, without it), and the storage check of api.md 8c: Hangfire.PostgreSql's defaults are refused.
/// </summary>
[Collection(HangfireTestGroup.Name)]
public sealed class PostgreSqlCampaignTests
{
    [Fact]
    public async Task Campaign_OnHangfirePostgreSql_EveryMessageAcceptedOnce_ProgressAgreesWithTheSimulator()
    {
        await using CampaignHost host = await CampaignHost.StartAsync(Ledger.PostgreSql, postgresStorage: true);
        await host.StartServerAsync();

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 2_000) { WindowSize = 250 });
        await host.Campaigns.StartAsync(new SmsCampaign("agm", 2_000) { WindowSize = 250 }); // a second start: nothing new
        await host.WaitForCampaignAsync("agm");

        CampaignRunTests.AssertAcceptedOnce(host, "agm", Enumerable.Range(0, 2_000));
        Assert.Equal(new SmsCampaignProgress("agm", 2_000, 2_000, 0, 0, 0, 0), await host.Campaigns.GetProgressAsync("agm"));
        Assert.Equal(8, host.WindowJobs("agm").Count);
        // The jobs finish just after their window's record is written; the second start added none of them.
        await CampaignHost.WaitUntilAsync(() => Task.FromResult(host.WindowJobs("agm").Values.All(j => host.JobState(j) == "Succeeded")), host.JobSummary);
        Assert.Equal((0, 0), (host.Statistics().Enqueued, host.Statistics().Failed));
    }

    [Fact]
    public async Task StartAsync_HangfirePostgreSqlWithoutSlidingInvisibility_IsRefused_NothingEnqueuedOrSent()
    {
        await using CampaignHost host = await CampaignHost.StartAsync(Ledger.PostgreSql, postgresStorage: true, storageOptions: o => o.UseSlidingInvisibilityTimeout = false);

        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Campaigns.StartAsync(new SmsCampaign("agm", 100)));

        Assert.Contains("UseSlidingInvisibilityTimeout = true", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Statistics().Enqueued);
        Assert.Empty(host.Simulator.Ledger.Requests);
    }

    [Fact]
    public async Task StartAsync_HangfirePostgreSqlWithItsDefaultHalfHourTimeout_IsRefused()
    {
        await using CampaignHost host = await CampaignHost.StartAsync(Ledger.PostgreSql, postgresStorage: true, storageOptions: o => o.InvisibilityTimeout = TimeSpan.FromMinutes(30));

        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Campaigns.StartAsync(new SmsCampaign("agm", 100)));

        Assert.Contains("InvisibilityTimeout of at most 10 minutes", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Statistics().Enqueued);
    }
}
