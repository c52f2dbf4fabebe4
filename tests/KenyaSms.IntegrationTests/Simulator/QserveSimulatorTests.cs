using System.Text.Json;
using KenyaSms.Simulator;

namespace KenyaSms.IntegrationTests.Simulator;

/// <summary>254sms: the reference's PHP examples, sent as they are, answered in the documented shapes.</summary>
public sealed class QserveSimulatorTests
{
    // The reference's "Send Bulk SMS" payload with the simulator's credentials. Its first number has 11 digits.
    private const string DocSendBody = """{"username":"simulator","api_key":"sim-qserve-key","sender_id":"254sms","phone":"25472256565,254722998999","message":"Hello world"}""";
    private const string CreditsBody = """{"username":"simulator","api_key":"sim-qserve-key"}""";

    private static string SendBody(string phone, string message = "Hello world") =>
        JsonSerializer.Serialize(new { username = "simulator", api_key = "sim-qserve-key", sender_id = "254sms", phone, message });

    [Fact]
    public async Task SendSms_DocExample_AnswersTheDocumentedShapeWithSwappedDetails()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.QserveAsync("sendsms", DocSendBody);

        Assert.Equal(200, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal(JsonShape.OfFixture("Qserve/sendsms-success.json"), JsonShape.Of(reply.Body));
        JsonElement body = reply.Root;
        Assert.Equal(2, body.GetProperty("recipientsCount").GetInt32());
        Assert.Equal("Success", body.GetProperty("statusMessage").GetString());
        Assert.Equal(101, body.GetProperty("statusCode").GetInt32());
        Assert.Equal(9_999, body.GetProperty("Balance").GetInt64());
        JsonElement[] details = [.. body.GetProperty("messageDetails").EnumerateArray()];
        Assert.Equal(("25472256565", "Invalid Phone Number", 3), Detail(details[0]));
        Assert.Equal(("254722998999", "Successfully Sent", 2), Detail(details[1]));
        Assert.Equal("Hello world", details[1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task SendSms_ValidNumbers_AcceptsEachAndRecordsThemInTheLedger()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.QserveAsync("sendsms", SendBody("0722256565, +254722998999"));

        Assert.All(reply.Root.GetProperty("messageDetails").EnumerateArray(), d => Assert.Equal("Successfully Sent", d.GetProperty("statusCode").GetString()));
        Assert.Equal(["0722256565", "+254722998999"], reply.Root.GetProperty("messageDetails").EnumerateArray().Select(d => d.GetProperty("recipient").GetString()));
        IReadOnlyList<SimulatorMessage> messages = host.Sim.Ledger.Messages;
        Assert.Equal(["+254722256565", "+254722998999"], messages.Select(m => m.Mobile));
        Assert.All(messages, m => Assert.Equal((SimulatorProvider.Qserve, "254sms", "Hello world", 1), (m.Provider, m.Sender, m.Text, m.Segments)));
        Assert.Equal(9_998, host.Sim.GetCredits(SimulatorProvider.Qserve));
    }

    [Theory]
    [InlineData(161, 2)] // GSM-7: 153 per part
    [InlineData(459, 3)]
    public async Task SendSms_LongText_ChargesOneCreditPerSegmentPerRecipient(int length, int segments)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.QserveAsync("sendsms", SendBody("0722000001,0733000002", new string('a', length)));

        Assert.Equal(10_000 - (2 * segments), reply.Root.GetProperty("Balance").GetInt64());
        Assert.All(host.Sim.Ledger.Messages, m => Assert.Equal(segments, m.Segments));
    }

    [Fact]
    public async Task SendSms_UnicodeText_CountsUcs2Segments()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        await host.QserveAsync("sendsms", SendBody("0722000001", string.Concat(Enumerable.Repeat("😀", 36)))); // 72 UTF-16 units: 2 parts

        Assert.Equal(9_998, host.Sim.GetCredits(SimulatorProvider.Qserve));
    }

    [Fact]
    public async Task SendSms_NoSenderId_SendsAsTheDefault254sms()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        await host.QserveAsync("sendsms", """{"username":"simulator","api_key":"sim-qserve-key","phone":"0722000001","message":"hi"}""");

