using System.Text.Json;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.IntegrationTests.Simulator;

/// <summary>
/// Africa's Talking: requests as its SDKs send them (form-encoded, the key in an <c>apiKey</c> header, <c>Accept:
/// application/json</c>), answered in the shapes the reference records (shared/reference/africastalking-sms-api.md).
/// </summary>
public sealed class AfricasTalkingSimulatorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Messaging_RecordedExample_AnswersTheRecordedShapeWithQueuedRecipient()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await SendAsync(host, Form(("to", "+254700072929"), ("message", "Hello"), ("bulkSMSMode", "1"), ("enqueue", "1")));

        Assert.Equal(201, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        JsonElement recipient = Assert.Single(reply.Json.GetProperty("SMSMessageData").GetProperty("Recipients").EnumerateArray());
        Assert.Equal(
            RecipientFields(Assert.Single(JsonDocument.Parse(TestPaths.Fixture("AfricasTalking/messaging-recorded-enqueue.json")).RootElement.GetProperty("SMSMessageData").GetProperty("Recipients").EnumerateArray())),
            RecipientFields(recipient).Where(f => f != "messageParts"));
        Assert.Equal((102, "+254700072929", "Success", "KES 0.8000"), (recipient.GetProperty("statusCode").GetInt32(), recipient.GetProperty("number").GetString(), recipient.GetProperty("status").GetString(), recipient.GetProperty("cost").GetString()));
        Assert.Matches("^ATXid_[0-9a-f]{32}$", recipient.GetProperty("messageId").GetString());
        Assert.Equal("Sent to 1/1 Total Cost: KES 0.8000", reply.Json.GetProperty("SMSMessageData").GetProperty("Message").GetString());
        SimulatorMessage message = Assert.Single(host.Sim.Ledger.Messages);
        Assert.Equal((SimulatorProvider.AfricasTalking, "+254700072929", "Hello", "AFRICASTKNG", 1), (message.Provider, message.Mobile, message.Text, message.Sender, message.Segments));
        Assert.Equal(recipient.GetProperty("messageId").GetString(), message.MessageId);
        Assert.Equal(999.2m, host.Sim.GetBalance(SimulatorProvider.AfricasTalking));
    }

    [Fact]
    public async Task Messaging_BatchWithOneInvalidNumber_TheReferenceExampleShape()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await SendAsync(host, Form(("to", "+254711000111,+254733000222,+25471100"), ("message", "Hello"), ("from", "ACME"), ("bulkSMSMode", "1"), ("enqueue", "0")));

        Assert.Equal(201, reply.Status);
        Assert.Equal(JsonShape.OfFixture("AfricasTalking/messaging-one-refused.json"), JsonShape.Of(reply.Body));
        JsonElement data = reply.Json.GetProperty("SMSMessageData");
        Assert.Equal("Sent to 2/3 Total Cost: KES 1.6000", data.GetProperty("Message").GetString());
        JsonElement[] recipients = [.. data.GetProperty("Recipients").EnumerateArray()];
        Assert.Equal([101, 101, 403], recipients.Select(r => r.GetProperty("statusCode").GetInt32()));
        Assert.Equal(("+25471100", "InvalidPhoneNumber", "0", "None"), (recipients[2].GetProperty("number").GetString(), recipients[2].GetProperty("status").GetString(), recipients[2].GetProperty("cost").GetString(), recipients[2].GetProperty("messageId").GetString()));
        Assert.Equal(["+254711000111", "+254733000222"], host.Sim.Ledger.Messages.Select(m => m.Mobile));
        Assert.All(host.Sim.Ledger.Messages, m => Assert.Equal("ACME", m.Sender));
    }

    [Fact]
    public async Task Messaging_DndBlacklistedAndBlockedNumbers_RefusedWithTheirCodesNothingCharged()
    {
        await using var host = await SimulatorTestHost.StartAsync(o =>
        {
            o.DndNumbers.Add("0722000001");
            o.BlacklistedNumbers.Add("0722000002");
            o.BlockedNetworks.Add(MobileNetwork.Telkom);
        });

        Reply reply = await SendAsync(host, Form(("to", "+254722000001,+254722000002,+254770000003,+254722000004"), ("message", "Hi")));

        Assert.Equal(
            [(409, "DoNotDisturbRejection"), (406, "UserInBlacklist"), (407, "CouldNotRoute"), (101, "Success")],
            Recipients(reply).Select(r => (r.GetProperty("statusCode").GetInt32(), r.GetProperty("status").GetString()!)));
        Assert.Equal(["+254722000004"], host.Sim.Ledger.Messages.Select(m => m.Mobile));
        Assert.Equal(999.2m, host.Sim.GetBalance(SimulatorProvider.AfricasTalking));
    }

    [Fact]
    public async Task Messaging_BalanceCoversOnlyTheFirst_TheRestGet405()
    {
        await using var host = await SimulatorTestHost.StartAsync(o => o.AfricasTalkingBalance = 1m);

        Reply reply = await SendAsync(host, Form(("to", "+254722000001,+254722000002"), ("message", "Hi")));

        Assert.Equal([101, 405], Recipients(reply).Select(r => r.GetProperty("statusCode").GetInt32()));
        Assert.Equal(0.2m, host.Sim.GetBalance(SimulatorProvider.AfricasTalking));
        Assert.Single(host.Sim.Ledger.Messages);
    }

    [Theory]
    [InlineData(161, 2)]
    [InlineData(459, 3)]
    public async Task Messaging_LongText_ChargesPerPartAndReportsMessageParts(int length, int parts)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await SendAsync(host, Form(("to", "+254722000001"), ("message", new string('a', length))));

        JsonElement recipient = Assert.Single(Recipients(reply));
        Assert.Equal(parts, recipient.GetProperty("messageParts").GetInt32());
        Assert.Equal($"KES {parts * 0.8m:F4}", recipient.GetProperty("cost").GetString());
        Assert.Equal(1_000m - (parts * 0.8m), host.Sim.GetBalance(SimulatorProvider.AfricasTalking));
    }

    [Fact]
    public async Task Messaging_SenderIdNotAllowed_RecordedRefusalWith201AndNoRecipients()
    {
        await using var host = await SimulatorTestHost.StartAsync(o => o.AfricasTalkingSenderIds.Add("ACME"));

        Reply reply = await SendAsync(host, Form(("to", "+254722000001"), ("message", "Hi"), ("from", "OTHER")));

        Assert.Equal(201, reply.Status);
        Assert.Equal(TestPaths.Fixture("AfricasTalking/messaging-invalid-sender-id.json"), reply.Body);
        AssertNothingSent(host);
    }

    [Theory]
    [InlineData("wrong-key", "simulator")]
    [InlineData(null, "simulator")]
    [InlineData("", "someone-else")]
    public async Task Messaging_WrongKeyOrUsername_PlainText401WithChallenge(string? key, string username)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await SendAsync(host, $"username={username}&to=%2B254722000001&message=Hi", apiKey: key == "" ? host.Sim.AfricasTalkingApiKey : key);

        Assert.Equal(401, reply.Status);
        Assert.Equal("text/plain", reply.ContentType);
        Assert.Equal(TestPaths.Fixture("AfricasTalking/unauthorized.txt"), reply.Body);
        Assert.Equal("Basic realm=\"api\"", reply.Headers.WwwAuthenticate.ToString());
        AssertNothingSent(host);
    }

    [Theory]
    [InlineData("username=simulator&message=Hi", "to")]
    [InlineData("username=simulator&to=%2B254722000001", "message")]
    [InlineData("to=%2B254722000001&message=Hi", "username")]
    public async Task Messaging_MissingField_PlainText400NamingIt(string body, string field)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await SendAsync(host, body);

        Assert.Equal(400, reply.Status);
        Assert.Equal("text/plain", reply.ContentType);
        Assert.EndsWith(field, reply.Body, StringComparison.Ordinal);
        AssertNothingSent(host);
    }

    [Fact]
    public async Task User_RecordedShape_BalanceIsMoneyWithCurrency()
    {
        await using var host = await SimulatorTestHost.StartAsync(o => o.AfricasTalkingBalance = 238747053.1747m);

        Reply reply = await host.SendAsync(HttpMethod.Get, "africastalking/version1/user?username=simulator", null, Headers(host.Sim.AfricasTalkingApiKey));
        Reply wrongUser = await host.SendAsync(HttpMethod.Get, "africastalking/version1/user?username=nobody", null, Headers(host.Sim.AfricasTalkingApiKey));

        Assert.Equal(200, reply.Status);
        Assert.Equal(JsonShape.OfFixture("AfricasTalking/user.json"), JsonShape.Of(reply.Body));
        Assert.Equal(
            JsonDocument.Parse(TestPaths.Fixture("AfricasTalking/user.json")).RootElement.GetProperty("UserData").GetProperty("balance").GetString(),
            reply.Json.GetProperty("UserData").GetProperty("balance").GetString());
        Assert.Equal(401, wrongUser.Status);
    }

    [Fact]
    public async Task Faults_PerRecipientCodeUnauthorizedAndRequestRefusal_ShapedLikeAfricasTalking()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.AfricasTalking, "messaging", SimulatorFault.ProviderError("500"));
        host.Sim.Faults.Inject(SimulatorProvider.AfricasTalking, "messaging", SimulatorFault.ProviderError("unauthorized"));
        host.Sim.Faults.Inject(SimulatorProvider.AfricasTalking, "messaging", SimulatorFault.ProviderError("InvalidSenderId"));
        string form = Form(("to", "+254722000001,+254722000002"), ("message", "Hi"));

        Reply perRecipient = await SendAsync(host, form);
        Reply unauthorized = await SendAsync(host, form);
        Reply refused = await SendAsync(host, form);

        Assert.Equal([(500, "InternalServerError", "None"), (500, "InternalServerError", "None")],
            Recipients(perRecipient).Select(r => (r.GetProperty("statusCode").GetInt32(), r.GetProperty("status").GetString()!, r.GetProperty("messageId").GetString()!)));
        Assert.Equal((401, "text/plain"), (unauthorized.Status, unauthorized.ContentType));
        Assert.Equal((201, "InvalidSenderId"), (refused.Status, refused.Json.GetProperty("SMSMessageData").GetProperty("Message").GetString()));
        AssertNothingSent(host);
    }

    [Fact]
    public async Task Faults_UnknownEndpoint_RefusedNamingTheProvidersEndpoints()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => host.Sim.Faults.Inject(SimulatorProvider.AfricasTalking, "sendsms", SimulatorFault.BadGateway()));

        Assert.Contains("messaging, user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveryReport_FormEncodedWithTheReferenceFields_DeliveredAndFailed()
    {
        await using var receiver = await LoopbackServer.StartAsync();
        await using var host = await SimulatorTestHost.StartAsync(o =>
        {
            o.AfricasTalkingDeliveryReportUrl = new Uri(receiver.BaseAddress, "dlr/africastalking");
            o.UndeliverableNumbers.Add("+254733000002");
        });

        Reply reply = await SendAsync(host, Form(("to", "+254722000001,+254733000002"), ("message", "Hi")));
        await receiver.WaitForRequestsAsync(2).WaitAsync(Patience);
        await host.Sim.Ledger.WaitForDeliveryReportsAsync(2).WaitAsync(Patience); // recorded once the receiver answered

        string[] ids = [.. Recipients(reply).Select(r => r.GetProperty("messageId").GetString()!)];
        Dictionary<string, Dictionary<string, string>> reports = receiver.Requests.Select(r =>
        {
            Assert.Equal(("POST", "/dlr/africastalking"), (r.Method, r.Path));
            Assert.StartsWith("application/x-www-form-urlencoded", r.Header("Content-Type"), StringComparison.Ordinal);
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(r.BodyText).ToDictionary(f => f.Key, f => f.Value.ToString());
        }).ToDictionary(f => f["phoneNumber"]);
        Assert.Equal(
            new Dictionary<string, string> { ["id"] = ids[0], ["status"] = "Success", ["phoneNumber"] = "+254722000001", ["networkCode"] = "63902", ["retryCount"] = "0" },
            reports["+254722000001"]);
        Assert.Equal(
            new Dictionary<string, string> { ["id"] = ids[1], ["status"] = "Failed", ["phoneNumber"] = "+254733000002", ["networkCode"] = "63903", ["retryCount"] = "0", ["failureReason"] = "DeliveryFailure" },
            reports["+254733000002"]);
        Assert.All(host.Sim.Ledger.DeliveryReports, r => Assert.Equal(SimulatorProvider.AfricasTalking, r.Provider));
        Assert.Equal([true, false], host.Sim.Ledger.DeliveryReports.OrderBy(r => r.Mobile, StringComparer.Ordinal).Select(r => r.Delivered));
    }

    [Fact]
    public async Task Balance_CreditsApiRefusesMoneyAccount_BalanceApiAndControlApiSpeakKes()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => host.Sim.GetCredits(SimulatorProvider.AfricasTalking));
        Reply set = await host.ControlAsync(HttpMethod.Put, "credits/africastalking", """{"credits": 12.3456}""");
        Reply fraction = await host.ControlAsync(HttpMethod.Put, "credits/synqtel", """{"credits": 1.5}""");

        Assert.Contains("GetBalance", error.Message, StringComparison.Ordinal);
        Assert.Equal(200, set.Status);
        Assert.Equal(12.3456m, set.Json.GetProperty("africastalking").GetDecimal());
        Assert.Equal(10_000m, set.Json.GetProperty("qserve").GetDecimal());
        Assert.Equal(12.3456m, host.Sim.GetBalance(SimulatorProvider.AfricasTalking));
        Assert.Equal(400, fraction.Status);
        Assert.Equal(10_000, host.Sim.GetCredits(SimulatorProvider.Synqtel));
    }

    private static Task<Reply> SendAsync(SimulatorTestHost host, string form, string? apiKey = "") =>
        host.SendAsync(HttpMethod.Post, "africastalking/version1/messaging", form, Headers(apiKey == "" ? host.Sim.AfricasTalkingApiKey : apiKey), "application/x-www-form-urlencoded");

    private static (string Name, string Value)[] Headers(string? apiKey) =>
        apiKey is null ? [("Accept", "application/json")] : [("apiKey", apiKey), ("Accept", "application/json")];

    // The username first, as AT's SDKs put it; every value escaped (+254... becomes %2B254...).
    private static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', new[] { ("username", "simulator") }.Concat(fields).Select(f => f.Item1 + "=" + Uri.EscapeDataString(f.Item2)));

    private static JsonElement[] Recipients(Reply reply) => [.. reply.Json.GetProperty("SMSMessageData").GetProperty("Recipients").EnumerateArray()];

    private static IEnumerable<string> RecipientFields(JsonElement recipient) => recipient.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static void AssertNothingSent(SimulatorTestHost host)
    {
        Assert.Empty(host.Sim.Ledger.Messages);
        Assert.Equal(1_000m, host.Sim.GetBalance(SimulatorProvider.AfricasTalking));
    }
}
