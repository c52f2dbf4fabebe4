using System.Net;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;

namespace KenyaSms.Tests;

/// <summary>
/// The rules api.md sets for every adapter alike (bad input, per-recipient outcomes, unreadable answers,
/// chunked sends), checked against each adapter registered in DI over MockHttp.
/// </summary>
public sealed class SmsGatewayContractTests
{
    private static readonly string[] Five = ["0722000001", "0722000002", "0722000003", "0722000004", "0722000005"];

    public static TheoryData<string> Providers => AdapterProfile.Names;

    public static TheoryData<string, string> ProvidersAndInvalidSenderIds => Cross(TrickyInput.InvalidSenderIds);

    public static TheoryData<string, string> ProvidersAndValidSenderIds => Cross(TrickyInput.ValidSenderIds);

    public static TheoryData<string, string> ProvidersAndUnreadableBodies
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string provider in AdapterProfile.Names)
            {
                foreach (object[] row in TrickyInput.UnreadableBodies)
                {
                    data.Add(provider, (string)row[1]);
                }
            }

            return data;
        }
    }

    // ---- Bad input: ArgumentException before any request -------------------------------------------

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_NullMessage_ThrowsArgumentNullWithoutRequest(string provider)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();

        ArgumentNullException ex = await Assert.ThrowsAsync<ArgumentNullException>(() => rig.Gateway.SendAsync(null!));

        Assert.Equal("message", ex.ParamName);
        Assert.Empty(rig.Sent);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendBatchAsync_NullEmptyOrBadItem_ThrowsNamingItWithoutRequest(string provider)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();
        rig.AcceptSends();
        var ok = new SmsMessage("0722000001", "fine");

        Assert.Equal("messages", (await Assert.ThrowsAsync<ArgumentNullException>(() => rig.Gateway.SendBatchAsync(null!))).ParamName);
        Assert.Equal("messages", (await Assert.ThrowsAsync<ArgumentException>(() => rig.Gateway.SendBatchAsync([]))).ParamName);
        Assert.Equal("messages[1]", (await Assert.ThrowsAsync<ArgumentNullException>(() => rig.Gateway.SendBatchAsync([ok, null!]))).ParamName);
        Assert.Equal("messages[2]", (await Assert.ThrowsAsync<ArgumentException>(() =>
            rig.Gateway.SendBatchAsync([ok, ok, new SmsMessage("0722000003", TrickyInput.Gsm7(919))]))).ParamName);
        Assert.Equal("messages[1]", (await Assert.ThrowsAsync<ArgumentException>(() =>
            rig.Gateway.SendBatchAsync([ok, new SmsMessage("0722000002", "x") { SenderId = "TOO-LONG-NAME" }]))).ParamName);
        Assert.Empty(rig.Sent);
    }

    [Theory]
    [MemberData(nameof(ProvidersAndInvalidSenderIds))]
    public async Task SendAsync_InvalidSenderId_ThrowsNamingValueAndLimitWithoutRequest(string provider, string senderId)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();
        rig.AcceptSends();

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            rig.Gateway.SendAsync(new SmsMessage(["0722000001", "0722000002"], "hi") { SenderId = senderId }));

        Assert.Equal("message", ex.ParamName);
        Assert.Contains($"'{senderId}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1-11 letters, digits or spaces", ex.Message, StringComparison.Ordinal);
        Assert.Empty(rig.Sent);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_TwelveLetterSenderId_MessageSaysLimitAndActualLength(string provider)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            rig.Gateway.SendAsync(new SmsMessage("0722000001", "hi") { SenderId = "ABCDEFGHIJKL" }));

        Assert.Contains("at most 11 characters, this one has 12", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProvidersAndValidSenderIds))]
    public async Task SendAsync_ValidSenderId_SentAsGiven(string provider, string senderId)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();
        rig.AcceptSends();

        await rig.Gateway.SendAsync(new SmsMessage("0722000001", "hi") { SenderId = senderId });
        await rig.Gateway.SendAsync(new SmsMessage(["0722000001", "0722000002"], "hi") { SenderId = senderId });

        Assert.Equal([senderId, senderId], rig.Sent.Select(rig.Profile.Sender));
    }

    [Theory]
    [InlineData("qserve", 918, true)]
    [InlineData("qserve", 919, false)]
    [InlineData("synqtel", 918, true)]
    [InlineData("synqtel", 919, false)]
    public async Task SendAsync_Gsm7TextAtSixSegments_SentOrRefusedBeforeIo(string provider, int length, bool ok)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();

        await rig.AssertLengthLimitAsync(TrickyInput.Gsm7(length), ok, 6, $"7 segments ({length} GSM-7 septets)");
    }

    [Theory]
    [InlineData("qserve", 402, true)]
    [InlineData("qserve", 403, false)]
    [InlineData("synqtel", 402, true)]
    [InlineData("synqtel", 403, false)]
    public async Task SendAsync_Ucs2TextAtSixSegments_SentOrRefusedBeforeIo(string provider, int length, bool ok)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();

        await rig.AssertLengthLimitAsync(TrickyInput.Ucs2(length), ok, 6, $"7 segments ({length} UCS-2 units)");
    }

    // ---- Per-recipient outcomes --------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_SomeNumbersInvalid_RejectsThemAsGivenAndSendsTheRest(string provider)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();
        rig.AcceptSends();

        SmsSendResult result = await rig.Gateway.SendAsync(["0020 222 2222", "0722123456", "07221234", "hello", "+1 202 555 0100", "0733123456"], "hi");

        Assert.Equal(["+254722123456", "+254733123456"], rig.Profile.Recipients(Assert.Single(rig.Sent)));
        Assert.Equal(["0020 222 2222", "+254722123456", "07221234", "hello", "+1 202 555 0100", "+254733123456"], result.Recipients.Select(r => r.PhoneNumber));
        Assert.Equal([false, true, false, false, false, true], result.Recipients.Select(r => r.IsAccepted));
        Assert.All(result.Recipients.Where(r => !r.IsAccepted), r => Assert.Equal(SmsErrorCode.InvalidPhoneNumber, r.Status.Error));
        Assert.All(result.Recipients.Where(r => !r.IsAccepted), r => Assert.False(r.Status.MayHaveBeenSent));
        Assert.Equal([MobileNetwork.Safaricom, MobileNetwork.Airtel], result.Recipients.Where(r => r.IsAccepted).Select(r => r.Network));
        Assert.Equal((2, 4, false), (result.AcceptedCount, result.RejectedCount, result.IsSuccess));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_AllNumbersInvalid_NoRequestAndAllRejected(string provider)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();
        rig.AcceptSends();

        SmsSendResult result = await rig.Gateway.SendAsync(["", "abc", "0202222222", "+255712244243"], "hi");

        Assert.Empty(rig.Sent);
        Assert.Equal(["", "abc", "0202222222", "+255712244243"], result.Recipients.Select(r => r.PhoneNumber));
        Assert.All(result.Recipients, r => Assert.Equal(SmsErrorCode.InvalidPhoneNumber, r.Status.Error));
        Assert.Equal((0, 4, false), (result.AcceptedCount, result.RejectedCount, result.IsSuccess));
        Assert.Null(result.CreditBalance);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_DuplicatesInAnyFormat_SentOnceAndReportedPerInputInOrder(string provider)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();
        rig.AcceptSends();

        SmsSendResult result = await rig.Gateway.SendAsync(["0722 123 456", "0733123456", "+254722123456", "254-722-123-456", "00254 733 123 456"], "hi");

        Assert.Equal(["+254722123456", "+254733123456"], rig.Profile.Recipients(Assert.Single(rig.Sent)));
        Assert.Equal(["+254722123456", "+254733123456", "+254722123456", "+254722123456", "+254733123456"], result.Recipients.Select(r => r.PhoneNumber));
        Assert.Equal(5, result.AcceptedCount);
        Assert.Equal(result.Recipients[0].Status, result.Recipients[2].Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_CallerTokenAlreadyCancelled_ThrowsOperationCanceledWithoutRequest(string provider)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start(chunkSize: 1);
        rig.AcceptSends();
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.Gateway.SendAsync("0722000001", "hi", cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.Gateway.SendAsync(["0722000001", "0722000002"], "hi", cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.Gateway.GetBalanceAsync(cancelled));

        Assert.Empty(rig.Sent);
    }

    // ---- Request-level failures --------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(ProvidersAndUnreadableBodies))]
    public async Task SendAsync_Unreadable200_ThrowsInvalidResponseMayHaveBeenSentWithoutRetry(string provider, string body)
    {
        foreach (string[] to in new[] { new[] { "0722000001" }, ["0722000001", "0722000002"] })
        {
            await using AdapterRig rig = AdapterProfile.Get(provider).Start();
            rig.AnswerSends(_ => (200, body));

            SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => rig.Gateway.SendAsync(to, "hi"));

            Assert.True(ex.Error == SmsErrorCode.InvalidResponse, $"{to.Length} recipient(s): {ex.Error} {ex.Message}");
            Assert.Equal((HttpStatusCode.OK, false, true), (ex.HttpStatusCode, ex.IsTransient, ex.MayHaveBeenSent));
            Assert.Single(rig.Sent);
        }
    }

    [Theory]
    [MemberData(nameof(ProvidersAndUnreadableBodies))]
    public async Task GetBalanceAsync_Unreadable200_ThrowsInvalidResponseNotSent(string provider, string body)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();
        rig.AnswerBalance(body);

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => rig.Gateway.GetBalanceAsync());

        Assert.True(ex.Error == SmsErrorCode.InvalidResponse, $"{ex.Error} {ex.Message}");
        Assert.False(ex.MayHaveBeenSent);
    }

    [Theory]
    [InlineData("qserve", "102")]
    [InlineData("qserve", "X999")]
    [InlineData("qserve", "Sent")]
    [InlineData("synqtel", "1099")]
    [InlineData("synqtel", "0")]
    [InlineData("synqtel", "OK")]
    public async Task SendAsync_UnknownStatusCode_ThrowsUnknownMayHaveBeenSentWithoutRetry(string provider, string code)
    {
        foreach (string[] to in new[] { new[] { "0722000001" }, ["0722000001", "0722000002"] })
        {
            await using AdapterRig rig = AdapterProfile.Get(provider).Start();
            rig.AnswerSends(_ => (200, rig.Profile.StatusReply(code)));

            SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => rig.Gateway.SendAsync(to, "hi"));

            Assert.Equal((SmsErrorCode.Unknown, code, true), (ex.Error, ex.ProviderCode, ex.MayHaveBeenSent));
            Assert.Single(rig.Sent);
        }
    }

    [Theory]
    [InlineData("qserve", 401)]
    [InlineData("qserve", 404)]
    [InlineData("synqtel", 401)]
    [InlineData("synqtel", 404)]
    public async Task SendAsync_HttpErrorWithHtmlEchoingRequestAndKey_ThrowsTransportNotSentShowingNoSecret(string provider, int status)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();
        rig.AnswerSends(r => (status, $"<html><body><h1>{status}</h1><p>Your key {rig.Profile.ApiKey} is refused</p><pre>{r.Body}</pre></body></html>"));

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => rig.Gateway.SendAsync(["0722123456", "0733123456"], "hi"));

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.Equal((HttpStatusCode)status, ex.HttpStatusCode);
        Assert.False(ex.IsTransient);
        Assert.False(ex.MayHaveBeenSent);
        Assert.Single(rig.Sent);
        AdapterHost.AssertNoSecrets(ex.ToString(), "0722123456", "0733123456");
    }

    [Theory]
    [InlineData("qserve", 200, true)]
    [InlineData("qserve", 200, false)]
    [InlineData("qserve", 403, false)]
    [InlineData("synqtel", 200, true)]
    [InlineData("synqtel", 200, false)]
    [InlineData("synqtel", 403, false)]
    public async Task SendAsync_AnswerEchoesKeyInProseAndNumbers_ExceptionAndTraceLogsShowNeither(string provider, int status, bool asProviderStatus)
    {
        var logs = new FakeLogCollector();
        await using AdapterRig rig = AdapterProfile.Get(provider).Start(logs: logs);
        string prose = $"Your key {rig.Profile.ApiKey} cannot send to 254722123456, +254733123456";
        rig.AnswerSends(_ => (status, asProviderStatus ? rig.Profile.StatusReply(rig.Profile.Refusal.Code, prose) : $"<html><body>{prose}</body></html>"));

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => rig.Gateway.SendAsync(["0722123456", "0733123456"], "hi"));

        Assert.Equal(asProviderStatus ? rig.Profile.Refusal.Error : status == 200 ? SmsErrorCode.InvalidResponse : SmsErrorCode.Transport, ex.Error);
        AdapterHost.AssertNoSecrets(ex.ToString(), "0722123456", "0733123456");
        AdapterHost.AssertNoSecrets(logs.AllText(), "0722123456", "0733123456");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_Http500_ThrowsMayHaveBeenSentWithoutRetry(string provider)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start();
        rig.AnswerSends(_ => (500, "<html>Internal Server Error</html>"));

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => rig.Gateway.SendAsync("0722123456", "hi"));

        Assert.Equal((SmsErrorCode.Transport, HttpStatusCode.InternalServerError, true), (ex.Error, ex.HttpStatusCode, ex.MayHaveBeenSent));
        Assert.Single(rig.Sent);
    }

    // ---- Chunked sends -----------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_MoreRecipientsThanOneRequestTakes_SplitsAndFlattensInInputOrder(string provider)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start(chunkSize: 2);
        rig.AcceptSends();

        SmsSendResult result = await rig.Gateway.SendAsync(Five, "hi");

        Assert.Equal(
            ["+254722000001,+254722000002", "+254722000003,+254722000004", "+254722000005"],
            rig.Sent.Select(s => string.Join(",", rig.Profile.Recipients(s))).Order(StringComparer.Ordinal));
        Assert.True(result.IsSuccess);
        Assert.Equal(Five.Select(n => PhoneNumber.Parse(n).E164), result.Recipients.Select(r => r.PhoneNumber));
        Assert.NotNull(result.CreditBalance);
    }

    [Theory]
    [InlineData("qserve", true)]
    [InlineData("qserve", false)]
    [InlineData("synqtel", true)]
    [InlineData("synqtel", false)]
    public async Task SendAsync_OneChunkFails_ReturnsPartialResultWithThatChunkNotAccepted(string provider, bool ambiguously)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start(chunkSize: 2);
        (string code, SmsErrorCode refused) = rig.Profile.Refusal;
        rig.AnswerSends(r => !rig.Profile.Recipients(r).Contains("+254722000003") ? (200, rig.Profile.Accept(r))
            : ambiguously ? (502, "<html>Bad Gateway</html>")
            : (200, rig.Profile.StatusReply(code)));

        SmsSendResult result = await rig.Gateway.SendAsync(Five, "hi");

        Assert.Equal(3, rig.Sent.Count); // the failed request was not repeated
        Assert.Equal([true, true, false, false, true], result.Recipients.Select(r => r.IsAccepted));
        Assert.Equal((3, 2), (result.AcceptedCount, result.RejectedCount));
        foreach (SmsRecipientResult failed in result.Recipients.Skip(2).Take(2))
        {
            Assert.Equal(ambiguously ? SmsErrorCode.Transport : refused, failed.Status.Error);
            Assert.Equal(ambiguously, failed.Status.MayHaveBeenSent);
            AdapterHost.AssertNoSecrets(failed.Status.Description, Five);
        }
    }

    [Theory]
    [InlineData("qserve", false)]
    [InlineData("qserve", true)]
    [InlineData("synqtel", false)]
    [InlineData("synqtel", true)]
    public async Task SendAsync_EveryChunkFails_ThrowsSayingWhetherAnyMayHaveBeenSent(string provider, bool oneAmbiguous)
    {
        await using AdapterRig rig = AdapterProfile.Get(provider).Start(chunkSize: 2);
        (string code, SmsErrorCode refused) = rig.Profile.Refusal;
        rig.AnswerSends(r => oneAmbiguous && rig.Profile.Recipients(r).Contains("+254722000005")
            ? (504, "<html>Gateway Timeout</html>")
            : (200, rig.Profile.StatusReply(code)));

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => rig.Gateway.SendAsync(Five, "hi"));

        Assert.Equal(oneAmbiguous, ex.MayHaveBeenSent);
        Assert.Equal(3, rig.Sent.Count);
        if (!oneAmbiguous)
        {
            Assert.Equal((refused, code), (ex.Error, ex.ProviderCode));
        }

        AdapterHost.AssertNoSecrets(ex.ToString(), Five);
    }

    private static TheoryData<string, string> Cross(TheoryData<string> values)
    {
        var data = new TheoryData<string, string>();
        foreach (string provider in AdapterProfile.Names)
        {
            foreach (string value in values)
            {
                data.Add(provider, value);
            }
        }

        return data;
    }
}
