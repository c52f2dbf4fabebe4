using System.Text;
using System.Text.Json;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.IntegrationTests.Simulator;

/// <summary>Every fault kind, processed or not, and what the ledger and the balance say afterwards.</summary>
public sealed class SimulatorFaultTests
{
    private const string SendBody = """{"mobile":"0722310558","response_type":"json","sender_name":"Synqtel","service_id":0,"message":"Hello"}""";
    private const string QserveBody = """{"username":"simulator","api_key":"sim-qserve-key","phone":"0722310558","message":"Hello"}""";
    private const string NormalAnswer = """[{"status_code":"1000","status_desc":"Success","message_id":8738598,"mobile_number":"0722310558","network_id":"1","message_cost":"1","credit_balance":"9999"}]""";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AbortAfterReadingRequest_Default_AcceptsAndChargesThenResetsTheConnection()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.AbortAfterReadingRequest(), count: 1);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.SynqtelSendAsync(SendBody));
        Reply next = await host.SynqtelSendAsync(SendBody);

        SimulatorRequest aborted = host.Sim.Ledger.Requests[0];
        Assert.Equal((SimulatorRequestOutcome.Aborted, null, "AbortAfterReadingRequest(processed)"), (aborted.Outcome, aborted.StatusCode, aborted.Fault));
        Assert.Equal(SendBody, aborted.Body);
        Assert.Equal([0, 1], host.Sim.Ledger.Messages.Select(m => m.RequestIndex));
        Assert.Equal("1000", next.Field("status_code"));
        Assert.Equal(9_998, host.Sim.GetCredits(SimulatorProvider.Synqtel));
    }

    [Fact]
    public async Task AbortAfterReadingRequest_NotProcessed_RecordsTheRequestButNoMessage()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Qserve, "sendsms", SimulatorFault.AbortAfterReadingRequest().WithProcessed(false));

        await Assert.ThrowsAsync<HttpRequestException>(() => host.QserveAsync("sendsms", QserveBody));

        Assert.Equal(SimulatorRequestOutcome.Aborted, Assert.Single(host.Sim.Ledger.Requests).Outcome);
        host.AssertNothingAccepted(SimulatorProvider.Qserve);
    }

    [Fact]
    public async Task Stall_ClientGivesUp_MessageStaysAcceptedAndTheRequestIsAborted()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.Stall());
        using var giveUp = new CancellationTokenSource();

        Task<Reply> send = host.SynqtelSendAsync(SendBody, giveUp.Token);
        await host.Sim.Ledger.WaitForMessagesAsync(1).WaitAsync(Patience);
        Assert.False(send.IsCompleted);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        await host.Sim.Ledger.WaitUntilAsync(l => l.Requests[0].Outcome == SimulatorRequestOutcome.Aborted).WaitAsync(Patience);
        Assert.Single(host.Sim.Ledger.Messages);
    }

    [Fact]
    public async Task Stall_SimulatorStops_EndsTheStalledRequest()
    {
        var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "getbalance", SimulatorFault.Stall());
        Task<Reply> balance = host.SynqtelAsync(HttpMethod.Get, "getbalance", null);
        await host.Sim.Ledger.WaitForRequestsAsync(1).WaitAsync(Patience);

        await host.Sim.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => balance);
        Assert.Equal(SimulatorRequestOutcome.Aborted, host.Sim.Ledger.Requests[0].Outcome);
        host.Http.Dispose();
    }

    [Fact]
    public async Task Delay_Processed_AcceptsFirstAndAnswersNormallyWhenTheTimeHasPassed()
    {
        var clock = new ArmedTimersFakeTimeProvider();
        await using var host = await SimulatorTestHost.StartAsync(o => o.TimeProvider = clock);
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.Delay(TimeSpan.FromSeconds(30)));

        Task<Reply> send = host.SynqtelSendAsync(SendBody);
        await clock.WaitForArmedTimersAsync(1).WaitAsync(Patience);
        Assert.Single(host.Sim.Ledger.Messages);
        Assert.False(send.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(30));

        Reply reply = await send.WaitAsync(Patience);
        Assert.Equal(NormalAnswer, reply.Body);
        Assert.Equal("Delay(30000 ms, processed)", host.Sim.Ledger.Requests[0].Fault);
    }

    [Fact]
    public async Task Delay_NotProcessed_AcceptsOnlyAfterTheWait()
    {
        var clock = new ArmedTimersFakeTimeProvider();
        await using var host = await SimulatorTestHost.StartAsync(o => o.TimeProvider = clock);
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.Delay(TimeSpan.FromSeconds(30)).WithProcessed(false));

        Task<Reply> send = host.SynqtelSendAsync(SendBody);
        await clock.WaitForArmedTimersAsync(1).WaitAsync(Patience);
        Assert.Empty(host.Sim.Ledger.Messages);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(NormalAnswer, (await send.WaitAsync(Patience)).Body);
        Assert.Single(host.Sim.Ledger.Messages);
    }

    [Fact]
    public async Task Delay_NotProcessedAndClientGivesUp_AcceptsNothing()
    {
        var clock = new ArmedTimersFakeTimeProvider();
        await using var host = await SimulatorTestHost.StartAsync(o => o.TimeProvider = clock);
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.Delay(TimeSpan.FromSeconds(30)).WithProcessed(false));
        using var giveUp = new CancellationTokenSource();

        Task<Reply> send = host.SynqtelSendAsync(SendBody, giveUp.Token);
        await clock.WaitForArmedTimersAsync(1).WaitAsync(Patience);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        await host.Sim.Ledger.WaitUntilAsync(l => l.Requests[0].Outcome == SimulatorRequestOutcome.Aborted).WaitAsync(Patience);
        clock.Advance(TimeSpan.FromSeconds(30));

        host.AssertNothingAccepted(SimulatorProvider.Synqtel);
    }

    [Fact]
    public async Task BadGateway_Default_AnswersTheHtmlPageAfterAccepting()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Qserve, "sendsms", SimulatorFault.BadGateway());

        Reply reply = await host.QserveAsync("sendsms", QserveBody);

        Assert.Equal((502, "text/html"), (reply.Status, reply.ContentType));
        Assert.Contains("<h1>502 Bad Gateway</h1>", reply.Body);
        Assert.Single(host.Sim.Ledger.Messages);
        Assert.Equal((SimulatorRequestOutcome.Answered, 502), (host.Sim.Ledger.Requests[0].Outcome, host.Sim.Ledger.Requests[0].StatusCode));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(504, true)]
    [InlineData(503, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    public async Task Status_Default_ProcessesOnlyServerErrorsOtherThan503(int status, bool processed)
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.Status(status, """{"error":"x"}""", "application/json", retryAfterSeconds: 5));

        Reply reply = await host.SynqtelSendAsync(SendBody);

        Assert.Equal((status, """{"error":"x"}""", "5"), (reply.Status, reply.Body, reply.Headers.RetryAfter?.ToString()));
        Assert.Equal(processed ? 1 : 0, host.Sim.Ledger.Messages.Count);
        Assert.Equal(processed ? 9_999 : 10_000, host.Sim.GetCredits(SimulatorProvider.Synqtel));
    }

    [Fact]
    public async Task TooManyRequests_Answers429WithRetryAfterAndAcceptsNothing()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendmultiple", SimulatorFault.TooManyRequests(7));

        Reply reply = await host.SynqtelAsync(HttpMethod.Post, "sendmultiple", """{"serviceId":0,"shortcode":"Synqtel","messages":[{"mobile":"0722000001","message":"Hi"}]}""");

        Assert.Equal((429, TimeSpan.FromSeconds(7)), (reply.Status, reply.Headers.RetryAfter?.Delta));
        Assert.Empty(host.Sim.Ledger.Messages);
    }

    [Fact]
    public async Task MalformedJson_AnswersJsonThatNoLenientReaderAccepts()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Qserve, "sendsms", SimulatorFault.MalformedJson());
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.MalformedJson());

        Reply[] replies = [await host.QserveAsync("sendsms", QserveBody), await host.SynqtelSendAsync(SendBody)];

        Assert.All(replies, r => Assert.Equal((200, "application/json"), (r.Status, r.ContentType)));
        Assert.All(replies, r => Assert.ThrowsAny<JsonException>(() => JsonShape.Of(r.Body)));
        Assert.Equal(2, host.Sim.Ledger.Messages.Count);
    }

    [Fact]
    public async Task TruncatedJson_Processed_AnswersTheFirstHalfOfTheRealAnswer()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.TruncatedJson());

        Reply reply = await host.SynqtelSendAsync(SendBody);

        Assert.Equal(NormalAnswer[..(NormalAnswer.Length / 2)], reply.Body);
        Assert.ThrowsAny<JsonException>(() => JsonShape.Of(reply.Body));
        Assert.Single(host.Sim.Ledger.Messages);
    }

    [Fact]
    public async Task TruncatedJson_NotProcessed_CutsAnAnswerAndAcceptsNothing()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Qserve, "sendsms", SimulatorFault.TruncatedJson().WithProcessed(false));

        Reply reply = await host.QserveAsync("sendsms", QserveBody);

        Assert.StartsWith("[{\"recipientsCount\"", reply.Body);
        Assert.ThrowsAny<JsonException>(() => JsonShape.Of(reply.Body));
        Assert.Empty(host.Sim.Ledger.Messages);
    }

    [Fact]
    public async Task EmptyBody_Answers200WithNothingAfterAccepting()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.EmptyBody());

        Reply reply = await host.SynqtelSendAsync(SendBody);

        Assert.Equal((200, ""), (reply.Status, reply.Body));
        Assert.Single(host.Sim.Ledger.Messages);
    }

    [Theory]
    [InlineData("sendsms", "1005", """[{"status_code":"1005","status_desc":"Internal system error","message_id":"0","mobile_number":"","network_id":"","message_cost":"","credit_balance":""}]""")]
    [InlineData("sendmultiple", "1007", """{"status_code":1007,"status_desc":"Db connection failed","credit_balance":""}""")]
    [InlineData("getbalance", "1014", """[{"status_code":"1014","status_desc":"IP not allowed","credit_balance":""}]""")]
    public async Task ProviderError_Synqtel_AnswersTheCodeInTheEndpointsErrorShape(string endpoint, string code, string expected)
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, endpoint, SimulatorFault.ProviderError(code));

        Reply reply = await host.SynqtelAsync(endpoint == "getbalance" ? HttpMethod.Get : HttpMethod.Post, endpoint, SendBody);

        Assert.Equal(expected, reply.Body);
        Assert.Empty(host.Sim.Ledger.Messages);
    }

    [Fact]
    public async Task ProviderError_Qserve_AnswersTheErrorArray()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Qserve, "credits", SimulatorFault.ProviderError("X002"));

        Reply reply = await host.QserveAsync("credits", QserveBody);

        Assert.Equal("""[{"statusCode":"X002","statusMessage":"Unvalid secret_key for this domain"}]""", reply.Body);
    }

    // A redirect to the same host after the work is done, and one to another host before it: either way the answer
    // carries the Location, and a client that does not follow it leaves the target untouched.
    [Theory]
    [InlineData(302, true)]
    [InlineData(307, false)]
    public async Task Redirect_AnswersTheStatusAndLocationAndProcessesAsTold(int status, bool processed)
    {
        await using var host = await SimulatorTestHost.StartAsync();
        await using LoopbackServer elsewhere = await LoopbackServer.StartAsync();
        string location = processed ? new Uri(host.Sim.SynqtelBaseAddress, "sendsms").AbsoluteUri : new Uri(elsewhere.BaseAddress, "sms/sendsms").AbsoluteUri;
        SimulatorFault redirect = SimulatorFault.Redirect(status, location);
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", processed ? redirect : redirect.WithProcessed(false));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.Sim.SynqtelBaseAddress, "sendsms")) { Content = new StringContent(SendBody, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("h_api_key", host.Sim.SynqtelApiKey);

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal((status, location, ""), ((int)response.StatusCode, response.Headers.Location?.AbsoluteUri, await response.Content.ReadAsStringAsync()));
        SimulatorRequest recorded = Assert.Single(host.Sim.Ledger.Requests);
        Assert.Equal((SimulatorRequestOutcome.Answered, status, $"Redirect({status} to {location}, {(processed ? "processed" : "not processed")})"),
            (recorded.Outcome, recorded.StatusCode, recorded.Fault));
        Assert.Equal(processed ? 1 : 0, host.Sim.Ledger.Messages.Count);
        Assert.Equal(processed ? 9_999 : 10_000, host.Sim.GetCredits(SimulatorProvider.Synqtel));
        Assert.Equal(0, elsewhere.ConnectionsAccepted);
    }

    [Fact]
    public async Task Redirect_RelativeLocation_IsSentAsGiven()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Qserve, "sendsms", SimulatorFault.Redirect(301, "/version1/moved"));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = host.Sim.BaseAddress };

        using HttpResponseMessage response = await http.PostAsync("version1/sendsms", new StringContent(QserveBody, Encoding.UTF8, "application/json"));

        Assert.Equal((301, "/version1/moved"), ((int)response.StatusCode, response.Headers.Location?.OriginalString));
        Assert.Single(host.Sim.Ledger.Messages);
    }

    [Fact]
    public async Task Inject_Count_PlaysOnExactlyThatManyRequests()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "getbalance", SimulatorFault.EmptyBody(), count: 2);

        int[] lengths = [.. await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => (await host.SynqtelAsync(HttpMethod.Get, "getbalance", null)).Body.Length))];

        Assert.Equal(2, lengths.Count(l => l == 0));
        Assert.Equal(0, host.Sim.Faults.ActiveCount);
    }

    [Fact]
    public async Task Inject_OtherEndpointOrProvider_IsNotAffected()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendmultiple", SimulatorFault.EmptyBody());

        Reply synqtel = await host.SynqtelSendAsync(SendBody);
        Reply qserve = await host.QserveAsync("sendsms", QserveBody);

        Assert.Equal("1000", synqtel.Field("status_code"));
        Assert.Equal("101", qserve.Field("statusCode"));
        Assert.Equal(1, host.Sim.Faults.ActiveCount);
    }

    [Fact]
    public async Task Inject_AnyEndpoint_PlaysOnEveryEndpointOfThatProvider()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Qserve, SimulatorFaults.AnyEndpoint, SimulatorFault.TooManyRequests(), count: 2);

        Reply credits = await host.QserveAsync("credits", QserveBody);
        Reply send = await host.QserveAsync("sendsms", QserveBody);

        Assert.Equal((429, 429), (credits.Status, send.Status));
    }

    [Fact]
    public async Task Inject_TwoRules_TheFirstInjectedPlaysFirst()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.TooManyRequests());
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.BadGateway());

        int[] statuses = [(await host.SynqtelSendAsync(SendBody)).Status, (await host.SynqtelSendAsync(SendBody)).Status, (await host.SynqtelSendAsync(SendBody)).Status];

        Assert.Equal([429, 502, 200], statuses);
    }

    [Fact]
    public async Task InjectPercentage_SameSeed_PlaysOnTheSameRequests()
    {
        bool[] first = await PercentagePatternAsync(seed: 42, percent: 50);
        bool[] second = await PercentagePatternAsync(seed: 42, percent: 50);

        Assert.Equal(first, second);
        Assert.Contains(true, first);
        Assert.Contains(false, first);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(100, true)]
    public async Task InjectPercentage_Extremes_PlayNeverOrAlways(double percent, bool faulted)
    {
        bool[] pattern = await PercentagePatternAsync(seed: null, percent);

        Assert.All(pattern, f => Assert.Equal(faulted, f));
    }

    [Fact]
    public async Task Clear_RemovesEveryRule()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.EmptyBody(), count: 5);
        host.Sim.Faults.InjectPercentage(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.EmptyBody(), 100);

        host.Sim.Faults.Clear();

        Assert.Equal(0, host.Sim.Faults.ActiveCount);
        Assert.Equal("1000", (await host.SynqtelSendAsync(SendBody)).Field("status_code"));
    }

    [Fact]
    public async Task Inject_BadArguments_ThrowBeforeAnythingIsAdded()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        SimulatorFaults rules = host.Sim.Faults;

        ArgumentException unknown = Assert.Throws<ArgumentException>(() => rules.Inject(SimulatorProvider.Qserve, "sendmultiple", SimulatorFault.Stall()));
        Assert.Contains("credits", unknown.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => rules.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.Stall(), count: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rules.InjectPercentage(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.Stall(), 100.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => rules.InjectPercentage(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.Stall(), double.NaN));
        Assert.Equal(0, rules.ActiveCount);
    }

    [Fact]
    public void Factories_Defaults_SayWhetherTheRequestIsProcessed()
    {
        Assert.True(SimulatorFault.Delay(TimeSpan.Zero).Processed);
        Assert.True(SimulatorFault.Stall().Processed);
        Assert.True(SimulatorFault.MalformedJson().Processed);
        Assert.True(SimulatorFault.TruncatedJson().Processed);
        Assert.True(SimulatorFault.EmptyBody().Processed);
        Assert.True(SimulatorFault.AbortAfterReadingRequest().Processed);
        Assert.False(SimulatorFault.TooManyRequests().Processed);
        Assert.False(SimulatorFault.ProviderError("1005").Processed);
        Assert.Equal("Status(502, processed)", SimulatorFault.BadGateway().ToString());
        Assert.Equal("TooManyRequests(429, not processed)", SimulatorFault.TooManyRequests().ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatorFault.Delay(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatorFault.Status(99));
        Assert.Throws<ArgumentException>(() => SimulatorFault.ProviderError(" "));
        Assert.True(SimulatorFault.Redirect(302, "/x").Processed);
        Assert.Equal("Redirect(307 to http://127.0.0.2:1/, not processed)", SimulatorFault.Redirect(307, "http://127.0.0.2:1/").WithProcessed(false).ToString());
        Assert.Equal("http://127.0.0.2:1/", SimulatorFault.Redirect(307, "http://127.0.0.2:1/").WithProcessed(false).Location);
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatorFault.Redirect(200, "/x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatorFault.Redirect(400, "/x"));
        Assert.Throws<ArgumentException>(() => SimulatorFault.Redirect(302, " "));
    }

    private static async Task<bool[]> PercentagePatternAsync(int? seed, double percent)
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.InjectPercentage(SimulatorProvider.Synqtel, "getbalance", SimulatorFault.TooManyRequests(), percent, seed);
        var pattern = new bool[20];
        for (int i = 0; i < pattern.Length; i++)
        {
            pattern[i] = (await host.SynqtelAsync(HttpMethod.Get, "getbalance", null)).Status == 429;
        }

        return pattern;
    }
}
