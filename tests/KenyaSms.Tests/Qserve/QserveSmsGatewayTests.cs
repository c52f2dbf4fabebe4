using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KenyaSms.Qserve;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.Qserve;

/// <summary>
/// The 254sms (Qserve) adapter as an application uses it: registered with AddKenyaSms().AddQserve(), resolved
/// from DI, talking to MockHttp (most tests) or a real loopback server (wire-exact tests). The rules both
/// adapters share (bad input, invalid and duplicate numbers, unreadable answers, chunking) are checked for
/// this adapter too in <see cref="SmsGatewayContractTests"/>.
/// </summary>
public sealed partial class QserveSmsGatewayTests
{
    private static readonly string[] Five = ["0722000001", "0722000002", "0722000003", "0722000004", "0722000005"];

    // ---- 1. Request shape --------------------------------------------------------------------------

    [Fact]
    public async Task SendAsync_TwoRecipients_PostsSendsmsWithCredentialsOnlyInBody()
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", r => (200, FakeReplies.Qserve(r.Body)));
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        await sp.GetRequiredKeyedService<ISmsGateway>("qserve").SendAsync(["0722 123 456", "+254733123456"], "Hello world");

        SentRequest sent = Assert.Single(mock.Sent);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.qserve.co.ke/version1/sendsms", sent.Uri.AbsoluteUri);
        Assert.StartsWith("application/json", sent.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(["username", "api_key", "sender_id", "phone", "message"], sent.FieldNames);
        Assert.Equal(AdapterHost.QserveUsername, sent.Field("username"));
        Assert.Equal(AdapterHost.QserveApiKey, sent.Field("api_key"));
        Assert.Equal("254sms", sent.Field("sender_id"));
        Assert.Equal("254722123456,254733123456", sent.Field("phone"));
        Assert.Equal("Hello world", sent.Field("message"));
        AssertCredentialsOnlyInBody(sent);
    }

