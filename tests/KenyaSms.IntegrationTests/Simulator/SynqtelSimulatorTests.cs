using System.Text.Json;
using KenyaSms.Simulator;

namespace KenyaSms.IntegrationTests.Simulator;

/// <summary>Synqtel: the reference's curl examples, sent as they are, answered in the documented shapes and codes.</summary>
public sealed class SynqtelSimulatorTests
{
    // The reference's sendsms and sendmultiple --data-raw bodies, verbatim.
    private const string DocSendBody = """
        {
        "mobile": "+254722310558",
        "response_type": "json",
        "sender_name": "Synqtel",
        "service_id": 0,
        "message": "This is a message.\n\nRegards\nSynqTel Limited"
        }
        """;

    private const string DocMultipleBody = """
        {
        "serviceId": "0",
        "shortcode": "Synqtel",
        "messages": [
        {
        "mobile": "+254722310558",
        "message": "This is a first message",
        "client_ref": 6481
        },
        {
        "mobile": "+254712244244",
        "message": "This is a second message",
        "client_ref": 6092
        }
        ]
        }
        """;

    private static string Send(string mobile, string message = "Hello", string sender = "Synqtel") =>
        JsonSerializer.Serialize(new { mobile, response_type = "json", sender_name = sender, service_id = 0, message });

    private static string Multiple(params (string Mobile, object? ClientRef)[] entries) =>
        JsonSerializer.Serialize(new { serviceId = 0, shortcode = "Synqtel", messages = entries.Select(e => new { mobile = e.Mobile, message = "Hello", client_ref = e.ClientRef }) });

    [Fact]
    public async Task SendSms_DocExample_AnswersTheDocumentedShapeWithStringTypedNumbers()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelSendAsync(DocSendBody);