        Assert.Equal("254sms", Assert.Single(host.Sim.Ledger.Messages).Sender);
    }

    [Fact]
    public async Task SendSms_NotEnoughCredits_SendsToNoneAndMarksEachRecipient()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Qserve, 1);

        Reply reply = await host.QserveAsync("sendsms", SendBody("0722000001,0722000002,123"));

        Assert.Equal(101, reply.Root.GetProperty("statusCode").GetInt32());
        Assert.Equal(1, reply.Root.GetProperty("Balance").GetInt64());
        JsonElement[] details = [.. reply.Root.GetProperty("messageDetails").EnumerateArray()];
        Assert.Equal(("0722000001", "Insufficient credits", 4), Detail(details[0]));
        Assert.Equal(("0722000002", "Insufficient credits", 4), Detail(details[1]));
        Assert.Equal(("123", "Invalid Phone Number", 3), Detail(details[2]));
        Assert.Empty(host.Sim.Ledger.Messages);
        Assert.Equal(1, host.Sim.GetCredits(SimulatorProvider.Qserve));
    }

    [Fact]
    public async Task Credits_DocExample_AnswersCreditsAsAStringAndStatusCodeAsANumber()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Qserve, 345);

        Reply reply = await host.QserveAsync("credits", CreditsBody);

        Assert.Equal("""[{"credits":"345","statusCode":101}]""", reply.Body);
        Assert.Equal(JsonShape.OfFixture("Qserve/credits.json"), JsonShape.Of(reply.Body));
    }

    [Theory]
    [InlineData("sendsms", """{"api_key":"sim-qserve-key","phone":"0722000001","message":"hi"}""")]
    [InlineData("sendsms", """{"username":"simulator","phone":"0722000001","message":"hi"}""")]
    [InlineData("sendsms", """{"username":"simulator","api_key":"sim-qserve-key","message":"hi"}""")]
    [InlineData("sendsms", """{"username":"simulator","api_key":"sim-qserve-key","phone":"0722000001"}""")]
    [InlineData("sendsms", """{"username":"simulator","api_key":"sim-qserve-key","phone":" , ","message":"hi"}""")]
    [InlineData("sendsms", """{"username":"simulator","api_key":"sim-qserve-key","phone":"0722000001","message":""}""")]
    [InlineData("sendsms", """{"username":"simulator","api_key":"sim-qserve-key","phone":["0722000001"],"message":"hi"}""")]
    [InlineData("sendsms", """{"username":"simulator","api_key":"sim-qserve-key","phone":"0722000001","message":"hi","sender_id":{}}""")]
    [InlineData("sendsms", "")]
    [InlineData("sendsms", "not json")]
    [InlineData("sendsms", "[]")]
    [InlineData("credits", """{"username":"simulator"}""")]
    [InlineData("credits", """{"api_key":"sim-qserve-key"}""")]
    [InlineData("credits", """{"username":null,"api_key":"sim-qserve-key"}""")]
    public async Task Endpoint_MissingParameter_AnswersX000AndSendsNothing(string endpoint, string body)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.QserveAsync(endpoint, body);

        Assert.Equal(200, reply.Status);
        Assert.Equal("""[{"statusCode":"X000","statusMessage":"Some parameters are missing"}]""", reply.Body);
        host.AssertNothingAccepted(SimulatorProvider.Qserve);
    }

    [Theory]
    [InlineData("sendsms", """{"username":"simulator","api_key":"wrong","phone":"0722000001","message":"hi"}""", "X001", "Unknown or unvalid secret_key")]
    [InlineData("credits", """{"username":"simulator","api_key":"wrong"}""", "X001", "Unknown or unvalid secret_key")]
    [InlineData("sendsms", """{"username":"someone","api_key":"sim-qserve-key","phone":"0722000001","message":"hi"}""", "X003", "Unknown or unvalid user token")]
    [InlineData("credits", """{"username":"someone","api_key":"sim-qserve-key"}""", "X003", "Unknown or unvalid user token")]
    public async Task Endpoint_WrongCredentials_AnswersTheDocumentedError(string endpoint, string body, string code, string message)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.QserveAsync(endpoint, body);

        Assert.Equal(code, reply.Field("statusCode"));
        Assert.Equal(message, reply.Field("statusMessage"));
        Assert.Empty(host.Sim.Ledger.Messages);
    }

    [Fact]
    public async Task Endpoint_ConfiguredCredentials_AreTheOnesAccepted()
    {
        await using var host = await SimulatorTestHost.StartAsync(o => (o.QserveUsername, o.QserveApiKey) = ("acme", "acme-key"));

        Reply refused = await host.QserveAsync("credits", CreditsBody);
        Reply accepted = await host.QserveAsync("credits", """{"username":"acme","api_key":"acme-key"}""");

        Assert.Equal("X001", refused.Field("statusCode"));
        Assert.Equal("10000", accepted.Field("credits"));
    }

    [Fact]
    public async Task UnknownEndpoint_Answers404WithoutRecordingAMessage()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.QserveAsync("balance", CreditsBody);

        Assert.Equal(404, reply.Status);
        Assert.Equal("balance", Assert.Single(host.Sim.Ledger.Requests).Endpoint);
    }

    private static (string?, string?, int) Detail(JsonElement detail) =>
        (detail.GetProperty("recipient").GetString(), detail.GetProperty("statusCode").GetString(), detail.GetProperty("statusMessage").GetInt32());
}
