using System.Text.Json;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.Synqtel;

/// <summary>Chunking, client references, sender names and the exact bytes on the wire.</summary>
public sealed partial class SynqtelSmsGatewayTests
{
    private static readonly string[] Five = ["0722000001", "0722000002", "0722000003", "0722000004", "0722000005"];

    // ---- 5. Chunking -------------------------------------------------------------------------------

    [Fact]
    public async Task SendAsync_MoreThanMaxMessagesPerRequest_SplitsAndFlattensInInputOrder()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body, reverse: true)));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock, o => o.MaxMessagesPerRequest = 2);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(Five, "hi");

        Assert.Equal(3, mock.Sent.Count);
        Assert.Equal(
            ["+254722000001,+254722000002", "+254722000003,+254722000004", "+254722000005"],
            mock.Sent.Select(s => string.Join(",", Mobiles(s))).Order(StringComparer.Ordinal));
        Assert.True(result.IsSuccess);
        Assert.Equal(Five.Select(n => PhoneNumber.Parse(n).E164), result.Recipients.Select(r => r.PhoneNumber));
        Dictionary<string, string> refByMobile = mock.Sent.SelectMany(s => s.Json.GetProperty("messages").EnumerateArray())
            .ToDictionary(m => m.GetProperty("mobile").GetString()!, m => m.GetProperty("client_ref").GetString()!);
        Assert.All(result.Recipients, r => Assert.Equal(refByMobile[r.PhoneNumber], r.ClientReference));
        Assert.All(result.Recipients, r => Assert.Equal("mid-" + r.ClientReference, r.MessageId));
    }

    // ---- 6. Client references and sender names -----------------------------------------------------

    [Fact]
    public async Task SendAsync_OneRecipientWithClientReference_UsesSendmultipleWithThatExactRef()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body)));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(new SmsMessage("0722310558", "hi") { ClientReference = "ORDER 42/\"7\"" });

        JsonElement entry = Assert.Single(Assert.Single(mock.Sent).Json.GetProperty("messages").EnumerateArray());
        Assert.Equal("ORDER 42/\"7\"", entry.GetProperty("client_ref").GetString());
        Assert.Equal("ORDER 42/\"7\"", Assert.Single(result.Recipients).ClientReference);
        Assert.Equal("mid-ORDER 42/\"7\"", result.Recipients[0].MessageId);
    }

    [Fact]
    public async Task SendAsync_ManyRecipientsWithClientReference_EveryEntryCarriesItAndResultsMatchByNumber()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body, reverse: true, status: m => m == "+254733123456" ? "13" : "1")));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(new SmsMessage(["0722310558", "0733123456"], "hi") { ClientReference = "CAMPAIGN-9" });

        Assert.All(Assert.Single(mock.Sent).Json.GetProperty("messages").EnumerateArray(), m => Assert.Equal("CAMPAIGN-9", m.GetProperty("client_ref").GetString()));
        Assert.Equal([true, false], result.Recipients.Select(r => r.IsAccepted));
        Assert.Equal(SmsErrorCode.DoNotDisturb, result.Recipients[1].Status.Error);
        Assert.All(result.Recipients, r => Assert.Equal("CAMPAIGN-9", r.ClientReference));
    }

    [Fact]
    public async Task SendBatchAsync_GeneratedClientRefs_UniqueWithinAndAcrossCalls()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body)));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);
        ISmsGateway gateway = sp.GetRequiredService<ISmsGateway>();

        SmsSendResult first = await gateway.SendAsync(["0722000001", "0722000002", "0722000003"], "hi");
        SmsSendResult second = await gateway.SendBatchAsync([new SmsMessage("0722000001", "a"), new SmsMessage(["0722000001", "0722000004"], "b")]);

        string[] sent = [.. mock.Sent.SelectMany(s => s.Json.GetProperty("messages").EnumerateArray()).Select(m => m.GetProperty("client_ref").GetString()!)];
        Assert.Equal(6, sent.Length);
        Assert.Equal(6, sent.Distinct(StringComparer.Ordinal).Count());
        Assert.All(sent, r => Assert.False(string.IsNullOrWhiteSpace(r)));
        Assert.Equal(sent, first.Recipients.Concat(second.Recipients).Select(r => r.ClientReference));
    }

    [Fact]
    public async Task SendBatchAsync_DifferentSenderIds_EachRequestCarriesOneSenderWithItsMessages()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body)));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendBatchAsync(
        [
            new SmsMessage("0722000001", "from default"),
            new SmsMessage("0722000002", "from OTHER") { SenderId = "OTHER" },
            new SmsMessage("0722000003", "from default too"),
            new SmsMessage("0722000004", "from 22384") { SenderId = "22384" },
        ]);

        Assert.True(result.IsSuccess);
        Assert.True(mock.Sent.Count >= 3);
        var expected = new Dictionary<string, string> { ["from default"] = "MYCO", ["from OTHER"] = "OTHER", ["from default too"] = "MYCO", ["from 22384"] = "22384" };
        var seen = new List<string>();
        foreach (SentRequest sent in mock.Sent)
        {
            foreach (JsonElement m in sent.Json.GetProperty("messages").EnumerateArray())
            {
                string text = m.GetProperty("message").GetString()!;
                Assert.Equal(expected[text], sent.Field("shortcode"));
                seen.Add(text);
            }
        }

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    // ---- Exact bytes on a real socket --------------------------------------------------------------

    [Fact]
    public async Task SendAsync_OverLoopback_ServerReceivesExactSendsmsBytes()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Enqueue(Behavior.Respond(200, TestPaths.Fixture("Synqtel/sendsms-success.json")));
        await using ServiceProvider sp = AdapterHost.Synqtel(server);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync("0722 310 558", "Hello, world");

        Assert.Equal("8738598", Assert.Single(result.Recipients).MessageId);
        RecordedRequest received = Assert.Single(server.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/sms/sendsms", received.PathAndQuery);
        Assert.Equal("application/json; charset=utf-8", received.Header("Content-Type"));
        Assert.Equal(AdapterHost.SynqtelApiKey, received.Header("h_api_key"));
        // System.Text.Json's default encoder writes '+' as \u002B: valid JSON, decoded by any JSON parser.
        Assert.Equal("""{"mobile":"\u002B254722310558","response_type":"json","sender_name":"MYCO","service_id":0,"message":"Hello, world"}""", received.BodyText);
        Assert.DoesNotContain(received.Headers, h => h.Key != "h_api_key" && h.Value.Contains(AdapterHost.SynqtelApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_BulkOverLoopback_ServerReceivesChunkedSendmultipleRequests()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = r => Behavior.Respond(200, FakeReplies.SynqtelMultiple(r.BodyText, reverse: true));
        await using ServiceProvider sp = AdapterHost.Synqtel(server, o => o.MaxMessagesPerRequest = 2);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722000001", "0722000002", "0722000003"], "Bulk");

        Assert.True(result.IsSuccess);
        Assert.Equal(2, server.ReceivedCount);
        var refs = new List<string>();
        foreach (RecordedRequest received in server.Requests)
        {
            Assert.Equal("/sms/sendmultiple", received.PathAndQuery);
            using JsonDocument body = JsonDocument.Parse(received.Body);
            Assert.Equal(["serviceId", "shortcode", "messages"], TrickyInput.Names(body.RootElement));
            foreach (JsonElement m in body.RootElement.GetProperty("messages").EnumerateArray())
            {
                Assert.Equal(["mobile", "message", "client_ref"], TrickyInput.Names(m));
                Assert.Equal("Bulk", m.GetProperty("message").GetString());
                refs.Add(m.GetProperty("client_ref").GetString()!);
            }
        }

        Assert.Equal(3, refs.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(refs.Order(StringComparer.Ordinal), result.Recipients.Select(r => r.ClientReference!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendBatchAsync_PersonalisedOverLoopback_ServerReceivesExactSendmultipleBytes()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = r => Behavior.Respond(200, FakeReplies.SynqtelMultiple(r.BodyText, mobile: m => m.TrimStart('+')));
        await using ServiceProvider sp = AdapterHost.Synqtel(server, o => o.ServiceId = 3);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendBatchAsync(
        [
            new SmsMessage("0722310558", "Hi Alice") { ClientReference = "6481" },
            new SmsMessage("712244244", "Hi Bob") { ClientReference = "6092" },
        ]);

        Assert.Equal(["mid-6481", "mid-6092"], result.Recipients.Select(r => r.MessageId));
        RecordedRequest received = Assert.Single(server.Requests);
        Assert.Equal("/sms/sendmultiple", received.PathAndQuery);
        Assert.Equal(
            """{"serviceId":3,"shortcode":"MYCO","messages":[{"mobile":"\u002B254722310558","message":"Hi Alice","client_ref":"6481"},{"mobile":"\u002B254712244244","message":"Hi Bob","client_ref":"6092"}]}""",
            received.BodyText);
    }

    [Fact]
    public async Task SendAsync_TrickyTextOverLoopback_ProviderReceivesItExactlyWithNoExtraFields()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = r => r.Path.EndsWith("/sendsms", StringComparison.Ordinal)
            ? Behavior.Respond(200, TestPaths.Fixture("Synqtel/sendsms-success.json"))
            : Behavior.Respond(200, FakeReplies.SynqtelMultiple(r.BodyText));
        await using ServiceProvider sp = AdapterHost.Synqtel(server);
        ISmsGateway gateway = sp.GetRequiredService<ISmsGateway>();

        await gateway.SendAsync("0722310558", TrickyInput.Text);
        await gateway.SendAsync(["0722310558", "0733123456"], TrickyInput.Text);

        using JsonDocument single = JsonDocument.Parse(server.Requests[0].Body);
        Assert.Equal(["mobile", "response_type", "sender_name", "service_id", "message"], TrickyInput.Names(single.RootElement));
        Assert.Equal(TrickyInput.Text, single.RootElement.GetProperty("message").GetString());
        using JsonDocument multiple = JsonDocument.Parse(server.Requests[1].Body);
        Assert.Equal(["serviceId", "shortcode", "messages"], TrickyInput.Names(multiple.RootElement));
        Assert.All(multiple.RootElement.GetProperty("messages").EnumerateArray(), m =>
        {
            Assert.Equal(["mobile", "message", "client_ref"], TrickyInput.Names(m));
            Assert.Equal(TrickyInput.Text, m.GetProperty("message").GetString());
        });
    }

    [Fact]
    public async Task SendBatchAsync_DuplicatesAndInvalidNumbersAcrossRequests_OneResultPerInputInOrderEachNumberSentOnce()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body, reverse: true, status: m => m == "+254722000003" ? "13" : "1")));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock, o => o.MaxMessagesPerRequest = 2);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendBatchAsync(
        [
            new SmsMessage(["0722000001", "bogus", "0722000002", "0722 000 001", "0722000003", "+254722000002"], "a"),
            new SmsMessage("nope", "b"),
            new SmsMessage(["0722000004", "0722000004"], "c"),
        ]);

        Assert.Equal(2, mock.Sent.Count);
        Assert.Equal(["+254722000001", "+254722000002", "+254722000003", "+254722000004"], mock.Sent.SelectMany(Mobiles).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["+254722000001", "bogus", "+254722000002", "+254722000001", "+254722000003", "+254722000002", "nope", "+254722000004", "+254722000004"],
            result.Recipients.Select(r => r.PhoneNumber));
        Assert.Equal([true, false, true, true, false, true, false, true, true], result.Recipients.Select(r => r.IsAccepted));
        Assert.Same(result.Recipients[0], result.Recipients[3]);
        Assert.Same(result.Recipients[2], result.Recipients[5]);
        Assert.Same(result.Recipients[7], result.Recipients[8]);
        Assert.Equal(SmsErrorCode.DoNotDisturb, result.Recipients[4].Status.Error);
        Assert.All([result.Recipients[1], result.Recipients[6]], r => Assert.Equal("sdk:invalid-number", r.Status.Code));
        Assert.All(result.Recipients.Where(r => r.IsAccepted), r => Assert.Equal("mid-" + r.ClientReference, r.MessageId));
    }

    [Fact]
    public async Task SendBatchAsync_FullRequestRetriedAfter503_SameStreamedBodyWithContentLengthBothTimes()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Enqueue(Behavior.Respond(503, "busy"));
        server.Fallback = r => Behavior.Respond(200, FakeReplies.SynqtelMultiple(r.BodyText));
        await using ServiceProvider sp = AdapterHost.Synqtel(server);
        SmsMessage[] campaign = [.. Enumerable.Range(0, 500).Select(i => new SmsMessage($"0722{i:D6}", $"Habari {i}, salio lako ni KES {i * 37:N0}. Lipa kabla ya Ijumaa ✓ +254 {new string('x', 80)}"))];

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendBatchAsync(campaign);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, server.Requests.Count);
        RecordedRequest first = server.Requests[0];
        Assert.True(first.Body.Length > 85_000, $"body {first.Body.Length} B");
        Assert.Equal(first.Body, server.Requests[1].Body);
        Assert.All(server.Requests, r =>
        {
            Assert.Equal(r.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Header("Content-Length"));
            Assert.Null(r.Header("Transfer-Encoding"));
        });
        Assert.Equal(500, FakeReplies.SynqtelMobiles(first.BodyText).Length);
    }

    [Fact]
    public async Task SendBatchAsync_ListChangedDuringTheSend_InvalidOperationNotArgumentException()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body)));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock, o => o.MaxMessagesPerRequest = 1);
        var list = new ChangingList([new SmsMessage("0722000001", "a"), new SmsMessage("0722000002", "b"), new SmsMessage("0722000003", "c")], change: 2, to: new SmsMessage("0722000003", new string('a', 2000)));

        InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sp.GetRequiredService<ISmsGateway>().SendBatchAsync(list));

        Assert.IsAssignableFrom<ArgumentException>(ex.InnerException);
        Assert.Equal(["+254722000001"], Mobiles(Assert.Single(mock.Sent)));
    }

    /// <summary>A list whose item <c>change</c> becomes <c>to</c> from its second read on (a caller changing it mid-send).</summary>
    private sealed class ChangingList(SmsMessage[] items, int change, SmsMessage to) : IReadOnlyList<SmsMessage>
    {
        private int _reads;

        public int Count => items.Length;

        public SmsMessage this[int index] => index == change && _reads++ > 0 ? to : items[index];

        public IEnumerator<SmsMessage> GetEnumerator() => ((IEnumerable<SmsMessage>)items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
