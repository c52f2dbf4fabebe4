using System.Net;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.Synqtel;

/// <summary>Per-recipient outcomes and request-level failures.</summary>
public sealed partial class SynqtelSmsGatewayTests
{
    // ---- 3. Per-recipient outcomes -----------------------------------------------------------------

    [Fact]
    public async Task SendAsync_OneValidAmongInvalid_UsesSendsmsForTheValidOne()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendsms", TestPaths.Fixture("Synqtel/sendsms-success.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0800 123 456", "0722310558"], "hi");

        Assert.Equal([false, true], result.Recipients.Select(r => r.IsAccepted));
        Assert.Equal("0800 123 456", result.Recipients[0].PhoneNumber);
        Assert.Equal(Mobile, Assert.Single(mock.Sent).Field("mobile"));
    }

    [Fact]
    public async Task SendAsync_SameNumberTwiceOnly_SendsOnceThroughSendsms()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendsms", TestPaths.Fixture("Synqtel/sendsms-success.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722 310 558", "+254722310558"], "hi");

        Assert.Single(mock.Sent);
        Assert.Equal(2, result.AcceptedCount);
        Assert.All(result.Recipients, r => Assert.Equal("8738598", r.MessageId));
    }

    [Theory]
    [InlineData("1003", SmsErrorCode.InvalidPhoneNumber)]
    [InlineData("1012", SmsErrorCode.DoNotDisturb)]
    [InlineData("1002", SmsErrorCode.NetworkNotAllowed)]
    public async Task SendAsync_SendsmsRecipientLevelCode_ReturnsRejectedRecipient(string code, SmsErrorCode error)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendsms", $$"""[{"status_code":"{{code}}","status_desc":"refused","message_id":"0","mobile_number":"+254722310558","network_id":"","message_cost":"","credit_balance":"120"}]""");
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync("0722310558", "hi");

        SmsRecipientResult r = Assert.Single(result.Recipients);
        Assert.False(r.IsAccepted);
        Assert.Equal(error, r.Status.Error);
        Assert.Equal(code, r.Status.Code);
        Assert.Null(r.MessageId);
        Assert.False(r.Status.MayHaveBeenSent);
        Assert.Equal(120m, result.CreditBalance);
        Assert.Single(mock.Sent);
    }

    [Theory]
    [InlineData("1003", SmsErrorCode.InvalidPhoneNumber)]
    [InlineData("1012", SmsErrorCode.DoNotDisturb)]
    [InlineData("1002", SmsErrorCode.NetworkNotAllowed)]
    public async Task SendAsync_SendmultipleRecipientLevelCode_RejectsTheRequestsRecipients(string code, SmsErrorCode error)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", $$"""{"status_code":"{{code}}","status_desc":"refused"}""");
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722310558", "0733123456"], "hi");

        Assert.Equal(2, result.RejectedCount);
        Assert.All(result.Recipients, r => Assert.Equal(error, r.Status.Error));
        Assert.Single(mock.Sent);
    }

    // The reference never shows a top-level refusal next to schedule_details. When both come, the details speak for the
    // recipients they list (an entry accepted was accepted: reporting it refused would make the caller send it again);
    // the top-level code speaks for the recipients they do not list.
    [Theory]
    [InlineData("1003", SmsErrorCode.InvalidPhoneNumber)]
    [InlineData("1012", SmsErrorCode.DoNotDisturb)]
    [InlineData("1002", SmsErrorCode.NetworkNotAllowed)]
    public async Task SendAsync_TopLevelRecipientCodeWithDetails_DetailsWinUnlistedKeepTopLevel(string code, SmsErrorCode error)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(
            r.Body,
            omit: m => m == "+254705941419",
            status: m => m == "+254733123456" ? "13" : "1",
            topStatus: int.Parse(code, System.Globalization.CultureInfo.InvariantCulture))));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722310558", "0733123456", "0705941419", "0711000111"], "hi");

        string[] sentRefs = [.. Assert.Single(mock.Sent).Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("client_ref").GetString()!)];
        Assert.Equal([true, false, false, true], result.Recipients.Select(r => r.IsAccepted));
        Assert.Equal(("mid-" + sentRefs[0], null, "mid-" + sentRefs[3]), (result.Recipients[0].MessageId, result.Recipients[2].MessageId, result.Recipients[3].MessageId));
        Assert.Equal((SmsErrorCode.DoNotDisturb, "13"), (result.Recipients[1].Status.Error, result.Recipients[1].Status.Code));
        Assert.Equal((error, code), (result.Recipients[2].Status.Error, result.Recipients[2].Status.Code));
        Assert.All(result.Recipients, r => Assert.False(r.Status.MayHaveBeenSent));
        Assert.Equal(2, result.AcceptedCount);
        Assert.Equal(500m, result.CreditBalance);
    }

    // No details at all: the top-level code is every recipient's.
    [Fact]
    public async Task SendAsync_TopLevelRecipientCodeWithEmptyDetails_EveryRecipientRejectedNotSent()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", """{"status_code":1012,"status_desc":"Mobile number in DND","schedule_details":[]}""");
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722310558", "0733123456"], "hi");

        Assert.All(result.Recipients, r => Assert.Equal((false, SmsErrorCode.DoNotDisturb, false), (r.IsAccepted, r.Status.Error, r.Status.MayHaveBeenSent)));
    }

    [Theory]
    [InlineData("4", SmsErrorCode.InvalidPhoneNumber)]  // Status ID 4 = 1003
    [InlineData("13", SmsErrorCode.DoNotDisturb)]      // Status ID 13 = 1012
    [InlineData("1012", SmsErrorCode.DoNotDisturb)]    // a code where an ID is expected
    public async Task SendAsync_ScheduleStatusRejectsOneRecipient_OthersAccepted(string scheduleStatus, SmsErrorCode error)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body, status: m => m == "+254733123456" ? scheduleStatus : "1")));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722310558", "0733123456", "0705941419"], "hi");

        Assert.Equal([true, false, true], result.Recipients.Select(r => r.IsAccepted));
        Assert.Equal(error, result.Recipients[1].Status.Error);
        Assert.Equal(scheduleStatus, result.Recipients[1].Status.Code);
        Assert.False(result.Recipients[1].Status.MayHaveBeenSent); // a documented refusal: not sent
    }

    [Theory]
    [InlineData("Queued")]
    [InlineData("99")]
    public async Task SendAsync_ScheduleStatusUnknown_RecipientNotAcceptedButMayHaveBeenSent(string scheduleStatus)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, FakeReplies.SynqtelMultiple(r.Body, status: m => m == "+254733123456" ? scheduleStatus : "1")));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722310558", "0733123456", "0705941419"], "hi");

        SmsRecipientResult unknown = result.Recipients[1];
        Assert.Equal([true, false, true], result.Recipients.Select(r => r.IsAccepted));
        Assert.Equal((SmsErrorCode.Unknown, scheduleStatus), (unknown.Status.Error, unknown.Status.Code));
        Assert.True(unknown.Status.MayHaveBeenSent);
    }

    // ---- 4. Request-level errors -------------------------------------------------------------------

    [Theory]
    [InlineData("1001", SmsErrorCode.InvalidSenderId)]
    [InlineData("1004", SmsErrorCode.InsufficientCredits)]
    [InlineData("1006", SmsErrorCode.InvalidCredentials)]
    [InlineData("1009", SmsErrorCode.UnsupportedDataType)]
    [InlineData("1010", SmsErrorCode.UnsupportedRequestType)]
    [InlineData("1011", SmsErrorCode.AccountSuspended)]
    [InlineData("1013", SmsErrorCode.InvalidCredentials)]
    [InlineData("1014", SmsErrorCode.IpNotAllowed)]
    public async Task SendAsync_RequestLevelCode_ThrowsNotSentWithoutRetry(string code, SmsErrorCode error)
    {
        foreach (bool single in new[] { true, false })
        {
            MockProvider mock = AdapterHost.SynqtelMock();
            string body = $$"""[{"status_code":{{code}},"status_desc":"refused","message_id":"0","mobile_number":"+254722310558","network_id":"","message_cost":"","credit_balance":""}]""";
            mock.On(HttpMethod.Post, single ? "sendsms" : "sendmultiple", body);
            await using ServiceProvider sp = AdapterHost.Synqtel(mock);
            SmsMessage message = single ? new SmsMessage("0722310558", "hi") : new SmsMessage(["0722310558", "0733123456"], "hi");

            SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => sp.GetRequiredService<ISmsGateway>().SendAsync(message));

            AdapterHost.AssertRefused(ex, "synqtel", error, code, "0722310558", "0733123456");
            Assert.Single(mock.Sent);
        }
    }

    [Theory]
    [InlineData("sendsms", "Synqtel/sendsms-error.json", SmsErrorCode.InvalidSenderId, "1001")]
    [InlineData("sendmultiple", "Synqtel/sendmultiple-error.json", SmsErrorCode.InsufficientCredits, "1004")]
    [InlineData("getbalance", "Synqtel/getbalance-error.json", SmsErrorCode.InvalidCredentials, "1013")]
    public async Task SendOrBalance_ErrorFixture_ThrowsTheDocumentedRefusal(string endpoint, string fixture, SmsErrorCode error, string code)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(endpoint == "getbalance" ? HttpMethod.Get : HttpMethod.Post, endpoint, TestPaths.Fixture(fixture));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);
        ISmsGateway gateway = sp.GetRequiredService<ISmsGateway>();

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => endpoint switch
        {
            "sendsms" => gateway.SendAsync(Mobile, "hi"),
            "sendmultiple" => gateway.SendAsync([Mobile, "0733123456"], "hi"),
            _ => (Task)gateway.GetBalanceAsync(),
        });

        AdapterHost.AssertRefused(ex, "synqtel", error, code, Mobile, "0733123456");
        Assert.Single(mock.Sent);
    }

    [Theory]
    [InlineData("1005")]
    [InlineData("1007")]
    [InlineData("1008")]
    public async Task SendAsync_TransientCodeEveryTime_RetriedThenThrowsTransientNotSent(string code)
    {
        foreach (bool single in new[] { true, false })
        {
            MockProvider mock = AdapterHost.SynqtelMock();
            mock.On(HttpMethod.Post, single ? "sendsms" : "sendmultiple", $$"""{"status_code":"{{code}}","status_desc":"try later"}""");
            await using ServiceProvider sp = AdapterHost.Synqtel(mock, resilience: r => r.MaxRetryAttempts = 2);
            SmsMessage message = single ? new SmsMessage("0722310558", "hi") : new SmsMessage(["0722310558", "0733123456"], "hi");

            SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => sp.GetRequiredService<ISmsGateway>().SendAsync(message));

            Assert.Equal(SmsErrorCode.ProviderInternalError, ex.Error);
            Assert.Equal(code, ex.ProviderCode);
            Assert.True(ex.IsTransient);
            Assert.False(ex.MayHaveBeenSent);
            Assert.Equal(3, mock.Sent.Count);
        }
    }

    [Theory]
    [InlineData("1005")]
    [InlineData("1007")]
    [InlineData("1008")]
    public async Task SendAsync_TransientCodeThenSuccess_RetriedWithTheSameBody(string code)
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        string transient = $$"""[{"status_code":"{{code}}","status_desc":"try later"}]""";
        int calls = 0;
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, Interlocked.Increment(ref calls) == 1 ? transient : FakeReplies.SynqtelMultiple(r.Body)));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722310558", "0733123456"], "hi");

        Assert.True(result.IsSuccess);
        Assert.Equal(2, mock.Sent.Count);
        Assert.Equal(mock.Sent[0].Body, mock.Sent[1].Body); // same client_refs: the provider can tell it is the same send
    }

    [Fact]
    public async Task GetBalanceAsync_TransientCodeThenBalance_Retried()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.OnSequence(HttpMethod.Get, "getbalance", """{"status_code":"1007","status_desc":"Db connection failed"}""", """{"status_code":"1000","credit_balance":"42"}""");
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsBalance balance = await sp.GetRequiredService<ISmsGateway>().GetBalanceAsync();

        Assert.Equal(42m, balance.Credits);
        Assert.Equal(2, mock.Sent.Count);
    }

    [Fact]
    public async Task LookupAsync_TransientCodeThenAnswer_Retried()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.OnSequence(HttpMethod.Get, "mobile", """[{"status_code":"1005","status_desc":"Internal system error"}]""", TestPaths.Fixture("Synqtel/mobile.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        PhoneNumberLookup lookup = await sp.GetRequiredService<SynqtelSmsGateway>().LookupAsync("0712244243");

        Assert.True(lookup.IsValid);
        Assert.Equal(2, mock.Sent.Count);
    }

    [Fact]
    public async Task GetBalanceAsync_Http401WithProviderCode_ThrowsThatCode()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Get, "getbalance", """{"status_code":"1013","status_desc":"Invalid API Key"}""", 401);
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => sp.GetRequiredService<ISmsGateway>().GetBalanceAsync());

        Assert.Equal((SmsErrorCode.InvalidCredentials, "1013", HttpStatusCode.Unauthorized), (ex.Error, ex.ProviderCode, ex.HttpStatusCode));
    }

    [Fact]
    public async Task LookupAsync_WithTraceLogging_LogsNeitherKeyNorNumber()
    {
        var logs = new FakeLogCollector();
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Get, "mobile", TestPaths.Fixture("Synqtel/mobile.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock, logs: logs);

        await sp.GetRequiredService<SynqtelSmsGateway>().LookupAsync("0712244243");

        Assert.NotEmpty(logs.GetSnapshot());
        AdapterHost.AssertNoSecrets(logs.AllText(), "0712244243");
    }

    private static string[] Mobiles(SentRequest sent) => FakeReplies.SynqtelMobiles(sent.Body);
}
