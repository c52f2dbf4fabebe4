using Hangfire;
using KenyaSms.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Hangfire.Tests;

/// <summary>
/// Campaigns run by a Hangfire server (Hangfire.InMemory) against the simulator, with a SQLite ledger: every message
/// accepted once, progress agreeing with the simulator, and the source's faults (issue 12 "Bad input and faults").
/// </summary>
[Collection(HangfireTestGroup.Name)]
public sealed class CampaignRunTests
{
    [Fact]
    public async Task Campaign_RunsToTheEnd_EveryMessageAcceptedOnce_ProgressAgreesWithTheSimulator()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();
        await host.StartServerAsync();

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 1_050) { WindowSize = 200 });
        await host.WaitForCampaignAsync("agm");

        AssertAcceptedOnce(host, "agm", Enumerable.Range(0, 1_050));
        Assert.Equal(new SmsCampaignProgress("agm", 1_050, 1_050, 0, 0, 0, 0), await host.Campaigns.GetProgressAsync("agm"));
        Assert.Equal(6, host.WindowJobs("agm").Count);
    }

    [Fact]
    public async Task Source_YieldsFewerThanMessageCount_MissingReportedAndPending_NothingInvented()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();
        host.Script.Available = 993; // the campaign says 1,000
        await host.StartServerAsync();

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 1_000) { WindowSize = 400, RequireSufficientBalance = false });
        await host.WaitForCampaignAsync("agm", missing: 7);

        AssertAcceptedOnce(host, "agm", Enumerable.Range(0, 993));
        Assert.Equal(new SmsCampaignProgress("agm", 1_000, 993, 0, 0, 0, 7), await host.Campaigns.GetProgressAsync("agm"));
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 5305 && e.Message.Contains("yielded 193 of the 200 messages from offset 800; 7 missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Source_HoldsMoreThanMessageCount_ExtraNotSent_Reported()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();
        await host.StartServerAsync();

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 1_000) { WindowSize = 400 });
        await host.WaitForCampaignAsync("agm");

        AssertAcceptedOnce(host, "agm", Enumerable.Range(0, 1_000));
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 5306 && e.Message.Contains("window 2: the source yielded 1 more messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Source_IgnoresTheCountAskedFor_ExtraNotSent_Reported()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();
        host.Script.Overrun = 5;
        await host.StartServerAsync();

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 600) { WindowSize = 300 });
        await host.WaitForCampaignAsync("agm");

        AssertAcceptedOnce(host, "agm", Enumerable.Range(0, 600));
        Assert.Equal(2, host.Logs.GetSnapshot().Count(e => e.Id.Id == 5306));
    }

    [Fact]
    public async Task Source_ThrowsMidWindow_WindowFailsAndHangfireRetries_TheRetryReplaysWhatWasSent()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();
        host.Script.ThrowAt = 150; // the window's first 100 (one SendBatchAsync call) go out, then the read fails
        await host.StartServerAsync();

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 300) { WindowSize = 300, RequireSufficientBalance = false });
        string job = host.WindowJobs("agm")[0];

        // Hangfire's AutomaticRetry takes the failure: the job is scheduled again, with the source's exception as the reason.
        await CampaignHost.WaitUntilAsync(() => Task.FromResult(host.JobState(job) == "Scheduled"), () => $"job {job} is {host.JobState(job)}");
        string reason = host.JobStateData(job)!.Reason;
        Assert.Contains("Retry attempt 1 of 10", reason, StringComparison.Ordinal);
        Assert.Contains("the member list could not be read at row 150", reason, StringComparison.Ordinal);
        AssertAcceptedOnce(host, "agm", Enumerable.Range(0, 100));
        Assert.Equal(new SmsCampaignProgress("agm", 300, 100, 0, 0, 0, 200), await host.Campaigns.GetProgressAsync("agm"));

        // The source mends; the retry runs now rather than in Hangfire's back-off: 0..99 replay, 100..299 go out once.
        int requestsBefore = host.Simulator.Ledger.Requests.Count;
        host.Script.ThrowAt = null;
        Assert.True(host.Client.Requeue(job));
        await host.WaitForCampaignAsync("agm");

        AssertAcceptedOnce(host, "agm", Enumerable.Range(0, 300));
        Assert.Equal(requestsBefore + 4, host.Simulator.Ledger.Requests.Count); // 200 messages, 50 a request
        Assert.Equal(new SmsCampaignProgress("agm", 300, 300, 0, 0, 0, 0), await host.Campaigns.GetProgressAsync("agm"));
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 5304 && e.Message.Contains("200 sent, 100 replayed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweeper_WindowJobDeletedFromTheEngine_IsEnqueuedAgain_AndTheCampaignCompletes()
    {
        // reliability.md L12: the engine loses a window (deleted from its storage) before it ran.
        await using CampaignHost host = await CampaignHost.StartAsync();
        await host.Campaigns.StartAsync(new SmsCampaign("agm", 900) { WindowSize = 300 });
        string lost = host.WindowJobs("agm")[1];
        Assert.True(host.Client.Delete(lost));

        int enqueued = await host.Services.GetRequiredService<CampaignSweeperJob>().SweepAsync("agm", CancellationToken.None);
        await host.StartServerAsync();
        await host.WaitForCampaignAsync("agm");

        Assert.Equal(1, enqueued);
        Assert.NotEqual(lost, host.WindowJobs("agm")[1]);
        AssertAcceptedOnce(host, "agm", Enumerable.Range(0, 900));
        Assert.Equal(0, await host.Services.GetRequiredService<CampaignSweeperJob>().SweepAsync("agm", CancellationToken.None));
    }

    [Fact]
    public async Task Sweeper_WindowsStillQueued_EnqueuesNothing()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();
        await host.Campaigns.StartAsync(new SmsCampaign("agm", 900) { WindowSize = 300 });

        int enqueued = await host.Services.GetRequiredService<CampaignSweeperJob>().SweepAsync("agm", CancellationToken.None);

        Assert.Equal(0, enqueued);
        Assert.Equal(3, host.Statistics().Enqueued);
    }

    /// <summary>The simulator accepted exactly these messages of the campaign, each once, each to its own number.</summary>
    internal static void AssertAcceptedOnce(CampaignHost host, string campaignId, IEnumerable<int> indexes) =>
        Assert.Equal(indexes.Select(i => ((long)i, AgmSource.Number(i))).Order(), host.Accepted(campaignId).Order());
}
