using System.Net;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.Resilience;
using Polly.CircuitBreaker;
using Polly.Timeout;
using static KenyaSms.IntegrationTests.Sdk.SdkTestHost;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>
/// The reliability matrix (reliability.md, R1-R12) with the SDK against the simulator over real HTTP. Every send is
/// checked against the simulator's ledger with I1 (no duplicate), I3 (honest "not sent") and I4 (honest "sent").
/// </summary>
public sealed class ReliabilityMatrixTests
{
    private const string Text = "Your M-Pesa code is ready";

    public static TheoryData<string> Providers => ["synqtel", "qserve"];

    // R1: nothing listens. Retried per policy (3 retries), then Transport, transient, not sent.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task R1_ConnectionRefusedForGood_RetriedThenTransportNotSent(string provider)
    {
        Uri closed = ClosedPort.Create();
        await using SdkTestHost host = await StartAsync(s =>
        {
            s.Synqtel = o => o.BaseAddress = closed;
            s.Qserve = o => o.BaseAddress = closed;
        });
        var message = new SmsMessage(Number, Text);

        SmsGatewayException ex = await FailsAsync(() => host.Target(provider).Gateway.SendAsync(message));

        Assert.Equal((SmsErrorCode.Transport, true, false), (ex.Error, ex.IsTransient, ex.MayHaveBeenSent));
        Assert.Equal(HttpRequestError.ConnectionError, Assert.IsType<HttpRequestException>(ex.InnerException).HttpRequestError);
        Assert.Equal(3, host.RetriesLogged);
        Assert.Empty(host.Ledger.Requests);
    }

