using KenyaSms.Simulator;
using KenyaSms.Synqtel;
using static KenyaSms.IntegrationTests.Sdk.SdkTestHost;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>Every Synqtel call of the SDK against the simulator over real HTTP: results agree with the ledger.</summary>
public sealed class SynqtelSdkTests
{
    [Fact]
    public async Task SendAsync_OneRecipient_SendsmsMessageIdAndBalanceFromTheSimulator()
    {
        await using SdkTestHost host = await StartAsync();
        var message = new SmsMessage(Number, "Habari from the SDK");

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        SmsRecipientResult recipient = Assert.Single(result.Recipients);
        SimulatorMessage sent = Assert.Single(host.Ledger.Messages);
        Assert.True(result.IsSuccess);
        Assert.Equal("sendsms", Assert.Single(host.Ledger.Requests).Endpoint);
        Assert.Equal((sent.MessageId, "+254722310558", 1m, MobileNetwork.Safaricom), (recipient.MessageId, recipient.PhoneNumber, recipient.Cost, recipient.Network));
        Assert.Equal((SimulatorProvider.Synqtel, "+254722310558", message.Text, Sender), (sent.Provider, sent.Mobile, sent.Text, sent.Sender));
        Assert.Equal(host.Sim.GetCredits(SimulatorProvider.Synqtel), result.CreditBalance);
        Assert.Equal(9_999, host.Sim.GetCredits(SimulatorProvider.Synqtel));
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    [Fact]
    public async Task SendAsync_BulkOneText_SendmultipleEveryMessageIdAndClientRefMatched()
    {
        await using SdkTestHost host = await StartAsync();
        var message = new SmsMessage([Number, OtherNumber, "0733444555"], "Meeting at 10");

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        Assert.Equal(3, result.AcceptedCount);
        Assert.Equal("sendmultiple", Assert.Single(host.Ledger.Requests).Endpoint);
        Assert.All(result.Recipients, r =>
        {
            SimulatorMessage sent = Assert.Single(host.Ledger.Messages, m => m.Mobile == r.PhoneNumber);
            Assert.Equal((sent.MessageId, sent.ClientReference), (r.MessageId, r.ClientReference));
        });
        Assert.Equal(3, result.Recipients.Select(r => r.ClientReference).Distinct().Count());
        Assert.Equal(host.Sim.GetCredits(SimulatorProvider.Synqtel), result.CreditBalance);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    [Fact]
    public async Task SendBatchAsync_PersonalisedWithClientReferences_EachRecipientItsTextAndRefEchoed()
    {
        await using SdkTestHost host = await StartAsync();
        SmsMessage[] batch =
        [
            new(Number, "Dear Wanjiku, your order 1001 is ready") { ClientReference = "order-1001" },
            new(OtherNumber, "Dear Otieno, your order 1002 is ready") { ClientReference = "order-1002" },
            new("0733444555", "Dear Achieng, your order 1003 is ready") { ClientReference = "order-1003" },
        ];

        SmsSendResult result = await host.Synqtel.SendBatchAsync(batch).WaitAsync(Guard);

        Assert.True(result.IsSuccess);
        Assert.Equal("sendmultiple", Assert.Single(host.Ledger.Requests).Endpoint);
        for (int i = 0; i < batch.Length; i++)
        {
            SimulatorMessage sent = Assert.Single(host.Ledger.Messages, m => m.Mobile == E164(batch[i].To[0]));
            Assert.Equal((batch[i].Text, batch[i].ClientReference), (sent.Text, sent.ClientReference));
            Assert.Equal((sent.MessageId, batch[i].ClientReference), (result.Recipients[i].MessageId, result.Recipients[i].ClientReference));
        }

        LedgerInvariants.Hold(host.Ledger, batch, result, failure: null);
    }

    [Fact]
    public async Task SendAsync_OneRecipientWithClientReference_SentViaSendmultipleRefEchoed()
    {
        await using SdkTestHost host = await StartAsync();
        var message = new SmsMessage(Number, "Your code is 4321") { ClientReference = "otp-77" };

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        SimulatorMessage sent = Assert.Single(host.Ledger.Messages);
        Assert.Equal("sendmultiple", Assert.Single(host.Ledger.Requests).Endpoint);
        Assert.Equal(("otp-77", sent.MessageId), (Assert.Single(result.Recipients).ClientReference, result.Recipients[0].MessageId));
        Assert.Equal("otp-77", sent.ClientReference);
    }

    [Fact]
    public async Task GetBalanceAsync_Getbalance_EqualsTheSimulatorsCredits()
    {
        await using SdkTestHost host = await StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 1_234);

        SmsBalance balance = await host.Synqtel.GetBalanceAsync().WaitAsync(Guard);

        Assert.Equal(new SmsBalance("synqtel", 1_234m), balance);
        SimulatorRequest request = Assert.Single(host.Ledger.Requests);
        Assert.Equal(("getbalance", "GET"), (request.Endpoint, request.Method));
    }

    [Fact]
    public async Task LookupAsync_ValidNumber_ValidSafaricomFromTheMobileEndpoint()
    {
        await using SdkTestHost host = await StartAsync();

        PhoneNumberLookup lookup = await host.Synqtel.LookupAsync("0712244243").WaitAsync(Guard);

        Assert.Equal(("+254712244243", true, MobileNetwork.Safaricom, "1"), (lookup.PhoneNumber, lookup.IsValid, lookup.Network, lookup.ProviderNetworkId));
        SimulatorRequest request = Assert.Single(host.Ledger.Requests);
        Assert.Equal(("mobile", "GET", "/sms/mobile?mobile=254712244243&return=json"), (request.Endpoint, request.Method, request.PathAndQuery));
        Assert.Empty(host.Ledger.Messages);
    }

    [Fact]
    public async Task LookupAsync_InvalidNumber_NotValidWithoutARequest()
    {
        await using SdkTestHost host = await StartAsync();

        PhoneNumberLookup lookup = await host.Synqtel.LookupAsync("12345").WaitAsync(Guard);

        Assert.Equal(("12345", false, MobileNetwork.Unknown), (lookup.PhoneNumber, lookup.IsValid, lookup.Network));
        Assert.Empty(host.Ledger.Requests);
    }

    public static TheoryData<int> RecipientCounts => [1, 2];

    // 1012 Mobile number in DND: sendsms answers it for the request, sendmultiple for the entry; a recipient-level refusal either way.
    [Theory]
    [MemberData(nameof(RecipientCounts))]
    public async Task SendAsync_DndNumber_DoNotDisturbForThatRecipientNothingCharged(int recipients)
    {
        await using SdkTestHost host = await StartAsync(s => s.Simulator = o => o.DndNumbers.Add(Number));
        var message = new SmsMessage(recipients == 1 ? [Number] : [Number, OtherNumber], "Promo: 10% off");

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        SmsRecipientResult dnd = result.Recipients[0];
        Assert.Equal((false, SmsErrorCode.DoNotDisturb, false, null), (dnd.IsAccepted, dnd.Status.Error, dnd.Status.MayHaveBeenSent, dnd.MessageId));
        Assert.Equal(recipients - 1, result.AcceptedCount);
        Assert.DoesNotContain(host.Ledger.Messages, m => m.Mobile == "+254722310558");
        Assert.Equal(10_000 - (recipients - 1), host.Sim.GetCredits(SimulatorProvider.Synqtel));
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // A top-level 1012 next to schedule_details that accepted an entry, a reply the reference never shows: the simulator
    // processes the request (accepting the number not on its DND list), then answers this body. The details speak for
    // the recipient they list, so its accepted message is reported accepted, not "refused, not sent" (which would make
    // the caller send it again); the unlisted recipient keeps the top-level refusal. The ledger agrees (I3, I4).
    [Fact]
    public async Task SendAsync_TopLevel1012WithDetailsAcceptingOne_AcceptedReportedAcceptedUnlistedKeepsTopLevel()
    {
        await using SdkTestHost host = await StartAsync(s => s.Simulator = o => o.DndNumbers.Add(Number));
        var message = new SmsMessage([Number, OtherNumber], "Mixed top-level and details") { ClientReference = "mixed-1" };
        const string Reply = """
            {"status_code":1012,"status_desc":"Mobile number in DND","credit_balance":"9999",
             "schedule_details":[{"message_id":"0","client_ref":"mixed-1","mobile":"+254711222333","schedule_status":"1",
                                  "schedule_desc":"Success","network_id":"1","message_cost":1}]}
            """;
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendmultiple", SimulatorFault.Status(200, Reply, "application/json").WithProcessed(true));

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        SmsRecipientResult dnd = result.Recipients[0], accepted = result.Recipients[1];
        Assert.Equal((false, SmsErrorCode.DoNotDisturb, "1012", false), (dnd.IsAccepted, dnd.Status.Error, dnd.Status.Code, dnd.Status.MayHaveBeenSent));
        Assert.Equal((true, "+254711222333", "mixed-1"), (accepted.IsAccepted, accepted.PhoneNumber, accepted.ClientReference));
        Assert.Equal("+254711222333", Assert.Single(host.MessagesOf(SimulatorProvider.Synqtel)).Mobile);
        Assert.Single(host.Ledger.Requests);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    [Theory]
    [MemberData(nameof(RecipientCounts))]
    public async Task SendAsync_LowCredits_InsufficientCreditsNothingSent(int recipients)
    {
        await using SdkTestHost host = await StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Synqtel, recipients - 1);
        var message = new SmsMessage(recipients == 1 ? [Number] : [Number, OtherNumber], "Not enough credits");

        SmsGatewayException ex = await FailsAsync(() => host.Synqtel.SendAsync(message));

        Assert.Equal((SmsErrorCode.InsufficientCredits, "1004", false, false), (ex.Error, ex.ProviderCode, ex.MayHaveBeenSent, ex.IsTransient));
        Assert.Single(host.Ledger.Requests);
        Assert.Empty(host.Ledger.Messages);
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    // Account-level refusals on every call: the error code, the provider's code, and (for sends) nothing sent.
    public static TheoryData<string> Operations => ["sendsms", "sendmultiple", "getbalance", "mobile"];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Call_WrongApiKey_InvalidCredentials(string operation)
    {
        await using SdkTestHost host = await StartAsync(s => s.Synqtel = o => o.ApiKey = new string('0', 64));

        SmsGatewayException ex = await FailsAsync(() => CallAsync(host.Synqtel, operation));

        Assert.Equal((SmsErrorCode.InvalidCredentials, "1013", false), (ex.Error, ex.ProviderCode, ex.MayHaveBeenSent));
        Assert.Equal(operation, Assert.Single(host.Ledger.Requests).Endpoint);
        Assert.Empty(host.Ledger.Messages);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Call_AccountSuspended_AccountSuspended(string operation)
    {
        await using SdkTestHost host = await StartAsync(s => s.Simulator = o => o.SynqtelAccountSuspended = true);

        SmsGatewayException ex = await FailsAsync(() => CallAsync(host.Synqtel, operation));

        Assert.Equal((SmsErrorCode.AccountSuspended, "1011", false), (ex.Error, ex.ProviderCode, ex.MayHaveBeenSent));
        Assert.Empty(host.Ledger.Messages);
    }

    [Theory]
    [InlineData("sendsms")]
    [InlineData("sendmultiple")]
    public async Task Send_SenderNameNotAllowed_InvalidSenderIdNothingSent(string operation)
    {
        await using SdkTestHost host = await StartAsync(s => s.Simulator = o => o.SynqtelSenderNames.Add("OTHER"));

        SmsGatewayException ex = await FailsAsync(() => CallAsync(host.Synqtel, operation));

        Assert.Equal((SmsErrorCode.InvalidSenderId, "1001", false), (ex.Error, ex.ProviderCode, ex.MayHaveBeenSent));
        Assert.Empty(host.Ledger.Messages);
        Assert.Equal(10_000, host.Sim.GetCredits(SimulatorProvider.Synqtel));
    }

    [Fact]
    public async Task SendAsync_AllowedSenderName_Accepted()
    {
        await using SdkTestHost host = await StartAsync(s => s.Simulator = o => o.SynqtelSenderNames.Add(Sender));

        SmsSendResult result = await SendAsync(host.Synqtel, new SmsMessage(Number, "From an allowed sender"));

        Assert.True(result.IsSuccess);
        Assert.Equal(Sender, Assert.Single(host.Ledger.Messages).Sender);
    }

    // A sendmultiple request carries one sender name (shortcode): every message goes out under its own.
    [Fact]
    public async Task SendBatchAsync_TwoSenderNames_EachRequestOneSenderEachMessageItsOwn()
    {
        await using SdkTestHost host = await StartAsync();
        SmsMessage[] batch =
        [
            new(Number, "From the shop") { SenderId = "SHOP" },
            new(OtherNumber, "From the bank") { SenderId = "BANK" },
            new("0733444555", "From the shop again") { SenderId = "SHOP" },
        ];

        SmsSendResult result = await host.Synqtel.SendBatchAsync(batch).WaitAsync(Guard);

        Assert.True(result.IsSuccess);
        Assert.All(batch, m => Assert.Equal(m.SenderId, Assert.Single(host.Ledger.Messages, l => l.Text == m.Text).Sender));
        Assert.All(host.Ledger.Messages.GroupBy(m => m.RequestIndex), request => Assert.Single(request.Select(m => m.Sender).Distinct()));
        LedgerInvariants.Hold(host.Ledger, batch, result, failure: null);
    }

    // Bulk chunking: 10 recipients of one text, at most 3 messages a request.
    [Fact]
    public async Task SendAsync_TenRecipientsThreePerRequest_FourRequestsEveryRecipientOnce()
    {
        await using SdkTestHost host = await StartAsync(s => s.Synqtel = o => o.MaxMessagesPerRequest = 3);
        string[] numbers = Numbers(10);
        var message = new SmsMessage(numbers, "Chunked hello");

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        Assert.Equal(10, result.AcceptedCount);
        Assert.All(host.Ledger.Requests, r => Assert.Equal("sendmultiple", r.Endpoint));
        Assert.Equal([1, 3, 3, 3], host.ChunkSizes());
        Assert.Equal(numbers.Select(E164).Order(), host.Ledger.Messages.Select(m => m.Mobile).Order());
        Assert.All(result.Recipients, r => Assert.Equal(r.MessageId, Assert.Single(host.Ledger.Messages, m => m.Mobile == r.PhoneNumber).MessageId));
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // Personalised batch of 10, at most 3 a request: each recipient its own text and client_ref, whatever chunk carried it.
    [Fact]
    public async Task SendBatchAsync_TenPersonalisedThreePerRequest_EachTextAndRefOnce()
    {
        await using SdkTestHost host = await StartAsync(s => s.Synqtel = o => o.MaxMessagesPerRequest = 3);
        SmsMessage[] batch = [.. Numbers(10).Select((n, i) => new SmsMessage(n, $"Invoice {i}: 1{i}0 KES due") { ClientReference = $"inv-{i}" })];

        SmsSendResult result = await host.Synqtel.SendBatchAsync(batch).WaitAsync(Guard);

        Assert.Equal(10, result.AcceptedCount);
        Assert.Equal([1, 3, 3, 3], host.ChunkSizes());
        for (int i = 0; i < batch.Length; i++)
        {
            SimulatorMessage sent = Assert.Single(host.Ledger.Messages, m => m.ClientReference == batch[i].ClientReference);
            Assert.Equal((E164(batch[i].To[0]), batch[i].Text), (sent.Mobile, sent.Text));
            Assert.Equal((sent.MessageId, sent.ClientReference), (result.Recipients[i].MessageId, result.Recipients[i].ClientReference));
        }

        LedgerInvariants.Hold(host.Ledger, batch, result, failure: null);
    }

    private static async Task<object> CallAsync(SynqtelSmsGateway gateway, string operation) => operation switch
    {
        "sendsms" => await gateway.SendAsync(new SmsMessage(Number, "Hello")),
        "sendmultiple" => await gateway.SendAsync(new SmsMessage([Number, OtherNumber], "Hello")),
        "getbalance" => await gateway.GetBalanceAsync(),
        "mobile" => await gateway.LookupAsync(Number),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