        Assert.Equal(200, reply.Status);
        Assert.Equal(JsonShape.OfFixture("Synqtel/sendsms-success.json"), JsonShape.Of(reply.Body));
        Assert.Equal(
            """[{"status_code":"1000","status_desc":"Success","message_id":8738598,"mobile_number":"+254722310558","network_id":"1","message_cost":"1","credit_balance":"9999"}]""",
            reply.Body);
        SimulatorMessage message = Assert.Single(host.Sim.Ledger.Messages);
        Assert.Equal(("8738598", "+254722310558", "This is a message.\n\nRegards\nSynqTel Limited", "Synqtel"), (message.MessageId, message.Mobile, message.Text, message.Sender));
    }

    [Theory]
    [InlineData("0722310558")]
    [InlineData("722310558")]
    [InlineData("254722310558")]
    public async Task SendSms_DocumentedNumberForms_AreAcceptedAndEchoedAsGiven(string mobile)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelSendAsync(Send(mobile));

        Assert.Equal("1000", reply.Field("status_code"));
        Assert.Equal(mobile, reply.Field("mobile_number"));
        Assert.Equal("+254722310558", Assert.Single(host.Sim.Ledger.Messages).Mobile);
    }

    [Fact]
    public async Task SendSms_ResponseTypePlain_AnswersTheMessageIdAlone()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelSendAsync("""{"mobile":"0722310558","response_type":"plain","sender_name":"Synqtel","service_id":0,"message":"Hi"}""");

        Assert.Equal(("text/plain", "8738598"), (reply.ContentType, reply.Body));
    }

    [Fact]
    public async Task SendMultiple_DocExample_AnswersThePlainObjectWithScheduleDetails()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Post, "sendmultiple", DocMultipleBody);

        Assert.Equal(JsonShape.OfFixture("Synqtel/sendmultiple-success.json"), JsonShape.Of(reply.Body));
        JsonElement body = reply.Json;
        Assert.Equal(1000, body.GetProperty("status_code").GetInt32());
        Assert.Equal("9998.0000", body.GetProperty("credit_balance").GetString());
        JsonElement[] details = [.. body.GetProperty("schedule_details").EnumerateArray()];
        Assert.Equal(
            """{"message_id":8738598,"client_ref":6481,"mobile":"+254722310558","schedule_status":"1","schedule_desc":"Success","network_id":"1","message_cost":1}""",
            details[0].GetRawText());
        Assert.Equal(8738599, details[1].GetProperty("message_id").GetInt64());
        Assert.Equal(["6481", "6092"], host.Sim.Ledger.Messages.Select(m => m.ClientReference));
    }

    [Fact]
    public async Task SendMultiple_StringClientRef_IsEchoedAsAString()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Post, "sendmultiple", Multiple(("0722000001", "ref-1"), ("0722000002", null)));

        JsonElement[] details = [.. reply.Json.GetProperty("schedule_details").EnumerateArray()];
        Assert.Equal(JsonValueKind.String, details[0].GetProperty("client_ref").ValueKind);
        Assert.Equal("ref-1", details[0].GetProperty("client_ref").GetString());
        Assert.Equal(JsonValueKind.Null, details[1].TryGetProperty("client_ref", out JsonElement none) ? none.ValueKind : JsonValueKind.Null);
    }

    [Fact]
    public async Task SendMultiple_BadEntries_AreRefusedOneByOneWithStatusIdsAndTheRestSent()
    {
        await using var host = await SimulatorTestHost.StartAsync(o =>
        {
            o.DndNumbers.Add("0722000002");
            o.BlockedNetworks.Add(MobileNetwork.Telkom);
        });

        Reply reply = await host.SynqtelAsync(HttpMethod.Post, "sendmultiple", Multiple(("0722000001", 1), ("0722000002", 2), ("12345", 3), ("0770000004", 4)));

        Assert.Equal(1000, reply.Json.GetProperty("status_code").GetInt32());
        var details = reply.Json.GetProperty("schedule_details").EnumerateArray()
            .Select(d => (Reply.Text(d.GetProperty("schedule_status")), d.GetProperty("schedule_desc").GetString(), d.GetProperty("message_id").GetInt64(), d.GetProperty("message_cost").GetInt32()))
            .ToArray();
        Assert.Equal(("1", "Success", 8738598L, 1), details[0]);
        Assert.Equal(("13", "Mobile number in DND", 0L, 0), details[1]);
        Assert.Equal(("4", "Invalid mobile number", 0L, 0), details[2]);
        Assert.Equal(("3", "Network not allowed", 0L, 0), details[3]);
        Assert.Equal("+254722000001", Assert.Single(host.Sim.Ledger.Messages).Mobile);
        Assert.Equal(9_999, host.Sim.GetCredits(SimulatorProvider.Synqtel));
    }

    [Fact]
    public async Task SendMultiple_NotEnoughCreditsForAll_Answers1004AndSendsNone()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 1);

        Reply reply = await host.SynqtelAsync(HttpMethod.Post, "sendmultiple", DocMultipleBody);

        Assert.Equal("""{"status_code":1004,"status_desc":"Low bulk credits","credit_balance":""}""", reply.Body);
        Assert.Empty(host.Sim.Ledger.Messages);
        Assert.Equal(1, host.Sim.GetCredits(SimulatorProvider.Synqtel));
    }

    [Theory]
    [InlineData("+254722310558", 0, "1004", "Low bulk credits")]
    [InlineData("0722000009", 100, "1012", "Mobile number in DND")]
    [InlineData("0770000001", 100, "1002", "Network not allowed")]
    [InlineData("0722 31", 100, "1003", "Invalid mobile number")]
    [InlineData("+255712345678", 100, "1003", "Invalid mobile number")]
    public async Task SendSms_RefusedRecipient_AnswersTheDocumentedErrorShape(string mobile, long credits, string code, string description)
    {
        await using var host = await SimulatorTestHost.StartAsync(o =>
        {
            o.DndNumbers.Add("+254722000009");
            o.BlockedNetworks.Add(MobileNetwork.Telkom);
        });
        host.Sim.SetCredits(SimulatorProvider.Synqtel, credits);

        Reply reply = await host.SynqtelSendAsync(Send(mobile));

        Assert.Equal(JsonShape.OfFixture("Synqtel/sendsms-error.json"), JsonShape.Of(reply.Body));
        Assert.Equal((code, description, "0", mobile, "", ""), (reply.Field("status_code"), reply.Field("status_desc"), reply.Field("message_id"), reply.Field("mobile_number"), reply.Field("network_id"), reply.Field("credit_balance")));
        Assert.Empty(host.Sim.Ledger.Messages);
        Assert.Equal(credits, host.Sim.GetCredits(SimulatorProvider.Synqtel));
    }

    [Fact]
    public async Task SendSms_SenderNotAllowed_Answers1001LikeTheDocsErrorExample()
    {
        await using var host = await SimulatorTestHost.StartAsync(o => o.SynqtelSenderNames.Add("ACME"));

        Reply refused = await host.SynqtelSendAsync(DocSendBody);
        Reply accepted = await host.SynqtelSendAsync(Send("0722310558", sender: "ACME"));

        Assert.Equal(
            """[{"status_code":"1001","status_desc":"Invalid short code","message_id":"0","mobile_number":"+254722310558","network_id":"","message_cost":"","credit_balance":""}]""",
            refused.Body);
        Assert.Equal("1000", accepted.Field("status_code"));
    }

    [Fact]
    public async Task SendMultiple_ShortcodeNotAllowed_Answers1001ForTheWholeRequest()
    {
        await using var host = await SimulatorTestHost.StartAsync(o => o.SynqtelSenderNames.Add("ACME"));

        Reply reply = await host.SynqtelAsync(HttpMethod.Post, "sendmultiple", DocMultipleBody);

        Assert.Equal(1001, reply.Json.GetProperty("status_code").GetInt32());
        Assert.Empty(host.Sim.Ledger.Messages);
    }

    [Theory]
    [InlineData("sendsms", "POST", "1006", "Invalid credentials", null)]
    [InlineData("sendsms", "POST", "1013", "Invalid API Key", "adeedccd2199f41f7e731e3150b4c8009de4cded064b6407a310573e28978680")]
    [InlineData("sendmultiple", "POST", "1013", "Invalid API Key", "wrong")]
    [InlineData("getbalance", "GET", "1013", "Invalid API Key", "wrong")]
    [InlineData("mobile?mobile=712244243&return=json", "GET", "1006", "Invalid credentials", null)]
    public async Task Endpoint_MissingOrWrongKey_AnswersTheKeyError(string endpoint, string method, string code, string description, string? key)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(new HttpMethod(method), endpoint, method == "POST" ? DocSendBody : null, apiKey: key);

        Assert.Equal((code, description), (reply.Field("status_code"), reply.Field("status_desc")));
        Assert.Empty(host.Sim.Ledger.Messages);
    }

    [Theory]
    [InlineData("sendsms", "POST")]
    [InlineData("sendmultiple", "POST")]
    [InlineData("getbalance", "GET")]
    [InlineData("mobile?mobile=712244243", "GET")]
    public async Task Endpoint_SuspendedAccount_Answers1011(string endpoint, string method)
    {
        await using var host = await SimulatorTestHost.StartAsync(o => o.SynqtelAccountSuspended = true);

        Reply reply = await host.SynqtelAsync(new HttpMethod(method), endpoint, method == "POST" ? DocSendBody : null);

        Assert.Equal(("1011", "Invalid user state or account suspended"), (reply.Field("status_code"), reply.Field("status_desc")));
        Assert.Empty(host.Sim.Ledger.Messages);
    }

    [Theory]
    [InlineData("GET", "sendsms")]
    [InlineData("PUT", "sendmultiple")]
    [InlineData("POST", "getbalance")]
    [InlineData("DELETE", "mobile")]
    [InlineData("POST", "sendbulk")]
    [InlineData("GET", "")]
    public async Task Endpoint_WrongMethodOrUnknown_Answers1010(string method, string endpoint)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(new HttpMethod(method), endpoint, method == "GET" ? null : DocSendBody);

        Assert.Equal(200, reply.Status);
        Assert.Equal("""[{"status_code":"1010","status_desc":"Request type not supported"}]""", reply.Body);
        Assert.Empty(host.Sim.Ledger.Messages);
    }

    [Theory]
    [InlineData("sendsms", """{"response_type":"json","sender_name":"Synqtel","service_id":0,"message":"Hi"}""")]
    [InlineData("sendsms", """{"mobile":"0722310558","sender_name":"Synqtel","service_id":0}""")]
    [InlineData("sendsms", """{"mobile":"0722310558","message":"Hi","service_id":0}""")]
    [InlineData("sendsms", """{"mobile":"0722310558","sender_name":"Synqtel","message":"Hi"}""")]
    [InlineData("sendsms", """{"mobile":"0722310558","sender_name":"Synqtel","service_id":"zero","message":"Hi"}""")]
    [InlineData("sendsms", """{"mobile":"0722310558","sender_name":"Synqtel","service_id":0,"message":"Hi","response_type":"xml"}""")]
    [InlineData("sendsms", """{"mobile":{"n":"0722310558"},"sender_name":"Synqtel","service_id":0,"message":"Hi"}""")]
    [InlineData("sendsms", "{")]
    [InlineData("sendsms", "")]
    [InlineData("sendmultiple", """{"serviceId":0,"shortcode":"Synqtel","messages":[]}""")]
    [InlineData("sendmultiple", """{"serviceId":0,"shortcode":"Synqtel","messages":{}}""")]
    [InlineData("sendmultiple", """{"serviceId":0,"messages":[{"mobile":"0722000001","message":"Hi"}]}""")]
    [InlineData("sendmultiple", """{"shortcode":"Synqtel","messages":[{"mobile":"0722000001","message":"Hi"}]}""")]
    [InlineData("sendmultiple", """{"serviceId":0,"shortcode":"Synqtel","messages":[{"mobile":"0722000001"}]}""")]
    [InlineData("sendmultiple", """{"serviceId":0,"shortcode":"Synqtel","messages":[{"message":"Hi"}]}""")]
    [InlineData("sendmultiple", """{"serviceId":0,"shortcode":"Synqtel","messages":[{"mobile":"0722000001","message":"Hi","client_ref":[1]}]}""")]
    [InlineData("sendmultiple", """{"serviceId":0,"shortcode":"Synqtel","messages":["0722000001"]}""")]
    [InlineData("sendmultiple", "null")]
    public async Task Send_MissingOrMistypedField_Answers1009AndSendsNothing(string endpoint, string body)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Post, endpoint, body);

        Assert.Equal("1009", reply.Field("status_code"));
        Assert.Equal("Data type not supported", reply.Field("status_desc"));
        host.AssertNothingAccepted(SimulatorProvider.Synqtel);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task SendSms_NotJsonContentType_Answers1009(string contentType)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Post, "sendsms", DocSendBody, contentType: contentType);

        Assert.Equal("1009", reply.Field("status_code"));
    }

    [Theory]
    [InlineData(921)]   // over 920 characters
    [InlineData(919)]   // 7 GSM-7 segments
    public async Task SendSms_TextOverTheLimit_Answers1009(int length)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply tooLong = await host.SynqtelSendAsync(Send("0722310558", new string('a', length)));
        Reply longest = await host.SynqtelSendAsync(Send("0722310558", new string('a', 918))); // 6 segments

        Assert.Equal("1009", tooLong.Field("status_code"));
        Assert.Equal(("1000", "6"), (longest.Field("status_code"), longest.Field("message_cost")));
    }

    [Fact]
    public async Task Mobile_DocExample_AnswersTheNumberAndNetwork()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Get, "mobile?mobile=712244243&return=json", null);

        Assert.Equal("""[{"status_code":"1000","status_desc":"Success","mobile_number":"+254712244243","network_id":"1"}]""", reply.Body);
        Assert.Equal(JsonShape.OfFixture("Synqtel/mobile.json"), JsonShape.Of(reply.Body));
        Assert.Equal("/sms/mobile?mobile=712244243&return=json", Assert.Single(host.Sim.Ledger.Requests).PathAndQuery);
    }

    [Theory]
    [InlineData("mobile?mobile=733000001&return=json", "2")]   // Airtel
    [InlineData("mobile?mobile=770000001", "3")]               // Telkom; no return means json
    public async Task Mobile_OtherNetworks_AnswerTheirNetworkIds(string query, string networkId)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Get, query, null);

        Assert.Equal(networkId, reply.Field("network_id"));
    }

    [Fact]
    public async Task Mobile_ReturnOtherThanJson_AnswersTheNumberOnly()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Get, "mobile?mobile=0712%20244%20243&return=mobile", null);

        Assert.Equal(("text/plain", "254712244243"), (reply.ContentType, reply.Body));
    }

    [Theory]
    [InlineData("mobile?mobile=712&return=json", "1003", "712")]
    [InlineData("mobile?mobile=712&return=plain", "1003", "712")]
    [InlineData("mobile?return=json", "1009", "")]
    public async Task Mobile_BadNumber_AnswersAnErrorWithTheNumberAsGiven(string query, string code, string echoed)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Get, query, null);

        Assert.Equal((code, echoed, ""), (reply.Field("status_code"), reply.Field("mobile_number"), reply.Field("network_id")));
    }

    [Fact]
    public async Task GetBalance_DocExample_AnswersTheBalanceAsAString()
    {
        await using var host = await SimulatorTestHost.StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 9871);

        Reply reply = await host.SynqtelAsync(HttpMethod.Get, "getbalance", """{"response_type":"json"}""");

        Assert.Equal("""[{"status_code":"1000","status_desc":"Success","credit_balance":"9871"}]""", reply.Body);
    }

    [Theory]
    [InlineData("getbalance", """{"response_type":"plain"}""")]
    [InlineData("getbalance?response_type=plain", null)]
    public async Task GetBalance_Plain_AnswersTheBareBalance(string endpoint, string? body)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Get, endpoint, body);

        Assert.Equal(("text/plain", "10000"), (reply.ContentType, reply.Body));
    }

    [Theory]
    [InlineData("""{"response_type":"csv"}""")]
    [InlineData("nonsense")]
    public async Task GetBalance_BadBody_Answers1009(string body)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Get, "getbalance", body);

        Assert.Equal(("1009", ""), (reply.Field("status_code"), reply.Field("credit_balance")));
    }

    [Fact]
    public async Task MessageIds_AcrossProviders_IncreaseAndNeverRepeat()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        await host.SynqtelSendAsync(Send("0722000001"));
        await host.QserveAsync("sendsms", """{"username":"simulator","api_key":"sim-qserve-key","phone":"0722000002,0722000003","message":"Hi"}""");
        await host.SynqtelAsync(HttpMethod.Post, "sendmultiple", Multiple(("0722000004", 1)));

        long[] ids = [.. host.Sim.Ledger.Messages.Select(m => long.Parse(m.MessageId, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(4, ids.Length);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}