    // R2: the first connection is refused (a real refused connect, before any byte went out); the retry reaches the simulator.
    [Fact]
    public async Task R2_RefusedOnceThenUp_RetriedAndSentOnce()
    {
        var refuser = new RefuseFirstConnectionHandler();
        await using SdkTestHost host = await StartAsync(s => s.SynqtelPrimaryHandler = () => refuser);
        var message = new SmsMessage(Number, Text);

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        Assert.True(result.IsSuccess);
        Assert.Equal((2, 1), (refuser.Calls, host.RetriesLogged));
        Assert.Single(host.Ledger.Requests);
        Assert.Equal(Assert.Single(host.Ledger.Messages).MessageId, result.Recipients[0].MessageId);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // R3: the simulator accepts, then never answers; the attempt times out. A send is not retried.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task R3_StallPastAttemptTimeout_MayHaveBeenSentNotRetried(string provider)
    {
        await using SdkTestHost host = await StartAsync(s => s.Resilience = ShortAttempts);
        ISmsGateway gateway = host.Inject(provider, "sendsms", SimulatorFault.Stall());

        (SmsMessage message, SmsGatewayException ex) = await SendFailsAsync(gateway);

        Assert.Equal((SmsErrorCode.Transport, true), (ex.Error, ex.MayHaveBeenSent));
        Assert.IsType<TimeoutRejectedException>(ex.InnerException);
        AssertOneRequestNotRetried(host);
        Assert.Single(host.Ledger.Messages);
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    // R3, the read side: a stalled balance is safe to ask again.
    [Fact]
    public async Task R3_ReadStallsPastAttemptTimeout_RetriedAndAnswered()
    {
        await using SdkTestHost host = await StartAsync(s => s.Resilience = ShortAttempts);
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "getbalance", SimulatorFault.Stall());

        SmsBalance balance = await host.Synqtel.GetBalanceAsync().WaitAsync(Guard);

        Assert.Equal(10_000m, balance.Credits);
        Assert.Equal(2, host.Ledger.Requests.Count);
        Assert.Equal(1, host.RetriesLogged);
    }

    // R4: the simulator reads the whole request, accepts it, then resets the connection.
    [Theory]
    [InlineData("synqtel", 1)]
    [InlineData("synqtel", 2)]
    [InlineData("qserve", 1)]
    public async Task R4_AbortAfterReadingRequest_MayHaveBeenSentNotRetried(string provider, int recipients)
    {
        await using SdkTestHost host = await StartAsync();
        ISmsGateway gateway = host.Inject(provider, SimulatorFaults.AnyEndpoint, SimulatorFault.AbortAfterReadingRequest());

        (SmsMessage message, SmsGatewayException ex) = await SendFailsAsync(gateway, recipients);

        Assert.Equal((SmsErrorCode.Transport, true, true), (ex.Error, ex.IsTransient, ex.MayHaveBeenSent));
        Assert.IsType<HttpRequestException>(ex.InnerException);
        // 16.11: in words a person can act on, not "(Unknown: An error occurred while sending the request.)".
        Assert.Contains("the connection was reset after the request was sent, before the provider answered; it may have been delivered", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Unknown:", ex.Message, StringComparison.Ordinal);
        AssertOneRequestNotRetried(host);
        Assert.Equal(recipients, host.Ledger.Messages.Count);
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    // R4 with the documented opt-in: a possible duplicate is preferred over a possible loss, and here it happens.
    [Fact]
    public async Task R4_AbortAfterReadingRequest_RetryAmbiguousSends_TwoAcceptedMessages()
    {
        await using SdkTestHost host = await StartAsync(s => s.Resilience = o => o.RetryAmbiguousSends = true);
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.AbortAfterReadingRequest());
        var message = new SmsMessage(Number, Text);

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, host.Ledger.Requests.Count);
        Assert.Equal(host.Ledger.Requests[0].Body, host.Ledger.Requests[1].Body); // a byte-identical resend
        Assert.Equal(2, host.Ledger.Messages.Count(m => m.Mobile == "+254722310558"));
        Assert.Equal(host.Ledger.Messages[1].MessageId, result.Recipients[0].MessageId);
        LedgerInvariants.Hold(host.Ledger, message, result, duplicatesAllowed: true);
    }

    // R5: 500 / 502 / 504 after the simulator processed the request.
    public static TheoryData<string, string> ServerErrors
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string provider in new[] { "synqtel", "qserve" })
            {
                foreach (string status in new[] { "500", "502", "504" })
                {
                    data.Add(provider, status);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ServerErrors))]
    public async Task R5_ServerErrorAfterProcessing_HttpStatusSetMayHaveBeenSentNotRetried(string provider, string status)
    {
        await using SdkTestHost host = await StartAsync();
        ISmsGateway gateway = host.Inject(provider, "sendsms", Fault(status));

        (SmsMessage message, SmsGatewayException ex) = await SendFailsAsync(gateway);

        Assert.Equal(((HttpStatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), true), (ex.HttpStatusCode, ex.MayHaveBeenSent));
        AssertOneRequestNotRetried(host);
        Assert.Single(host.Ledger.Messages);
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    // R6: 429 with Retry-After: 1, then OK. The SDK waits the 1 s it was told (a real second: the test stays near it),
    // which its retry log states; the send reaches the simulator once.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task R6_TooManyRequestsThenOk_RetriedAfterRetryAfterAcceptedOnce(string provider)
    {
        await using SdkTestHost host = await StartAsync();
        ISmsGateway gateway = host.Inject(provider, "sendsms", SimulatorFault.TooManyRequests(1));
        var message = new SmsMessage(Number, Text);

        SmsSendResult result = await SendAsync(gateway, message);

        Assert.True(result.IsSuccess);
        Assert.Equal([429, 200], host.Ledger.Requests.Select(r => r.StatusCode ?? 0));
        Assert.Equal(TimeSpan.FromSeconds(1).ToString(), Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 1006).GetStructuredStateValue("Delay"));
        Assert.Single(host.Ledger.Messages);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // R7: a Retry-After beyond the total timeout is not waited for (the Guard would trip if it were).
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task R7_TooManyRequestsRetryAfterAnHour_GivesUpAtOnceNothingSent(string provider)
    {
        await using SdkTestHost host = await StartAsync();
        ISmsGateway gateway = host.Inject(provider, "sendsms", SimulatorFault.TooManyRequests(3600));

        (SmsMessage message, SmsGatewayException ex) = await SendFailsAsync(gateway);

        Assert.Equal((HttpStatusCode.TooManyRequests, true, false), (ex.HttpStatusCode, ex.IsTransient, ex.MayHaveBeenSent));
        AssertOneRequestNotRetried(host);
        Assert.Empty(host.Ledger.Messages);
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    // R8: a 200 whose body does not say what happened, after the simulator accepted the send.
    private static readonly string[] UnreadableFaults = ["malformed-json", "truncated-json", "empty-body", "html-200", "json-null", "json-empty-array", "json-wrong-shape"];

    public static TheoryData<string, int, string> UnreadableSends
    {
        get
        {
            var data = new TheoryData<string, int, string>();
            foreach (string fault in UnreadableFaults)
            {
                data.Add("synqtel", 1, fault);
                data.Add("synqtel", 2, fault);
                data.Add("qserve", 2, fault);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(UnreadableSends))]
    public async Task R8_UnreadableBodyOn200_InvalidResponseMayHaveBeenSentNotRetried(string provider, int recipients, string fault)
    {
        await using SdkTestHost host = await StartAsync();
        ISmsGateway gateway = host.Inject(provider, SimulatorFaults.AnyEndpoint, Fault(fault));

        (SmsMessage message, SmsGatewayException ex) = await SendFailsAsync(gateway, recipients);

        Assert.Equal((SmsErrorCode.InvalidResponse, HttpStatusCode.OK, true), (ex.Error, ex.HttpStatusCode, ex.MayHaveBeenSent));
        AssertOneRequestNotRetried(host);
        Assert.Equal(recipients, host.Ledger.Messages.Count);
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    public static TheoryData<string, string> UnreadableReads
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string fault in UnreadableFaults)
            {
                data.Add("synqtel", fault);
                data.Add("qserve", fault);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(UnreadableReads))]
    public async Task R8_UnreadableBalance_InvalidResponseNotRetried(string provider, string fault)
    {
        await using SdkTestHost host = await StartAsync();
        ISmsGateway gateway = host.Inject(provider, SimulatorFaults.AnyEndpoint, Fault(fault));

        SmsGatewayException ex = await FailsAsync(() => gateway.GetBalanceAsync());

        Assert.Equal((SmsErrorCode.InvalidResponse, false), (ex.Error, ex.MayHaveBeenSent));
        AssertOneRequestNotRetried(host);
    }

    // R9: one send, four outcomes: accepted, refused by the provider (DND; a blocked network), refused by the SDK (not a number).
    [Fact]
    public async Task R9_MixedRecipients_PartialResultOnlyTheValidOnesAccepted()
    {
        const string dndNumber = "0710000001";
        const string airtelNumber = "0733444555";
        await using SdkTestHost host = await StartAsync(s => s.Simulator = o =>
        {
            o.DndNumbers.Add(dndNumber);
            o.BlockedNetworks.Add(MobileNetwork.Airtel);
        });
        var message = new SmsMessage([Number, dndNumber, "0722-NOT-A-NUMBER", airtelNumber, OtherNumber], Text);

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        Assert.Equal((2, 3, false), (result.AcceptedCount, result.RejectedCount, result.IsSuccess));
        Assert.Equal(
            [SmsErrorCode.None, SmsErrorCode.DoNotDisturb, SmsErrorCode.InvalidPhoneNumber, SmsErrorCode.NetworkNotAllowed, SmsErrorCode.None],
            result.Recipients.Select(r => r.Status.Error));
        Assert.Equal(["1", "13", "sdk:invalid-number", "3", "1"], result.Recipients.Select(r => r.Status.Code)); // schedule_status as sent
        Assert.Equal(["+254711222333", "+254722310558"], host.Ledger.Messages.Select(m => m.Mobile).Order());
        Assert.Single(host.Ledger.Requests);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // R9 across requests: one of three chunks is lost after processing. The other two are reported accepted, the lost
    // one "may have been sent", and nothing is sent again.
    [Fact]
    public async Task R9_OneChunkLostAfterProcessing_OthersAcceptedNothingResent()
    {
        await using SdkTestHost host = await StartAsync(s => s.Synqtel = o => o.MaxMessagesPerRequest = 3);
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendmultiple", SimulatorFault.AbortAfterReadingRequest());
        var message = new SmsMessage(Numbers(9), Text);

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        Assert.Equal(6, result.AcceptedCount);
        List<SmsRecipientResult> lost = [.. result.Recipients.Where(r => !r.IsAccepted)];
        Assert.Equal(3, lost.Count);
        Assert.All(lost, r => Assert.Equal((SmsErrorCode.Transport, true), (r.Status.Error, r.Status.MayHaveBeenSent)));
        int abortedRequest = Assert.Single(host.Ledger.Requests, r => r.Outcome == SimulatorRequestOutcome.Aborted).Index;
        Assert.Equal(lost.Select(r => r.PhoneNumber).Order(), host.Ledger.Messages.Where(m => m.RequestIndex == abortedRequest).Select(m => m.Mobile).Order());
        Assert.Equal(3, host.Ledger.Requests.Count);
        Assert.Equal(9, host.Ledger.Messages.Count);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // R9 across requests: a chunk refused with 503 (nothing accepted) is retried alone; the accepted chunks are not resent.
    [Fact]
    public async Task R9_OneChunkRefusedOnce_OnlyThatChunkRetriedEveryRecipientOnce()
    {
        await using SdkTestHost host = await StartAsync(s => s.Synqtel = o => o.MaxMessagesPerRequest = 3);
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendmultiple", SimulatorFault.Status(503, "Service Unavailable"));
        var message = new SmsMessage(Numbers(9), Text);

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        Assert.True(result.IsSuccess);
        Assert.Equal(4, host.Ledger.Requests.Count);
        Assert.Equal([0, 3, 3, 3], host.ChunkSizes());
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // R9 across requests: the credits cover one chunk of three. The simulator charges a request all or nothing, so
    // one chunk is accepted and the others are refused (1004): reported not sent, and indeed not sent.
    [Fact]
    public async Task R9_CreditsRunOutMidBatch_OneChunkAcceptedOthersNotSent()
    {
        await using SdkTestHost host = await StartAsync(s => s.Synqtel = o => o.MaxMessagesPerRequest = 3);
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 4);
        var message = new SmsMessage(Numbers(9), Text);

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        Assert.Equal(3, result.AcceptedCount);
        Assert.All(result.Recipients.Where(r => !r.IsAccepted), r =>
            Assert.Equal((SmsErrorCode.InsufficientCredits, false), (r.Status.Error, r.Status.MayHaveBeenSent)));
        Assert.Equal(3, host.Ledger.Messages.Count);
        Assert.Equal(1, host.Sim.GetCredits(SimulatorProvider.Synqtel));
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // Not a matrix row but the retry rule's other line: a well-formed "not accepted, try later" (Synqtel 1005) is
    // retried for a send, in either endpoint's error shape, and the retry is accepted once.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task TransientProviderError1005_Send_RetriedAndAcceptedOnce(int recipients)
    {
        await using SdkTestHost host = await StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, SimulatorFault.ProviderError("1005"));
        var message = new SmsMessage(Numbers(recipients), Text);

        SmsSendResult result = await SendAsync(host.Synqtel, message);

        Assert.True(result.IsSuccess);
        Assert.Equal((2, 1), (host.Ledger.Requests.Count, host.RetriesLogged));
        Assert.Equal(recipients, host.Ledger.Messages.Count);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // R10: the caller cancels while the simulator stalls (the attempt timeout is far away).
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task R10_CallerCancelsDuringStall_OperationCanceledNoRetry(string provider)
    {
        await using SdkTestHost host = await StartAsync();
        ISmsGateway gateway = host.Inject(provider, "sendsms", SimulatorFault.Stall());
        using var cts = new CancellationTokenSource();

        Task<SmsSendResult> send = gateway.SendAsync(new SmsMessage(Number, Text), cts.Token);
        await host.Ledger.WaitForRequestsAsync(1).WaitAsync(Guard);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Guard));
        AssertOneRequestNotRetried(host);
    }

    // R11: two failed reads out of two open the circuit; calls then fail fast without a request, and after the break
    // (on the SDK's fake clock) a trial goes through and closes it.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task R11_CircuitOpensAfterRepeated503_FailsFastThenClosesAfterBreak(string provider)
    {
        var time = new FakeTimeProvider();
        await using SdkTestHost host = await StartAsync(s =>
        {
            s.Time = time;
            s.Resilience = SmallCircuit;
        });
        ISmsGateway gateway = host.Inject(provider, SimulatorFaults.AnyEndpoint, SimulatorFault.Status(503, "Service Unavailable"), count: 2);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await FailsAsync(() => gateway.GetBalanceAsync())).HttpStatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await FailsAsync(() => gateway.GetBalanceAsync())).HttpStatusCode);
        var message = new SmsMessage(Number, Text);

        SmsGatewayException open = await FailsAsync(() => gateway.SendAsync(message));
        SmsGatewayException openRead = await FailsAsync(() => gateway.GetBalanceAsync());

        Assert.Equal((SmsErrorCode.Transport, true, false), (open.Error, open.IsTransient, open.MayHaveBeenSent));
        Assert.IsType<BrokenCircuitException>(open.InnerException);
        Assert.IsType<BrokenCircuitException>(openRead.InnerException);
        Assert.Equal(2, host.Ledger.Requests.Count);
        LedgerInvariants.Hold(host.Ledger, message, open);

        time.Advance(CircuitBreak);
        SmsSendResult trial = await SendAsync(gateway, message);
        SmsBalance after = await gateway.GetBalanceAsync().WaitAsync(Guard);

        Assert.True(trial.IsSuccess);
        Assert.Equal(9_999m, after.Credits);
        Assert.Equal(4, host.Ledger.Requests.Count);
        Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 1008); // "circuit closed"
        LedgerInvariants.Hold(host.Ledger, message, trial);
    }

    // R12: 500 sends at once from many tasks, half through each provider: all complete, each accepted exactly once.
    [Fact]
    public async Task R12_FiveHundredConcurrentSends_AllCompleteEachAcceptedOnce()
    {
        await using SdkTestHost host = await StartAsync();
        SmsMessage[] messages = [.. Numbers(500).Select((n, i) => new SmsMessage(n, $"{Text} #{i}"))];

        SmsSendResult[] results = await Task.WhenAll(messages.Select((m, i) =>
            Task.Run(() => (i % 2 == 0 ? (ISmsGateway)host.Synqtel : host.Qserve).SendAsync(m)))).WaitAsync(Guard);

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(500, host.Ledger.Requests.Count);
        Assert.Equal(500, host.Ledger.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal((250, 250), (host.MessagesOf(SimulatorProvider.Synqtel).Count, host.MessagesOf(SimulatorProvider.Qserve).Count));
        Assert.Equal(10_000 - 250, host.Sim.GetCredits(SimulatorProvider.Synqtel));
        for (int i = 0; i < messages.Length; i++)
        {
            LedgerInvariants.Hold(host.Ledger, messages[i], results[i]);
        }
    }

    private static async Task<(SmsMessage Message, SmsGatewayException Failure)> SendFailsAsync(ISmsGateway gateway, int recipients = 1)
    {
        var message = new SmsMessage(Numbers(recipients), Text);
        return (message, await FailsAsync(() => gateway.SendAsync(message)));
    }

    private static void AssertOneRequestNotRetried(SdkTestHost host)
    {
        Assert.Single(host.Ledger.Requests);
        Assert.Equal(0, host.RetriesLogged);
    }
}
