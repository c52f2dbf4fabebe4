using System.Text.Json;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.IntegrationTests.Simulator;

/// <summary><c>/_simulator/...</c>: what a standalone user (or a test in another language) drives over HTTP.</summary>
public sealed class SimulatorControlApiTests
{
    private const string SendBody = """{"mobile":"+254722310558","response_type":"json","sender_name":"Synqtel","service_id":0,"message":"Hello"}""";

    [Fact]
    public async Task GetMessages_AfterASend_ListsTheAcceptedMessage()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        await host.SynqtelSendAsync(SendBody);

        Reply reply = await host.ControlAsync(HttpMethod.Get, "messages");

        Assert.Equal((200, "application/json"), (reply.Status, reply.ContentType));
        Assert.Contains("\"mobile\": \"+254722310558\"", reply.Body);
        JsonElement message = Assert.Single(reply.Json.EnumerateArray());
        Assert.Equal(("8738598", "synqtel", "Hello", "Synqtel", 1), (
            message.GetProperty("messageId").GetString(), message.GetProperty("provider").GetString(), message.GetProperty("text").GetString(),
            message.GetProperty("sender").GetString(), message.GetProperty("segments").GetInt32()));
    }

    [Fact]
    public async Task GetRequests_ListsProviderRequestsWithHeadersBodyAndOutcomeButNotControlCalls()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        await host.SynqtelSendAsync(SendBody);
        await host.ControlAsync(HttpMethod.Get, "messages");

        Reply reply = await host.ControlAsync(HttpMethod.Get, "requests");

        JsonElement request = Assert.Single(reply.Json.EnumerateArray());
        Assert.Equal(("synqtel", "sendsms", "POST", "/sms/sendsms", SendBody, "answered", 200), (
            request.GetProperty("provider").GetString(), request.GetProperty("endpoint").GetString(), request.GetProperty("method").GetString(),
            request.GetProperty("pathAndQuery").GetString(), request.GetProperty("body").GetString(), request.GetProperty("outcome").GetString(),
            request.GetProperty("statusCode").GetInt32()));
        Assert.Equal(host.Sim.SynqtelApiKey, request.GetProperty("headers").GetProperty("h_api_key").GetString());
    }

    [Fact]
    public async Task PostFaults_Count_PlaysOnTheNextRequestThenIsGone()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply added = await host.ControlAsync(HttpMethod.Post, "faults",
            """{"provider":"synqtel","endpoint":"sendsms","kind":"status","status":502,"body":"<html>bad gateway</html>","count":1}""");
        Reply faulted = await host.SynqtelSendAsync(SendBody);
        Reply normal = await host.SynqtelSendAsync(SendBody);
        Reply listed = await host.ControlAsync(HttpMethod.Get, "faults");

        Assert.Equal(201, added.Status);
        Assert.Equal("Status(502, processed)", Assert.Single(added.Json.EnumerateArray()).GetProperty("fault").GetString());
        Assert.Equal((502, "text/html", "<html>bad gateway</html>"), (faulted.Status, faulted.ContentType, faulted.Body));
        Assert.Equal(200, normal.Status);
        Assert.Equal("[]", listed.Body);
    }

    [Theory]
    [InlineData("""{"provider":"synqtel","kind":"abort-after-reading-request","processed":false}""", "AbortAfterReadingRequest(not processed)")]
    [InlineData("""{"provider":"Synqtel","kind":"AbortAfterReadingRequest"}""", "AbortAfterReadingRequest(processed)")]
    [InlineData("""{"provider":"synqtel","kind":"abort"}""", "AbortAfterReadingRequest(processed)")]
    [InlineData("""{"provider":"synqtel","kind":"delay","delayMs":1500}""", "Delay(1500 ms, processed)")]
    [InlineData("""{"provider":"synqtel","kind":"stall"}""", "Stall(processed)")]
    [InlineData("""{"provider":"synqtel","kind":"bad-gateway"}""", "Status(502, processed)")]
    [InlineData("""{"provider":"synqtel","kind":"status","status":503,"retryAfterSeconds":2}""", "Status(503, not processed)")]
    [InlineData("""{"provider":"synqtel","kind":"malformed-json"}""", "MalformedJson(processed)")]
    [InlineData("""{"provider":"synqtel","kind":"truncated_json"}""", "TruncatedJson(processed)")]
    [InlineData("""{"provider":"synqtel","kind":"empty-body"}""", "EmptyBody(processed)")]
    [InlineData("""{"provider":"synqtel","kind":"too-many-requests","retryAfterSeconds":3}""", "TooManyRequests(429, not processed)")]
    [InlineData("""{"provider":"254sms","kind":"provider-error","code":"X002"}""", "ProviderError(X002, not processed)")]
    [InlineData("""{"provider":"synqtel","kind":"redirect","location":"/sms/moved"}""", "Redirect(302 to /sms/moved, processed)")]
    [InlineData("""{"provider":"synqtel","kind":"redirect","status":307,"location":"http://127.0.0.2:8080/","processed":false}""", "Redirect(307 to http://127.0.0.2:8080/, not processed)")]
    public async Task PostFaults_EveryKind_IsUnderstood(string body, string expected)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.ControlAsync(HttpMethod.Post, "faults", body);

        Assert.Equal(201, reply.Status);
        JsonElement fault = Assert.Single(reply.Json.EnumerateArray());
        Assert.Equal((expected, "*", 1), (fault.GetProperty("fault").GetString(), fault.GetProperty("endpoint").GetString(), fault.GetProperty("remaining").GetInt32()));
    }

    [Fact]
    public async Task PostFaults_PercentWithSeed_PlaysLikeTheSameRuleInCode()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        await using var twin = await SimulatorTestHost.StartAsync();

        await host.ControlAsync(HttpMethod.Post, "faults", """{"provider":"synqtel","endpoint":"getbalance","kind":"too-many-requests","percent":50,"seed":7}""");
        twin.Sim.Faults.InjectPercentage(SimulatorProvider.Synqtel, "getbalance", SimulatorFault.TooManyRequests(), 50, seed: 7);

        Assert.Equal(await StatusesAsync(host), await StatusesAsync(twin));
        Assert.Equal(50.0, Assert.Single((await host.ControlAsync(HttpMethod.Get, "faults")).Json.EnumerateArray()).GetProperty("percent").GetDouble());
    }

    [Fact]
    public async Task PostFaults_UnknownField_ListsTheValidFieldsNotDotNetInternals()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.ControlAsync(HttpMethod.Post, "faults", """{"provider":"synqtel","kind":"stall","delay":5}""");

        Assert.Equal(400, reply.Status);
        string error = reply.Json.GetProperty("error").GetString()!;
        Assert.Contains("unknown field 'delay'. The fields are: provider, endpoint, kind, count, percent, seed, status, body, contentType, delayMs,", error, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", error, StringComparison.Ordinal);
        Assert.DoesNotContain("FaultSpec", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"provider":"nexmo","kind":"stall"}""", "provider")]
    [InlineData("""{"provider":"synqtel","kind":"explode"}""", "Unknown kind")]
    [InlineData("""{"provider":"synqtel","kind":"stall","endpoint":"credits"}""", "not a Synqtel endpoint")]
    [InlineData("""{"provider":"synqtel","kind":"stall","count":1,"percent":5}""", "not both")]
    [InlineData("""{"provider":"synqtel","kind":"stall","count":0}""", "count")]
    [InlineData("""{"provider":"synqtel","kind":"stall","percent":120}""", "percent")]
    [InlineData("""{"provider":"synqtel","kind":"status"}""", "needs status")]
    [InlineData("""{"provider":"synqtel","kind":"status","status":700}""", "statusCode")]
    [InlineData("""{"provider":"synqtel","kind":"delay"}""", "delayMs")]
    [InlineData("""{"provider":"synqtel","kind":"provider-error"}""", "needs code")]
    [InlineData("""{"provider":"synqtel","kind":"redirect"}""", "needs location")]
    [InlineData("""{"provider":"synqtel","kind":"redirect","status":200,"location":"/x"}""", "statusCode")]
    [InlineData("""{"provider":"synqtel","kind":"stall","procesed":true}""", "procesed")]
    [InlineData("""not json""", "not a fault")]
    [InlineData("", "not a fault")]
    public async Task PostFaults_Invalid_Answers400SayingWhyAndAddsNothing(string body, string why)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.ControlAsync(HttpMethod.Post, "faults", body);

        Assert.Equal(400, reply.Status);
        Assert.Contains(why, reply.Json.GetProperty("error").GetString());
        Assert.Equal(0, host.Sim.Faults.ActiveCount);
    }

    [Fact]
    public async Task DeleteFaults_RemovesEveryRule()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Qserve, "sendsms", SimulatorFault.Stall(), count: 3);

        Reply reply = await host.ControlAsync(HttpMethod.Delete, "faults");

        Assert.Equal(204, reply.Status);
        Assert.Equal(0, host.Sim.Faults.ActiveCount);
    }

    [Fact]
    public async Task PostReset_ForgetsTheLedgerAndFaultsAndRestoresCredits()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        await host.SynqtelSendAsync(SendBody);
        host.Sim.Faults.Inject(SimulatorProvider.Qserve, "sendsms", SimulatorFault.Stall());
        host.Sim.SetCredits(SimulatorProvider.Qserve, 3);

        Reply reply = await host.ControlAsync(HttpMethod.Post, "reset");
        await host.SynqtelAsync(HttpMethod.Get, "getbalance", null);

        Assert.Equal(204, reply.Status);
        Assert.Empty(host.Sim.Ledger.Messages);
        Assert.Equal(0, Assert.Single(host.Sim.Ledger.Requests).Index);
        Assert.Equal(0, host.Sim.Faults.ActiveCount);
        Assert.Equal((10_000, 10_000), (host.Sim.GetCredits(SimulatorProvider.Qserve), host.Sim.GetCredits(SimulatorProvider.Synqtel)));
    }

    [Fact]
    public async Task Credits_GetAndPut_ReadAndSetEachProvidersBalance()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply put = await host.ControlAsync(HttpMethod.Put, "credits/synqtel", """{"credits":5}""");
        Reply get = await host.ControlAsync(HttpMethod.Get, "credits");

        Assert.Equal(200, put.Status);
        Assert.Equal((10_000, 5), (get.Json.GetProperty("qserve").GetInt64(), get.Json.GetProperty("synqtel").GetInt64()));
        Assert.Equal(5, host.Sim.GetCredits(SimulatorProvider.Synqtel));
    }

    [Theory]
    [InlineData("credits/nexmo", """{"credits":5}""", 404)]
    [InlineData("credits/qserve", """{"balance":5}""", 400)]
    [InlineData("credits/qserve", """{}""", 400)]
    [InlineData("credits/qserve", """5""", 400)]
    public async Task PutCredits_Invalid_ChangesNothing(string path, string body, int status)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.ControlAsync(HttpMethod.Put, path, body);

        Assert.Equal(status, reply.Status);
        Assert.Equal(10_000, host.Sim.GetCredits(SimulatorProvider.Qserve));
    }

    [Fact]
    public async Task GetDeliveryReports_ListsThePostedReports()
    {
        await using var receiver = await LoopbackServer.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(o => o.DeliveryReportUrl = receiver.BaseAddress);
        await host.SynqtelSendAsync(SendBody);
        await host.Sim.Ledger.WaitForDeliveryReportsAsync(1).WaitAsync(TimeSpan.FromSeconds(10));

        Reply reply = await host.ControlAsync(HttpMethod.Get, "delivery-reports");

        JsonElement report = Assert.Single(reply.Json.EnumerateArray());
        Assert.Equal(("8738598", true, 200), (report.GetProperty("messageId").GetString(), report.GetProperty("succeeded").GetBoolean(), report.GetProperty("httpStatus").GetInt32()));
    }

    [Fact]
    public async Task UnknownControlPath_Answers404WithHelp()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.ControlAsync(HttpMethod.Get, "ledger");

        Assert.Equal(404, reply.Status);
        Assert.Contains("GET messages", reply.Json.GetProperty("error").GetString());
    }

    private static async Task<int[]> StatusesAsync(SimulatorTestHost host)
    {
        var statuses = new int[12];
        for (int i = 0; i < statuses.Length; i++)
        {
            statuses[i] = (await host.SynqtelAsync(HttpMethod.Get, "getbalance", null)).Status;
        }

        return statuses;
    }
}
