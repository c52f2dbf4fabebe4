using KenyaSms.Campaigns;

namespace KenyaSms.Hangfire.Tests;

/// <summary>
/// StartAsync's refusals (issue 12 "Bad input"): each one before anything is enqueued or sent - the storage holds no job
/// and the simulator saw no request - and starting a campaign twice enqueues nothing new.
/// </summary>
[Collection(HangfireTestGroup.Name)]
public sealed class CampaignStartTests
{
    public static TheoryData<string, string> BadIds => new()
    {
        { string.Empty, "empty" },
        { new string('a', 101), "101 characters long; the limit is 100" },
        { "agm:2026", "contains ':'" },
        { "agm 2026", "contains ' '" },
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task StartAsync_BadCampaignId_ThrowsNamingTheId_NothingEnqueuedOrSent(string id, string says)
    {
        await using CampaignHost host = await CampaignHost.StartAsync();

        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => host.Campaigns.StartAsync(new SmsCampaign(id, 10)));

        Assert.Equal("campaign.Id", e.ParamName);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        AssertNothingHappened(host);
    }

    [Fact]
    public async Task StartAsync_IdOf100Characters_Starts()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();

        await host.Campaigns.StartAsync(new SmsCampaign(new string('a', 100), 10) { RequireSufficientBalance = false });

        Assert.Single(host.WindowJobs(new string('a', 100)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public async Task StartAsync_WindowSizeOutOf1To10000_ThrowsNamingWindowSize_NothingEnqueuedOrSent(int windowSize)
    {
        await using CampaignHost host = await CampaignHost.StartAsync();

        ArgumentOutOfRangeException e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.Campaigns.StartAsync(new SmsCampaign("agm", 10) { WindowSize = windowSize }));

        Assert.Equal("campaign.WindowSize", e.ParamName);
        Assert.Contains("1 to 10,000", e.Message, StringComparison.Ordinal);
        AssertNothingHappened(host);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10_000)]
    public async Task StartAsync_WindowSizeAtTheLimits_Starts(int windowSize)
    {
        await using CampaignHost host = await CampaignHost.StartAsync();

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 3) { WindowSize = windowSize, RequireSufficientBalance = false });

        Assert.Equal(windowSize == 1 ? 3 : 1, host.WindowJobs("agm").Count);
    }

    [Fact]
    public async Task StartAsync_NoMessages_ThrowsNamingMessageCount()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();

        ArgumentOutOfRangeException e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.Campaigns.StartAsync(new SmsCampaign("agm", 0)));

        Assert.Equal("campaign.MessageCount", e.ParamName);
        AssertNothingHappened(host);
    }

    [Fact]
    public async Task StartAsync_SendWindowThatNeverOpens_ThrowsNamingSendWindow()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();
        var never = new SmsSendWindow(new TimeOnly(8, 0), new TimeOnly(8, 0), SmsSendWindow.EastAfricaTime);

        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => host.Campaigns.StartAsync(new SmsCampaign("agm", 10) { SendWindow = never }));

        Assert.Equal("campaign.SendWindow", e.ParamName);
        AssertNothingHappened(host);
    }

    [Theory]
    [InlineData(Ledger.InMemory, "in-memory")]
    [InlineData(Ledger.None, "No send ledger")]
    public async Task StartAsync_WithoutADurableLedger_IsRefused_NothingEnqueuedOrSent(Ledger ledger, string says)
    {
        await using CampaignHost host = await CampaignHost.StartAsync(ledger);

        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Campaigns.StartAsync(new SmsCampaign("agm", 10)));

        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.Contains("AddPostgreSqlSendLedger", e.Message, StringComparison.Ordinal);
        AssertNothingHappened(host);
    }

    [Fact]
    public async Task StartAsync_Twice_EnqueuesNothingNew()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();
        var campaign = new SmsCampaign("agm", 1_000) { WindowSize = 300 };

        await host.Campaigns.StartAsync(campaign);
        Dictionary<int, string> first = host.WindowJobs("agm");
        long enqueued = host.Statistics().Enqueued;
        await host.Campaigns.StartAsync(campaign);
        await host.Campaigns.StartAsync(campaign with { });

        Assert.Equal(4, first.Count);
        Assert.Equal(first, host.WindowJobs("agm"));
        Assert.Equal(4, enqueued);
        Assert.Equal(4, host.Statistics().Enqueued);
        Assert.Equal(2, host.Logs.GetSnapshot().Count(e => e.Id.Id == 5302));
    }

    [Fact]
    public async Task StartAsync_SameIdWithAnotherDefinition_IsRefused_NothingNewEnqueued()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();
        await host.Campaigns.StartAsync(new SmsCampaign("agm", 1_000) { WindowSize = 300 });

        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Campaigns.StartAsync(new SmsCampaign("agm", 2_000) { WindowSize = 300 }));

        Assert.Contains("already started with 1000 messages", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, host.Statistics().Enqueued);
    }

    [Fact]
    public async Task StartAsync_EstimateAboveTheBalance_RefusedWithInsufficientCredits_BeforeAnySms()
    {
        // 1,000 one-segment messages to one recipient each: 1,000 credits; the account holds 999.
        await using CampaignHost host = await CampaignHost.StartAsync(credits: 999);

        SmsGatewayException e = await Assert.ThrowsAsync<SmsGatewayException>(() => host.Campaigns.StartAsync(new SmsCampaign("agm", 1_000)));

        Assert.Equal(SmsErrorCode.InsufficientCredits, e.Error);
        Assert.Contains("1000 credits", e.Message, StringComparison.Ordinal);
        Assert.Contains("999", e.Message, StringComparison.Ordinal);
        Assert.Empty(host.WindowJobs("agm"));
        Assert.Equal(0, host.Statistics().Enqueued);
        Assert.Empty(host.Simulator.Ledger.Messages);
        Assert.All(host.Simulator.Ledger.Requests, r => Assert.Equal("getbalance", r.Endpoint)); // the balance, and no send
    }

    [Fact]
    public async Task StartAsync_EstimateWithinTheBalance_Starts()
    {
        await using CampaignHost host = await CampaignHost.StartAsync(credits: 1_000);

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 1_000));

        Assert.Equal(2, host.WindowJobs("agm").Count);
    }

    [Fact]
    public async Task StartAsync_BalanceNotRequired_StartsWithoutAskingTheGateway()
    {
        await using CampaignHost host = await CampaignHost.StartAsync(credits: 0);

        await host.Campaigns.StartAsync(new SmsCampaign("agm", 1_000) { RequireSufficientBalance = false });

        Assert.Equal(2, host.WindowJobs("agm").Count);
        Assert.Empty(host.Simulator.Ledger.Requests);
    }

    [Fact]
    public async Task GetProgressAsync_CampaignNeverStarted_Throws()
    {
        await using CampaignHost host = await CampaignHost.StartAsync();

        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Campaigns.GetProgressAsync("agm"));

        Assert.Contains("No campaign agm", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>("campaignId", () => host.Campaigns.GetProgressAsync(string.Empty));
    }

    private static void AssertNothingHappened(CampaignHost host)
    {
        Assert.Equal(0, host.Statistics().Enqueued + host.Statistics().Scheduled);
        Assert.Empty(host.Simulator.Ledger.Requests);
    }
}