    [Fact]
    public async Task GetBalanceAsync_Called_PostsCreditsWithCredentialsOnlyInBody()
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "credits", TestPaths.Fixture("Qserve/credits.json"));
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        SmsBalance balance = await sp.GetRequiredService<ISmsGateway>().GetBalanceAsync();

        Assert.Equal(new SmsBalance("qserve", 345m), balance);
        SentRequest sent = Assert.Single(mock.Sent);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.qserve.co.ke/version1/credits", sent.Uri.AbsoluteUri);
        Assert.StartsWith("application/json", sent.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(["username", "api_key"], sent.FieldNames);
        Assert.Equal(AdapterHost.QserveUsername, sent.Field("username"));
        Assert.Equal(AdapterHost.QserveApiKey, sent.Field("api_key"));
        AssertCredentialsOnlyInBody(sent);
    }

    [Fact]
    public async Task SendAsync_SenderIds_MessageOverridesConfiguredDefault()
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", r => (200, FakeReplies.Qserve(r.Body)));
        await using ServiceProvider sp = AdapterHost.Qserve(mock, o => o.SenderId = "ACME");
        ISmsGateway gateway = sp.GetRequiredService<ISmsGateway>();

        await gateway.SendAsync("0722123456", "a");
        await gateway.SendAsync(new SmsMessage("0722123456", "b") { SenderId = "OTHER" });

        Assert.Equal(["ACME", "OTHER"], mock.Sent.Select(s => s.Field("sender_id")));
    }

    [Fact]
    public async Task SendAsync_ClientReference_NotSentButKeptInResult()
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", r => (200, FakeReplies.Qserve(r.Body)));
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(new SmsMessage("0722123456", "hi") { ClientReference = "INV-1" });

        Assert.Equal(["username", "api_key", "sender_id", "phone", "message"], Assert.Single(mock.Sent).FieldNames);
        Assert.Equal("INV-1", Assert.Single(result.Recipients).ClientReference);
    }

    [Fact]
    public async Task SendAsync_OverLoopback_ServerReceivesExactSendsmsBytes()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        // PHP's default content type: the SDK reads the body whatever the header says.
        server.Fallback = r => Behavior.Respond(200, FakeReplies.Qserve(r.BodyText), "text/html; charset=UTF-8");
        await using ServiceProvider sp = AdapterHost.Qserve(server);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722123456", "0733 123 456"], "Hello world");

        Assert.True(result.IsSuccess);
        RecordedRequest received = Assert.Single(server.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/version1/sendsms", received.PathAndQuery);
        Assert.Equal("application/json; charset=utf-8", received.Header("Content-Type"));
        Assert.Equal(
            $$"""{"username":"{{AdapterHost.QserveUsername}}","api_key":"{{AdapterHost.QserveApiKey}}","sender_id":"254sms","phone":"254722123456,254733123456","message":"Hello world"}""",
            received.BodyText);
        Assert.DoesNotContain(received.Headers, h => h.Value.Contains(AdapterHost.QserveApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetBalanceAsync_OverLoopback_ServerReceivesExactCreditsBytes()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Enqueue(Behavior.Respond(200, TestPaths.Fixture("Qserve/credits.json")));
        await using ServiceProvider sp = AdapterHost.Qserve(server);

        SmsBalance balance = await sp.GetRequiredService<ISmsGateway>().GetBalanceAsync();

        Assert.Equal(345m, balance.Credits);
        RecordedRequest received = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/version1/credits"), (received.Method, received.PathAndQuery));
        Assert.Equal($$"""{"username":"{{AdapterHost.QserveUsername}}","api_key":"{{AdapterHost.QserveApiKey}}"}""", received.BodyText);
    }

    // ---- 2. Responses ------------------------------------------------------------------------------

    [Theory]
    [InlineData("Qserve/sendsms-success.json", "8823")]                  // the reference example, comment and all
    [InlineData("Qserve/sendsms-success-object-strings.json", "8822.50")] // unwrapped, strings for numbers, swapped both ways
    public async Task SendAsync_ReferenceExampleRecipients_SendsTheValidOneAndReadsTheFixture(string fixture, string balance)
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", TestPaths.Fixture(fixture));
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        // The reference's own example: "25472256565" is one digit short, so only the second number is sent.
        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["25472256565", "254722998999"], "Hello world");

        Assert.Equal("254722998999", Assert.Single(mock.Sent).Field("phone"));
        Assert.Equal(decimal.Parse(balance, CultureInfo.InvariantCulture), result.CreditBalance);
        Assert.Equal((1, 1), (result.AcceptedCount, result.RejectedCount));
        SmsRecipientResult invalid = result.Recipients[0];
        Assert.Equal(("25472256565", false, SmsErrorCode.InvalidPhoneNumber), (invalid.PhoneNumber, invalid.IsAccepted, invalid.Status.Error));
        SmsRecipientResult sent = result.Recipients[1];
        Assert.True(sent.IsAccepted);
        Assert.Equal("+254722998999", sent.PhoneNumber);
        Assert.Equal("2", sent.Status.Code);
        Assert.Equal("qserve", sent.Status.Provider);
        Assert.Equal(MobileNetwork.Safaricom, sent.Network);
    }

    [Fact]
    public async Task SendAsync_DetailsReorderedAndReformatted_EachResultMatchesItsNumber()
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", r => (200, FakeReplies.Qserve(r.Body, reverse: true, recipient: m => "0" + m[3..],
            status: m => m == "254733123456" ? "9" : "2")));
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722123456", "0733123456", "0705941419"], "hi");

        Assert.Equal(["+254722123456", "+254733123456", "+254705941419"], result.Recipients.Select(r => r.PhoneNumber));
        Assert.Equal([true, false, true], result.Recipients.Select(r => r.IsAccepted));
        Assert.Equal(("9", SmsErrorCode.Unknown), (result.Recipients[1].Status.Code, result.Recipients[1].Status.Error));
        Assert.True(result.Recipients[1].Status.MayHaveBeenSent); // an unknown detail code does not prove "not sent"
        Assert.Equal([MobileNetwork.Safaricom, MobileNetwork.Airtel, MobileNetwork.Safaricom], result.Recipients.Select(r => r.Network));
    }

    [Fact]
    public async Task SendAsync_DetailMissingForOneNumber_ThatRecipientIsNotReportedAndMayHaveBeenSent()
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", r => (200, FakeReplies.Qserve(r.Body, omit: m => m == "254733123456")));
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722123456", "0733123456"], "hi");

        Assert.Equal([true, false], result.Recipients.Select(r => r.IsAccepted));
        Assert.Equal("sdk:not-reported", result.Recipients[1].Status.Code);
        Assert.True(result.Recipients[1].Status.MayHaveBeenSent);
        Assert.False(result.IsSuccess);
    }

    // Up to 8 details are searched per number, more are indexed: both ways, the first detail for a number wins,
    // any format of the number matches, and a number without a detail is not reported.
    [Theory]
    [InlineData(3)] // 4 details: searched
    [InlineData(5)] // 8 details: searched
    [InlineData(6)] // 10 details: indexed
    [InlineData(20)]
    public async Task SendAsync_DetailsDuplicatedOrMissing_FirstDetailPerNumberWins(int recipients)
    {
        string[] numbers = [.. Enumerable.Range(0, recipients).Select(i => "07220000" + i.ToString("D2", CultureInfo.InvariantCulture))];
        var details = new JsonArray();
        for (int i = recipients - 1; i >= 1; i--) // reversed; the first number gets no detail
        {
            string msisdn = "2547220000" + i.ToString("D2", CultureInfo.InvariantCulture);
            details.Add(new JsonObject { ["recipient"] = i % 2 == 0 ? msisdn : "+" + msisdn, ["statusCode"] = "Successfully Sent", ["statusMessage"] = i == 1 ? 9 : 2 });
            details.Add(new JsonObject { ["recipient"] = msisdn, ["statusCode"] = "Failed", ["statusMessage"] = 9 });
        }

        string reply = new JsonArray(new JsonObject { ["statusCode"] = 101, ["statusMessage"] = "Success", ["messageDetails"] = details }).ToJsonString();
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", _ => (200, reply));
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(numbers, "hi");

        Assert.Equal("sdk:not-reported", result.Recipients[0].Status.Code);
        Assert.Equal(("9", false), (result.Recipients[1].Status.Code, result.Recipients[1].IsAccepted));
        Assert.All(result.Recipients.Skip(2), r => Assert.Equal(("2", true), (r.Status.Code, r.IsAccepted)));
        Assert.Equal(recipients, result.Recipients.Count);
    }

    [Theory]
    [InlineData("Qserve/credits.json", "345")]
    [InlineData("Qserve/credits-object-number.json", "345.75")]
    [InlineData("", "12.5")]
    public async Task GetBalanceAsync_Fixture_ReturnsCredits(string fixture, string credits)
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "credits", fixture.Length > 0 ? TestPaths.Fixture(fixture) : """{"credits":12.5}""");
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        SmsBalance balance = await sp.GetRequiredService<ISmsGateway>().GetBalanceAsync();

        Assert.Equal(decimal.Parse(credits, CultureInfo.InvariantCulture), balance.Credits);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static void AssertCredentialsOnlyInBody(SentRequest sent)
    {
        Assert.DoesNotContain(AdapterHost.QserveApiKey, sent.Uri.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(AdapterHost.QserveUsername, sent.Uri.OriginalString, StringComparison.Ordinal);
        Assert.Empty(sent.Uri.Query);
        Assert.DoesNotContain(sent.Headers, h => h.Value.Contains(AdapterHost.QserveApiKey, StringComparison.Ordinal));
        Assert.False(sent.Headers.ContainsKey("Authorization"));
    }
}
