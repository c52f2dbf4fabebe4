using System.Net;
using System.Text.Json;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.Synqtel;

/// <summary>
/// The Synqtel adapter as an application uses it: registered with AddKenyaSms().AddSynqtel(), resolved from DI,
/// talking to MockHttp (most tests) or a real loopback server (wire-exact tests). The rules both adapters
/// share (bad input, invalid and duplicate numbers, unreadable answers, chunking) are checked for this
/// adapter too in <see cref="SmsGatewayContractTests"/>.
/// </summary>
public sealed partial class SynqtelSmsGatewayTests
{
    private const string Mobile = "+254722310558";

    // ---- 1. Request shape --------------------------------------------------------------------------

    [Fact]
    public async Task SendAsync_OneRecipient_PostsSendsmsWithKeyOnlyInHeader()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendsms", TestPaths.Fixture("Synqtel/sendsms-success.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock, o => o.ServiceId = 7);

        await sp.GetRequiredKeyedService<ISmsGateway>("synqtel").SendAsync(new SmsMessage("0722 310 558", "Hello"));

        SentRequest sent = Assert.Single(mock.Sent);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.synqtel.com/sms/sendsms", sent.Uri.AbsoluteUri);
        Assert.StartsWith("application/json", sent.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(AdapterHost.SynqtelApiKey, sent.Headers["h_api_key"]);
        Assert.Equal(["mobile", "response_type", "sender_name", "service_id", "message"], sent.FieldNames);
        Assert.Equal(Mobile, sent.Field("mobile"));
        Assert.Equal("json", sent.Field("response_type"));
        Assert.Equal("MYCO", sent.Field("sender_name"));
        Assert.Equal(7, sent.Json.GetProperty("service_id").GetInt32());
        Assert.Equal("Hello", sent.Field("message"));
        AssertKeyOnlyInHeader(sent);
    }

    [Fact]
    public async Task SendAsync_TwoRecipients_PostsSendmultipleWithOneEntryEach()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body)));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722310558", "712244244"], "Hi all");

        Assert.Equal(2, result.AcceptedCount);
        SentRequest sent = Assert.Single(mock.Sent);
        Assert.Equal("https://api.synqtel.com/sms/sendmultiple", sent.Uri.AbsoluteUri);
        Assert.StartsWith("application/json", sent.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(["serviceId", "shortcode", "messages"], sent.FieldNames);
        Assert.Equal(0, sent.Json.GetProperty("serviceId").GetInt32());
        Assert.Equal("MYCO", sent.Field("shortcode"));
        JsonElement[] messages = [.. sent.Json.GetProperty("messages").EnumerateArray()];
        Assert.Equal(["+254722310558", "+254712244244"], messages.Select(m => m.GetProperty("mobile").GetString()));
        Assert.All(messages, m => Assert.Equal(["mobile", "message", "client_ref"], m.EnumerateObject().Select(p => p.Name)));
        Assert.All(messages, m => Assert.Equal("Hi all", m.GetProperty("message").GetString()));
        AssertKeyOnlyInHeader(sent);
    }

    [Fact]
    public async Task GetBalanceAsync_Called_GetsGetbalanceWithKeyOnlyInHeader()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Get, "getbalance", TestPaths.Fixture("Synqtel/getbalance.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        await sp.GetRequiredService<ISmsGateway>().GetBalanceAsync();

        SentRequest sent = Assert.Single(mock.Sent);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("https://api.synqtel.com/sms/getbalance", sent.Uri.AbsoluteUri);
        Assert.Equal(AdapterHost.SynqtelApiKey, sent.Headers["h_api_key"]);
        AssertKeyOnlyInHeader(sent);
    }

    [Fact]
    public async Task LookupAsync_AnyForm_GetsMobileWithMsisdnAndJsonReturn()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Get, "mobile", TestPaths.Fixture("Synqtel/mobile.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        await sp.GetRequiredService<SynqtelSmsGateway>().LookupAsync("0712 244 243");

        SentRequest sent = Assert.Single(mock.Sent);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("https://api.synqtel.com/sms/mobile?mobile=254712244243&return=json", sent.Uri.AbsoluteUri);
        Assert.Equal(AdapterHost.SynqtelApiKey, sent.Headers["h_api_key"]);
        Assert.Equal(string.Empty, sent.Body);
    }

    // ---- 2. Responses ------------------------------------------------------------------------------

    [Theory]
    [InlineData("Synqtel/sendsms-success.json", "9871")]         // the reference example
    [InlineData("Synqtel/sendsms-object-numbers.json", "-10615")] // unwrapped, numbers and strings swapped
    public async Task SendAsync_SendsmsSuccessFixture_ReadsIdCostBalanceAndNetwork(string fixture, string balance)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendsms", TestPaths.Fixture(fixture));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(Mobile, "This is a message.");

        Assert.True(result.IsSuccess);
        Assert.Equal("synqtel", result.Provider);
        Assert.Equal(decimal.Parse(balance, System.Globalization.CultureInfo.InvariantCulture), result.CreditBalance);
        SmsRecipientResult r = Assert.Single(result.Recipients);
        Assert.True(r.IsAccepted);
        Assert.Equal(Mobile, r.PhoneNumber);
        Assert.Equal("8738598", r.MessageId);
        Assert.Equal(0.75m, r.Cost);
        Assert.Equal(MobileNetwork.Safaricom, r.Network);
        Assert.Equal("1000", r.Status.Code);
        Assert.Equal(SmsErrorCode.None, r.Status.Error);
        Assert.False(r.Status.MayHaveBeenSent);
    }

    [Fact]
    public async Task SendBatchAsync_SendmultipleReferenceFixture_MatchesDetailsByClientRef()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", TestPaths.Fixture("Synqtel/sendmultiple-success.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendBatchAsync(
        [
            new SmsMessage("0722310558", "This is a first message") { ClientReference = "60970" },
            new SmsMessage("0705941419", "This is a second message") { ClientReference = "64871" },
        ]);

        Assert.True(result.IsSuccess);
        Assert.Equal(-10615m, result.CreditBalance);
        Assert.Equal(["+254722310558", "+254705941419"], result.Recipients.Select(r => r.PhoneNumber));
        Assert.Equal(["335951830", "335951831"], result.Recipients.Select(r => r.MessageId));
        Assert.Equal(["60970", "64871"], result.Recipients.Select(r => r.ClientReference));
        Assert.All(result.Recipients, r => Assert.Equal(1m, r.Cost));
        Assert.All(result.Recipients, r => Assert.Equal(MobileNetwork.Safaricom, r.Network));
    }

    [Fact]
    public async Task SendBatchAsync_SendmultipleArrayStringsFixture_ReadsAcceptedAndRejectedEntries()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", TestPaths.Fixture("Synqtel/sendmultiple-array-strings.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendBatchAsync(
        [
            new SmsMessage("+254722310558", "first") { ClientReference = "INV-6481" },
            new SmsMessage("254705941419", "second"),
        ]);

        Assert.Equal(9871.5m, result.CreditBalance);
        Assert.Equal(1, result.AcceptedCount);
        Assert.Equal(1, result.RejectedCount);
        SmsRecipientResult accepted = result.Recipients[0];
        Assert.True(accepted.IsAccepted);
        Assert.Equal("335951830", accepted.MessageId);
        Assert.Equal(0.80m, accepted.Cost);
        Assert.Equal("INV-6481", accepted.ClientReference);
        SmsRecipientResult rejected = result.Recipients[1];
        Assert.False(rejected.IsAccepted);
        Assert.Equal("+254705941419", rejected.PhoneNumber);
        Assert.Null(rejected.MessageId);   // "0" means none
        Assert.Null(rejected.Cost);        // "" means none
        Assert.Equal("3", rejected.Status.Code);
        Assert.NotEqual(SmsErrorCode.None, rejected.Status.Error);
    }

    [Fact]
    public async Task SendBatchAsync_ProviderReordersAndReformatsDetails_EachResultMatchesItsInput()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body, reverse: true, mobile: m => m.TrimStart('+'))));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        // The same number twice (two texts) and another: only client_ref can tell the first two apart.
        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendBatchAsync(
        [
            new SmsMessage("0722310558", "one") { ClientReference = "A-1" },
            new SmsMessage("+254722310558", "two") { ClientReference = "A-2" },
            new SmsMessage("0705941419", "three"),
        ]);

        Assert.True(result.IsSuccess);
        string[] sentRefs = [.. Assert.Single(mock.Sent).Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("client_ref").GetString()!)];
        Assert.Equal(["A-1", "A-2"], sentRefs[..2]);
        Assert.Equal(sentRefs, result.Recipients.Select(r => r.ClientReference));
        Assert.Equal(sentRefs.Select(c => "mid-" + c), result.Recipients.Select(r => r.MessageId));
        Assert.Equal(["+254722310558", "+254722310558", "+254705941419"], result.Recipients.Select(r => r.PhoneNumber));
    }

    [Fact]
    public async Task SendAsync_DetailsInOrderExceptTwoSwapped_EachResultMatchesItsInput()
    {
        // Entries in request order are matched by position; the swapped pair must fall back to matching by client_ref.
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r =>
        {
            using JsonDocument reply = JsonDocument.Parse(FakeReplies.SynqtelMultiple(r.Body));
            var root = System.Text.Json.Nodes.JsonNode.Parse(reply.RootElement.GetRawText())!;
            var details = root["schedule_details"]!.AsArray();
            var swapped = details.Select(d => d!.DeepClone()).ToArray();
            (swapped[1], swapped[2]) = (swapped[2], swapped[1]);
            root["schedule_details"] = new System.Text.Json.Nodes.JsonArray(swapped);
            return (200, root.ToJsonString());
        });
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722310558", "0705941419", "0733123456", "0711000111"], "hi");

        string[] sentRefs = [.. Assert.Single(mock.Sent).Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("client_ref").GetString()!)];
        Assert.True(result.IsSuccess);
        Assert.Equal(["+254722310558", "+254705941419", "+254733123456", "+254711000111"], result.Recipients.Select(r => r.PhoneNumber));
        Assert.Equal(sentRefs, result.Recipients.Select(r => r.ClientReference));
        Assert.Equal(sentRefs.Select(c => "mid-" + c), result.Recipients.Select(r => r.MessageId));
    }

    [Fact]
    public async Task SendAsync_ProviderEchoesClientRefsAsDoubles_StillMatchedByNumber()
    {
        // A provider that reads client_ref as a double (JavaScript) echoes a long generated ref rounded.
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body, reverse: true).Replace("\"client_ref\":\"", "\"client_ref\":\"9", StringComparison.Ordinal)));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722310558", "0705941419", "0733123456"], "hi");

        string[] sentRefs = [.. Assert.Single(mock.Sent).Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("client_ref").GetString()!)];
        Assert.True(result.IsSuccess);
        Assert.Equal(sentRefs, result.Recipients.Select(r => r.ClientReference));
        Assert.Equal(sentRefs.Select(c => "mid-" + c), result.Recipients.Select(r => r.MessageId));
    }

    [Fact]
    public async Task SendBatchAsync_DetailMissingForOneInput_ThatRecipientIsNotReportedAndMayHaveBeenSent()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body, omit: m => m == "+254705941419")));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722310558", "0705941419", "0733123456"], "hello");

        Assert.Equal([true, false, true], result.Recipients.Select(r => r.IsAccepted));
        SmsRecipientResult missing = result.Recipients[1];
        Assert.Equal("+254705941419", missing.PhoneNumber);
        Assert.Equal("sdk:not-reported", missing.Status.Code);
        Assert.True(missing.Status.MayHaveBeenSent);
        Assert.False(result.IsSuccess);
        Assert.Equal(1, result.RejectedCount);
    }

    [Theory]
    [InlineData("Synqtel/getbalance.json", "9871")]
    [InlineData("Synqtel/getbalance-array-number.json", "-10615")]
    [InlineData("Synqtel/getbalance-plain.json", "9871.50")]
    public async Task GetBalanceAsync_Fixture_ReturnsCredits(string fixture, string credits)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Get, "getbalance", TestPaths.Fixture(fixture));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsBalance balance = await sp.GetRequiredService<ISmsGateway>().GetBalanceAsync();

        Assert.Equal(new SmsBalance("synqtel", decimal.Parse(credits, System.Globalization.CultureInfo.InvariantCulture)), balance);
    }

    [Theory]
    [InlineData("9871", "9871")]
    [InlineData("\"9871\"", "9871")]
    [InlineData("[{\"credit_balance\":\"-10615.0000\",\"status_code\":\"1000\"}]", "-10615")]
    public async Task GetBalanceAsync_BareOrWrappedValue_ReturnsCredits(string body, string credits)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Get, "getbalance", body);
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsBalance balance = await sp.GetRequiredService<ISmsGateway>().GetBalanceAsync();

        Assert.Equal(decimal.Parse(credits, System.Globalization.CultureInfo.InvariantCulture), balance.Credits);
    }

    [Fact]
    public async Task GetBalanceAsync_PlainTextError_ThrowsInvalidResponseNotSent()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Get, "getbalance", "Invalid API Key");
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => sp.GetRequiredService<ISmsGateway>().GetBalanceAsync());

        Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
        Assert.False(ex.MayHaveBeenSent);
        Assert.Single(mock.Sent);
    }

    [Theory]
    [InlineData("Synqtel/mobile.json", MobileNetwork.Safaricom, "1")]
    [InlineData("Synqtel/mobile-object-mobile.json", MobileNetwork.Safaricom, "2")] // unknown id: the prefix's network
    [InlineData("Synqtel/mobile-plain.json", MobileNetwork.Safaricom, null)]
    public async Task LookupAsync_ValidNumber_ReturnsValidWithNetwork(string fixture, MobileNetwork network, string? networkId)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Get, "mobile", TestPaths.Fixture(fixture));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        PhoneNumberLookup lookup = await sp.GetRequiredService<SynqtelSmsGateway>().LookupAsync("712244243");

        Assert.True(lookup.IsValid);
        Assert.Equal("+254712244243", lookup.PhoneNumber);
        Assert.Equal(network, lookup.Network);
        Assert.Equal(networkId, lookup.ProviderNetworkId);
        Assert.DoesNotContain("712244243", lookup.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupAsync_ProviderSays1003_ReturnsInvalid()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Get, "mobile", TestPaths.Fixture("Synqtel/mobile-error.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        PhoneNumberLookup lookup = await sp.GetRequiredService<SynqtelSmsGateway>().LookupAsync("0712244243");

        Assert.False(lookup.IsValid);
        Assert.Equal("+254712244243", lookup.PhoneNumber);
        Assert.Single(mock.Sent);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+255712244243")] // Tanzania
    [InlineData("0202222222")]    // Nairobi landline
    public async Task LookupAsync_NotAKenyanMobile_InvalidWithoutRequest(string input)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        PhoneNumberLookup lookup = await sp.GetRequiredService<SynqtelSmsGateway>().LookupAsync(input);

        Assert.False(lookup.IsValid);
        Assert.Equal(input, lookup.PhoneNumber);
        Assert.Equal(MobileNetwork.Unknown, lookup.Network);
        Assert.Empty(mock.Sent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task LookupAsync_NullOrBlank_ThrowsArgumentExceptionWithoutRequest(string? input)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        ArgumentException ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => sp.GetRequiredService<SynqtelSmsGateway>().LookupAsync(input!));

        Assert.Equal("mobile", ex.ParamName);
        Assert.Empty(mock.Sent);
    }

    [Fact]
    public async Task LookupAsync_RequestLevelError_Throws()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Get, "mobile", """{"status_code":"1006","status_desc":"Invalid credentials"}""");
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => sp.GetRequiredService<SynqtelSmsGateway>().LookupAsync("0712244243"));

        Assert.Equal(SmsErrorCode.InvalidCredentials, ex.Error);
        Assert.False(ex.MayHaveBeenSent);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static void AssertKeyOnlyInHeader(SentRequest sent)
    {
        Assert.DoesNotContain(AdapterHost.SynqtelApiKey, sent.Uri.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(AdapterHost.SynqtelApiKey, sent.Body, StringComparison.Ordinal);
        Assert.Equal(["h_api_key"], sent.Headers.Where(h => h.Value.Contains(AdapterHost.SynqtelApiKey, StringComparison.Ordinal)).Select(h => h.Key));
    }
}
