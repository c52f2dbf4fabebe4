using KenyaSms.Simulator;
using static KenyaSms.IntegrationTests.Sdk.SdkTestHost;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>Every 254sms (Qserve) call of the SDK against the simulator over real HTTP: results agree with the ledger.</summary>
public sealed class QserveSdkTests
{
    [Fact]
    public async Task SendAsync_OneRecipient_AcceptedOnceWithTheSimulatorsBalance()
    {
        await using SdkTestHost host = await StartAsync();
        var message = new SmsMessage(Number, "Habari from the SDK");

        SmsSendResult result = await SendAsync(host.Qserve, message);

        SmsRecipientResult recipient = Assert.Single(result.Recipients);
        Assert.True(result.IsSuccess);
        Assert.Equal(("qserve", "+254722310558", MobileNetwork.Safaricom), (result.Provider, recipient.PhoneNumber, recipient.Network));
        SimulatorMessage sent = Assert.Single(host.Ledger.Messages);
        Assert.Equal((SimulatorProvider.Qserve, "+254722310558", message.Text, Sender), (sent.Provider, sent.Mobile, sent.Text, sent.Sender));
        Assert.Equal(9_999, host.Sim.GetCredits(SimulatorProvider.Qserve));
        Assert.Equal(9_999m, result.CreditBalance);
        Assert.Equal("sendsms", Assert.Single(host.Ledger.Requests).Endpoint);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    [Fact]
    public async Task SendAsync_Bulk_OneRequestEveryRecipientAcceptedOnce()
    {
        await using SdkTestHost host = await StartAsync();
        var message = new SmsMessage([Number, OtherNumber, "+254733444555"], "Meeting at 10") { SenderId = "SHOP" };

        SmsSendResult result = await SendAsync(host.Qserve, message);

        Assert.Equal(3, result.AcceptedCount);
        Assert.Single(host.Ledger.Requests);
        Assert.Equal(["+254711222333", "+254722310558", "+254733444555"], host.Ledger.Messages.Select(m => m.Mobile).Order());
        Assert.All(host.Ledger.Messages, m => Assert.Equal("SHOP", m.Sender));
        Assert.Equal(host.Sim.GetCredits(SimulatorProvider.Qserve), result.CreditBalance);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    [Fact]
    public async Task SendAsync_InvalidNumberAmongValid_RejectedPerRecipientNeverSent()
    {
        await using SdkTestHost host = await StartAsync();
        var message = new SmsMessage([Number, "12345", OtherNumber], "Half of you");

        SmsSendResult result = await SendAsync(host.Qserve, message);

        Assert.Equal((2, 1), (result.AcceptedCount, result.RejectedCount));
        SmsRecipientResult invalid = result.Recipients[1];
        Assert.Equal(("12345", SmsErrorCode.InvalidPhoneNumber, "sdk:invalid-number"), (invalid.PhoneNumber, invalid.Status.Error, invalid.Status.Code));
        Assert.Equal(2, host.Ledger.Messages.Count);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    [Fact]
    public async Task GetBalanceAsync_Credits_EqualsTheSimulatorsCredits()
    {
        await using SdkTestHost host = await StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Qserve, 345);

        SmsBalance balance = await host.Qserve.GetBalanceAsync().WaitAsync(Guard);

        Assert.Equal(new SmsBalance("qserve", 345m), balance);
        Assert.Equal("credits", Assert.Single(host.Ledger.Requests).Endpoint);
    }

    [Fact]
    public async Task SendAsync_WrongApiKey_InvalidCredentialsNothingSent()
    {
        await using SdkTestHost host = await StartAsync(s => s.Qserve = o => o.ApiKey = "not-the-simulators-key");
        var message = new SmsMessage(Number, "Hello");

        SmsGatewayException ex = await FailsAsync(() => host.Qserve.SendAsync(message));

        Assert.Equal((SmsErrorCode.InvalidCredentials, "X001", false), (ex.Error, ex.ProviderCode, ex.MayHaveBeenSent));
        Assert.Single(host.Ledger.Requests);
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    [Fact]
    public async Task GetBalanceAsync_WrongUsername_InvalidUserToken()
    {
        await using SdkTestHost host = await StartAsync(s => s.Qserve = o => o.Username = "somebody-else");

        SmsGatewayException ex = await FailsAsync(() => host.Qserve.GetBalanceAsync());

        Assert.Equal((SmsErrorCode.InvalidUserToken, "X003"), (ex.Error, ex.ProviderCode));
    }

    // The simulator answers a balance that does not cover the send with 101 and every recipient "Insufficient credits":
    // nothing may be reported accepted, and nothing was sent or charged.
    [Fact]
    public async Task SendAsync_LowCredits_NoRecipientAcceptedNothingCharged()
    {
        await using SdkTestHost host = await StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Qserve, 1);
        var message = new SmsMessage([Number, OtherNumber], "Two credits needed");

        SmsSendResult result = await SendAsync(host.Qserve, message);

        Assert.Equal(0, result.AcceptedCount);
        Assert.Empty(host.Ledger.Messages);
        Assert.Equal(1, host.Sim.GetCredits(SimulatorProvider.Qserve));
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // Bulk chunking: 10 recipients, at most 3 a request.
    [Fact]
    public async Task SendAsync_TenRecipientsThreePerRequest_FourRequestsEveryRecipientOnce()
    {
        await using SdkTestHost host = await StartAsync(s => s.Qserve = o => o.MaxRecipientsPerRequest = 3);
        string[] numbers = Numbers(10);
        var message = new SmsMessage(numbers, "Chunked hello");

        SmsSendResult result = await SendAsync(host.Qserve, message);

        Assert.Equal(10, result.AcceptedCount);
        Assert.Equal([1, 3, 3, 3], host.ChunkSizes());
        Assert.Equal(numbers.Select(E164).Order(), host.Ledger.Messages.Select(m => m.Mobile).Order());
        Assert.Equal(10_000 - 10, host.Sim.GetCredits(SimulatorProvider.Qserve));
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // A Qserve batch is one request per text: each recipient gets its own text.
    [Fact]
    public async Task SendBatchAsync_PersonalisedTexts_EachRecipientGetsItsOwnText()
    {
        await using SdkTestHost host = await StartAsync();
        SmsMessage[] batch = [.. Numbers(3).Select((n, i) => new SmsMessage(n, $"Dear customer {i}, your balance is {i * 100} KES"))];

        SmsSendResult result = await host.Qserve.SendBatchAsync(batch).WaitAsync(Guard);

        Assert.True(result.IsSuccess);
        Assert.Equal(3, host.Ledger.Requests.Count);
        Assert.All(batch, m => Assert.Equal(m.Text, Assert.Single(host.Ledger.Messages, l => l.Mobile == E164(m.To[0])).Text));
        LedgerInvariants.Hold(host.Ledger, batch, result, failure: null);
    }
}
