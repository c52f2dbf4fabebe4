using KenyaSms.Simulator;
using static KenyaSms.IntegrationTests.Sdk.SdkTestHost;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>Every Africa's Talking call of the SDK against the simulator over real HTTP: results agree with the ledger.</summary>
public sealed class AfricasTalkingSdkTests
{
    [Fact]
    public async Task SendAsync_OneRecipient_AcceptedWithIdCostAndTheFormAsAtsSdksSendIt()
    {
        await using SdkTestHost host = await StartAsync();
        var message = new SmsMessage(Number, "Habari from the SDK");

        SmsSendResult result = await SendAsync(host.AfricasTalking, message);

        SmsRecipientResult recipient = Assert.Single(result.Recipients);
        Assert.True(result.IsSuccess);
        SimulatorMessage sent = Assert.Single(host.Ledger.Messages);
        Assert.Equal(("africastalking", "+254722310558", MobileNetwork.Safaricom, sent.MessageId, 0.8m), (result.Provider, recipient.PhoneNumber, recipient.Network, recipient.MessageId, recipient.Cost));
        Assert.Equal(("101", "Success", SmsErrorCode.None), (recipient.Status.Code, recipient.Status.Description, recipient.Status.Error));
        Assert.Equal((SimulatorProvider.AfricasTalking, message.Text, Sender), (sent.Provider, sent.Text, sent.Sender));
        SimulatorRequest request = Assert.Single(host.Ledger.Requests);
        Assert.Equal(("messaging", "POST"), (request.Endpoint, request.Method));
        Assert.Equal("username=simulator&to=%2B254722310558&message=Habari%20from%20the%20SDK&from=ACME&bulkSMSMode=1&enqueue=0", request.Body);
        Assert.Equal(host.Sim.AfricasTalkingApiKey, request.Headers["apiKey"]);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.DoesNotContain(host.Sim.AfricasTalkingApiKey, request.PathAndQuery, StringComparison.Ordinal);
        Assert.Null(result.CreditBalance); // AT reports money spent, not a balance, in a send's answer
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    [Fact]
    public async Task SendAsync_NoSenderId_NoFromFieldAtsDefaultSender()
    {
        await using SdkTestHost host = await StartAsync(s => s.AfricasTalking = o => o.SenderId = null);

        SmsSendResult result = await SendAsync(host.AfricasTalking, new SmsMessage(Number, "Default sender"));

        Assert.True(result.IsSuccess);
        Assert.DoesNotContain("from=", Assert.Single(host.Ledger.Requests).Body, StringComparison.Ordinal);
        Assert.Equal("AFRICASTKNG", Assert.Single(host.Ledger.Messages).Sender);
    }

    [Fact]
    public async Task SendAsync_Enqueue_SendsEnqueue1AndQueuedIsAccepted()
    {
        await using SdkTestHost host = await StartAsync(s => s.AfricasTalking = o => o.Enqueue = true);

        SmsSendResult result = await SendAsync(host.AfricasTalking, new SmsMessage([Number, OtherNumber], "Queued"));

        Assert.True(result.IsSuccess);
        Assert.All(result.Recipients, r => Assert.Equal("102", r.Status.Code));
        Assert.EndsWith("&enqueue=1", Assert.Single(host.Ledger.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_DndBlacklistedAndInvalid_RejectedPerRecipientWithTheirCodesOthersSent()
    {
        await using SdkTestHost host = await StartAsync(s => s.Simulator = o =>
        {
            o.DndNumbers.Add("0722000001");
            o.BlacklistedNumbers.Add("0722000002");
        });
        var message = new SmsMessage(["0722000001", "0722000002", "12345", Number], "Mixed");

        SmsSendResult result = await SendAsync(host.AfricasTalking, message);

        Assert.Equal(
            [(SmsErrorCode.DoNotDisturb, "409"), (SmsErrorCode.OptedOut, "406"), (SmsErrorCode.InvalidPhoneNumber, "sdk:invalid-number"), (SmsErrorCode.None, "101")],
            result.Recipients.Select(r => (r.Status.Error, r.Status.Code)));
        Assert.All(result.Recipients.Take(3), r => Assert.False(r.IsAccepted || r.Status.MayHaveBeenSent || r.MessageId is not null || r.Cost is not null));
        Assert.Equal(["+254722310558"], host.Ledger.Messages.Select(m => m.Mobile));
        Assert.DoesNotContain("12345", Assert.Single(host.Ledger.Requests).Body, StringComparison.Ordinal); // never sent to AT
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    [Fact]
    public async Task SendAsync_PerRecipient500_TransientRejectionCertainlyNotSent()
    {
        await using SdkTestHost host = await StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.AfricasTalking, "messaging", SimulatorFault.ProviderError("500"));
        var message = new SmsMessage(Number, "Try later");

        SmsSendResult result = await SendAsync(host.AfricasTalking, message);

        SmsRecipientResult recipient = Assert.Single(result.Recipients);
        Assert.Equal((false, SmsErrorCode.ProviderInternalError, true, false), (recipient.IsAccepted, recipient.Status.Error, recipient.Status.IsTransient, recipient.Status.MayHaveBeenSent));
        Assert.Empty(host.Ledger.Messages);
    }

    [Fact]
    public async Task SendAsync_TenRecipientsThreePerRequest_FourRequestsEveryRecipientOnce()
    {
        await using SdkTestHost host = await StartAsync(s => s.AfricasTalking = o => o.MaxRecipientsPerRequest = 3);
        string[] numbers = Numbers(10);
        var message = new SmsMessage(numbers, "Chunked hello");

        SmsSendResult result = await SendAsync(host.AfricasTalking, message);

        Assert.Equal(10, result.AcceptedCount);
        Assert.Equal(4, host.Ledger.Requests.Count);
        Assert.Equal(numbers.Select(E164).Order(), host.Ledger.Messages.Select(m => m.Mobile).Order());
        Assert.Equal(1_000m - 8m, host.Sim.GetBalance(SimulatorProvider.AfricasTalking));
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    [Fact]
    public async Task SendBatchAsync_PersonalisedTexts_OneRequestPerText()
    {
        await using SdkTestHost host = await StartAsync();
        SmsMessage[] batch = [.. Numbers(3).Select((n, i) => new SmsMessage(n, $"Dear member {i}, the AGM is on Saturday"))];

        SmsSendResult result = await host.AfricasTalking.SendBatchAsync(batch).WaitAsync(Guard);

        Assert.True(result.IsSuccess);
        Assert.Equal(3, host.Ledger.Requests.Count);
        Assert.All(batch, m => Assert.Equal(m.Text, Assert.Single(host.Ledger.Messages, l => l.Mobile == E164(m.To[0])).Text));
        LedgerInvariants.Hold(host.Ledger, batch, result, failure: null);
    }

    [Fact]
    public async Task GetBalanceAsync_Money_AmountAndCurrency()
    {
        await using SdkTestHost host = await StartAsync();
        host.Sim.SetBalance(SimulatorProvider.AfricasTalking, 238747053.1747m);

        SmsBalance balance = await host.AfricasTalking.GetBalanceAsync().WaitAsync(Guard);

        Assert.Equal(new SmsBalance("africastalking", 238747053.1747m) { Currency = "KES" }, balance);
        SimulatorRequest request = Assert.Single(host.Ledger.Requests);
        Assert.Equal(("user", "GET", "/africastalking/version1/user?username=simulator"), (request.Endpoint, request.Method, request.PathAndQuery));
    }

    [Fact]
    public async Task SendAsync_WrongApiKey_InvalidCredentialsFromThePlainText401NothingSentKeyNotInMessage()
    {
        await using SdkTestHost host = await StartAsync(s => s.AfricasTalking = o => o.ApiKey = "not-the-simulators-key-0123456789");
        var message = new SmsMessage(Number, "Hello");

        SmsGatewayException ex = await FailsAsync(() => host.AfricasTalking.SendAsync(message));

        Assert.Equal((SmsErrorCode.InvalidCredentials, "401", false, System.Net.HttpStatusCode.Unauthorized), (ex.Error, ex.ProviderCode, ex.MayHaveBeenSent, ex.HttpStatusCode));
        Assert.Contains("The supplied authentication is invalid", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-simulators-key", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), e => e.Message.Contains("not-the-simulators-key", StringComparison.Ordinal));
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    [Fact]
    public async Task GetBalanceAsync_WrongUsername_InvalidCredentials()
    {
        await using SdkTestHost host = await StartAsync(s => s.AfricasTalking = o => o.Username = "somebody-else");

        SmsGatewayException ex = await FailsAsync(() => host.AfricasTalking.GetBalanceAsync());

        Assert.Equal((SmsErrorCode.InvalidCredentials, "401"), (ex.Error, ex.ProviderCode));
    }

    [Fact]
    public async Task SendAsync_SenderIdNotAllowed_RecordedRefusalIsInvalidSenderIdNothingSent()
    {
        await using SdkTestHost host = await StartAsync(s => s.Simulator = o => o.AfricasTalkingSenderIds.Add("OTHER"));
        var message = new SmsMessage(Number, "Hello");

        SmsGatewayException ex = await FailsAsync(() => host.AfricasTalking.SendAsync(message));

        Assert.Equal((SmsErrorCode.InvalidSenderId, "InvalidSenderId", false, false), (ex.Error, ex.ProviderCode, ex.MayHaveBeenSent, ex.IsTransient));
        Assert.Empty(host.Ledger.Messages);
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SendAsync_EmptyText_ArgumentExceptionNoRequest(string text)
    {
        await using SdkTestHost host = await StartAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => host.AfricasTalking.SendAsync(new SmsMessage(Number, text)));

        Assert.Empty(host.Ledger.Requests);
    }

    [Fact]
    public async Task SendAsync_TooLongForMaxSegments_ArgumentExceptionNoRequest()
    {
        await using SdkTestHost host = await StartAsync(s => s.AfricasTalking = o => o.MaxSegments = 1);

        ArgumentException ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => host.AfricasTalking.SendAsync(new SmsMessage(Number, new string('a', 161))));

        Assert.Contains("africastalking", ex.Message, StringComparison.Ordinal);
        Assert.Empty(host.Ledger.Requests);
    }

    [Fact]
    public async Task SendAsync_GatewayReturns502Html_TransportErrorMayHaveBeenSent()
    {
        await using SdkTestHost host = await StartAsync(s => s.Resilience = r => r.MaxRetryAttempts = 0);
        host.Sim.Faults.Inject(SimulatorProvider.AfricasTalking, "messaging", SimulatorFault.BadGateway());
        var message = new SmsMessage(Number, "Through a proxy");

        SmsGatewayException ex = await FailsAsync(() => host.AfricasTalking.SendAsync(message));

        Assert.Equal((SmsErrorCode.Transport, System.Net.HttpStatusCode.BadGateway, true), (ex.Error, ex.HttpStatusCode, ex.MayHaveBeenSent));
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    // The policies apply to the third provider too (api.md 9): safe mode holds back every non-allowlisted recipient
    // before the request, in input order, and the estimate uses AT's own limits.
    [Fact]
    public async Task SendAsync_SafeMode_OnlyAllowlistedRecipientReachesAfricasTalking()
    {
        await using SdkTestHost host = await StartAsync(s => s.Options = o =>
        {
            o.SafeMode.Enabled = true;
            o.SafeMode.AllowedNumbers.Add(OtherNumber);
        });
        var message = new SmsMessage([Number, OtherNumber], "Staging test");

        SmsSendResult result = await SendAsync(host.AfricasTalking, message);

        Assert.Equal([(false, SmsErrorCode.Suppressed), (true, SmsErrorCode.None)], result.Recipients.Select(r => (r.IsAccepted, r.Status.Error)));
        Assert.Equal(["+254711222333"], host.Ledger.Messages.Select(m => m.Mobile));
        Assert.DoesNotContain("254722310558", Assert.Single(host.Ledger.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_UsesAfricasTalkingsSegmentLimitNoRequest()
    {
        await using SdkTestHost host = await StartAsync(s => s.AfricasTalking = o => o.MaxSegments = 1);

        SmsSendEstimate estimate = host.AfricasTalking.Estimate([new SmsMessage([Number, OtherNumber, "12345"], "Hello")]);
        ArgumentException tooLong = Assert.ThrowsAny<ArgumentException>(() => host.AfricasTalking.Estimate([new SmsMessage(Number, new string('a', 161))]));

        Assert.Equal(("africastalking", 1, 2, 1, 2, 2m), (estimate.Provider, estimate.Messages, estimate.Recipients, estimate.InvalidRecipients, estimate.Segments, estimate.Credits));
        Assert.Contains("africastalking", tooLong.Message, StringComparison.Ordinal);
        Assert.Empty(host.Ledger.Requests);
    }
}
