using System.Text.Json;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.IntegrationTests.Simulator;

/// <summary>Synqtel delivery reports, received by a real loopback server standing in for the user's app.</summary>
public sealed class SimulatorDeliveryReportTests
{
    // The reference's "Example Delivery Report" body.
    private const string DocReport = """
        {
        "messageId": "27312989",
        "dlrTime": "2022-02-22 11:46:42",
        "dlrStatus": "1",
        "dlrDesc": "DeliveredToTerminal",
        "tat": 10005,
        "network": "1",
        "destaddr": "254767209917",
        "sourceaddr": "118",
        "origin": "Safaricom"
        }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static string Send(string mobile) =>
        JsonSerializer.Serialize(new { mobile, response_type = "json", sender_name = "Synqtel", service_id = 0, message = "Hello" });

    [Fact]
    public async Task SendSms_Delivered_PostsAReportShapedLikeTheReferenceExample()
    {
        await using var receiver = await LoopbackServer.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(o => o.DeliveryReportUrl = new Uri(receiver.BaseAddress, "dlr"));

        Reply sent = await host.SynqtelSendAsync(Send("+254722310558"));
        await receiver.WaitForRequestsAsync(1).WaitAsync(Patience);

        RecordedRequest post = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/dlr"), (post.Method, post.Path));
        Assert.StartsWith("application/json", post.Header("Content-Type"));
        Assert.Equal(JsonShape.Of(DocReport), JsonShape.Of(post.BodyText));
        JsonElement report = JsonDocument.Parse(post.BodyText).RootElement;
        Assert.Equal(sent.Field("message_id"), report.GetProperty("messageId").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", report.GetProperty("dlrTime").GetString());
        Assert.Equal(("1", "DeliveredToTerminal", "1", "254722310558", "Synqtel", "Safaricom"), Fields(report));
    }

    [Fact]
    public async Task SendSms_UndeliverableNumber_PostsDeliveryImpossible()
    {
        await using var receiver = await LoopbackServer.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(o =>
        {
            o.DeliveryReportUrl = receiver.BaseAddress;
            o.UndeliverableNumbers.Add("0733 000 001");
        });

        await host.SynqtelSendAsync(Send("+254733000001"));
        await host.Sim.Ledger.WaitForDeliveryReportsAsync(1).WaitAsync(Patience);

        SimulatorDeliveryReport logged = Assert.Single(host.Sim.Ledger.DeliveryReports);
        Assert.Equal((false, 200, true, "+254733000001"), (logged.Delivered, logged.HttpStatus, logged.Succeeded, logged.Mobile));
        JsonElement report = JsonDocument.Parse(logged.Body).RootElement;
        Assert.Equal(("2", "DeliveryImpossible", "2", "254733000001", "Synqtel", "Airtel"), Fields(report));
        Assert.Equal(logged.Body, Assert.Single(receiver.Requests).BodyText);
    }

    [Fact]
    public async Task Delay_FakeClock_PostsOnlyWhenTheDelayHasPassedWithEastAfricaTime()
    {
        var clock = new ArmedTimersFakeTimeProvider(new DateTimeOffset(2025, 1, 1, 21, 30, 0, TimeSpan.Zero));
        await using var receiver = await LoopbackServer.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(o =>
        {
            o.DeliveryReportUrl = receiver.BaseAddress;
            o.DeliveryReportDelay = TimeSpan.FromSeconds(5);
            o.TimeProvider = clock;
        });

        await host.SynqtelSendAsync(Send("0722310558"));
        await clock.WaitForArmedTimersAsync(1).WaitAsync(Patience);
        Assert.Equal(0, receiver.ReceivedCount);
        clock.Advance(TimeSpan.FromSeconds(5));
        await receiver.WaitForRequestsAsync(1).WaitAsync(Patience);

        JsonElement report = JsonDocument.Parse(receiver.Requests[0].BodyText).RootElement;
        Assert.Equal("2025-01-02 00:30:05", report.GetProperty("dlrTime").GetString());
        Assert.Equal(5, report.GetProperty("tat").GetInt32());
    }

    [Fact]
    public async Task SendMultiple_ReportsEachAcceptedEntryAndNoRefusedOne()
    {
        await using var receiver = await LoopbackServer.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(o => o.DeliveryReportUrl = receiver.BaseAddress);

        await host.SynqtelAsync(HttpMethod.Post, "sendmultiple",
            """{"serviceId":0,"shortcode":"118","messages":[{"mobile":"0722000001","message":"a"},{"mobile":"12","message":"b"},{"mobile":"0770000003","message":"c"}]}""");
        await host.Sim.Ledger.WaitForDeliveryReportsAsync(2).WaitAsync(Patience);

        Assert.Equal(
            ["254722000001", "254770000003"],
            receiver.Requests.Select(r => JsonDocument.Parse(r.BodyText).RootElement.GetProperty("destaddr").GetString()).Order());
        Assert.Equal(host.Sim.Ledger.Messages.Select(m => m.MessageId).Order(), host.Sim.Ledger.DeliveryReports.Select(r => r.MessageId).Order());
        Assert.All(receiver.Requests, r => Assert.Contains("\"sourceaddr\":\"118\"", r.BodyText));
    }

    [Fact]
    public async Task Qserve_Sends_PostNoReports()
    {
        await using var receiver = await LoopbackServer.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(o => o.DeliveryReportUrl = receiver.BaseAddress);

        await host.QserveAsync("sendsms", """{"username":"simulator","api_key":"sim-qserve-key","phone":"0722000001","message":"Hi"}""");
        await host.SynqtelSendAsync(Send("0722000002"));
        await host.Sim.Ledger.WaitForDeliveryReportsAsync(1).WaitAsync(Patience);

        Assert.Equal("+254722000002", Assert.Single(host.Sim.Ledger.DeliveryReports).Mobile);
        Assert.Equal(2, host.Sim.Ledger.Messages.Count);
    }

    [Fact]
    public async Task DeliveryReportUrl_SetLater_AppliesToMessagesAcceptedFromThen()
    {
        await using var receiver = await LoopbackServer.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync();

        await host.SynqtelSendAsync(Send("0722000001"));
        host.Sim.DeliveryReportUrl = receiver.BaseAddress;
        await host.SynqtelSendAsync(Send("0722000002"));
        await host.Sim.Ledger.WaitForDeliveryReportsAsync(1).WaitAsync(Patience);

        Assert.Equal("+254722000002", Assert.Single(host.Sim.Ledger.DeliveryReports).Mobile);
        Assert.Equal(1, receiver.ReceivedCount);
    }

    [Fact]
    public async Task Receiver_Fails_TheLedgerSaysSoAndNothingIsRetried()
    {
        await using var failing = await LoopbackServer.StartAsync();
        failing.Fallback = _ => Behavior.Respond(500, "oops");
        await using var host = await SimulatorTestHost.StartAsync(o => o.DeliveryReportUrl = failing.BaseAddress);

        await host.SynqtelSendAsync(Send("0722000001"));
        host.Sim.DeliveryReportUrl = ClosedPort.Create();
        await host.SynqtelSendAsync(Send("0722000002"));
        await host.Sim.Ledger.WaitForDeliveryReportsAsync(2).WaitAsync(Patience);

        SimulatorDeliveryReport[] reports = [.. host.Sim.Ledger.DeliveryReports.OrderBy(r => r.Mobile)];
        Assert.Equal((500, false, null), (reports[0].HttpStatus, reports[0].Succeeded, reports[0].Error));
        Assert.Equal((null, false), (reports[1].HttpStatus, reports[1].Succeeded));
        Assert.False(string.IsNullOrEmpty(reports[1].Error));
        Assert.Equal(1, failing.ReceivedCount);
    }

    [Theory]
    [InlineData("/relative/dlr")]
    [InlineData("ftp://127.0.0.1/dlr")]
    public async Task DeliveryReportUrl_NotHttp_IsRefused(string url)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Assert.Throws<ArgumentException>(() => host.Sim.DeliveryReportUrl = new Uri(url, UriKind.RelativeOrAbsolute));
        Assert.Null(host.Sim.DeliveryReportUrl);
    }

    private static (string?, string?, string?, string?, string?, string?) Fields(JsonElement report) => (
        report.GetProperty("dlrStatus").GetString(),
        report.GetProperty("dlrDesc").GetString(),
        report.GetProperty("network").GetString(),
        report.GetProperty("destaddr").GetString(),
        report.GetProperty("sourceaddr").GetString(),
        report.GetProperty("origin").GetString());
}
