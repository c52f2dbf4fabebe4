using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;
using static KenyaSms.IntegrationTests.Sdk.SdkTestHost;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>
/// KenyaSmsOptions.Failover = ["synqtel", "qserve"] against the simulator: a Synqtel failure that certainly sent
/// nothing moves the send to 254sms; one that may have sent stops the chain, so nobody gets the text twice.
/// </summary>
public sealed class FailoverSdkTests
{
    private static readonly string[] Failures = ["wrong-key", "503", "429-beyond-budget", "low-credits", "1005"];

    private static readonly string[] AmbiguousFaults = ["abort", "bad-gateway", "stall", "malformed-json", "truncated-json", "empty-body"];

    public static TheoryData<string, int> CertainlyNotSent => Cross(Failures);

    public static TheoryData<string, int> MayHaveBeenSent => Cross(AmbiguousFaults);

    [Theory]
    [MemberData(nameof(CertainlyNotSent))]
    public async Task SendAsync_SynqtelCertainlyNotSent_QserveSendsEachRecipientOnce(string failure, int recipients)
    {
        await using SdkTestHost host = await StartFailoverAsync(s =>
        {
            if (failure == "wrong-key")
            {
                s.Synqtel = o => o.ApiKey = new string('0', 64);
            }
        });
        switch (failure)
        {
            case "503":
                host.Sim.Faults.Inject(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, SimulatorFault.Status(503, "Service Unavailable"), count: 100);
                break;
            case "429-beyond-budget":
                host.Sim.Faults.Inject(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, SimulatorFault.TooManyRequests(3600));
                break;
            case "1005":
                host.Sim.Faults.Inject(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, SimulatorFault.ProviderError("1005"), count: 100);
                break;
            case "low-credits":
                host.Sim.SetCredits(SimulatorProvider.Synqtel, 0);
                break;
        }

        SmsMessage message = Message(recipients);

        SmsSendResult result = await SendAsync(host.Default, message);

        Assert.Equal(("qserve", true), (result.Provider, result.IsSuccess));
        Assert.Empty(host.MessagesOf(SimulatorProvider.Synqtel));
        Assert.Equal(message.To.Select(E164).Order(), host.MessagesOf(SimulatorProvider.Qserve).Select(m => m.Mobile).Order());
        Assert.Single(host.RequestsOf(SimulatorProvider.Qserve));
        Assert.Equal(failure is "503" or "1005" ? 4 : 1, host.RequestsOf(SimulatorProvider.Synqtel).Count); // transient: retried, then the move
        Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 1009); // "failing over"
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    [Theory]
    [MemberData(nameof(MayHaveBeenSent))]
    public async Task SendAsync_SynqtelMayHaveSent_ThrowsMayHaveBeenSentQserveNeverCalled(string fault, int recipients)
    {
        await using SdkTestHost host = await StartFailoverAsync(s => s.Resilience = ShortAttempts);
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, Fault(fault));
        SmsMessage message = Message(recipients);

        SmsGatewayException ex = await FailsAsync(() => host.Default.SendAsync(message));

        Assert.Equal(("synqtel", true), (ex.Provider, ex.MayHaveBeenSent));
        Assert.Empty(host.RequestsOf(SimulatorProvider.Qserve));
        Assert.Single(host.RequestsOf(SimulatorProvider.Synqtel));
        // The processed fault accepted the text before the answer was lost: "may have been sent" was the truth.
        Assert.Equal(message.To.Select(E164).Order(), host.MessagesOf(SimulatorProvider.Synqtel).Select(m => m.Mobile).Order());
        Assert.DoesNotContain(host.Logs.GetSnapshot(), e => e.Id.Id == 1009);
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }

    [Fact]
    public async Task GetBalanceAsync_SynqtelRefusesTheKey_QserveBalance()
    {
        await using SdkTestHost host = await StartFailoverAsync(s => s.Synqtel = o => o.ApiKey = new string('0', 64));
        host.Sim.SetCredits(SimulatorProvider.Qserve, 77);

        SmsBalance balance = await host.Default.GetBalanceAsync().WaitAsync(Guard);

        Assert.Equal(new SmsBalance("qserve", 77m), balance);
        Assert.Equal(["getbalance", "credits"], host.Ledger.Requests.Select(r => r.Endpoint));
    }

    // Synqtel answers normally: Qserve is never asked.
    [Fact]
    public async Task SendAsync_SynqtelAccepts_QserveNeverCalled()
    {
        await using SdkTestHost host = await StartFailoverAsync();
        SmsMessage message = Message(2);

        SmsSendResult result = await SendAsync(host.Default, message);

        Assert.Equal(("synqtel", 2), (result.Provider, result.AcceptedCount));
        Assert.Empty(host.RequestsOf(SimulatorProvider.Qserve));
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // An open Synqtel circuit never let the send out: Qserve sends it.
    [Fact]
    public async Task SendAsync_SynqtelCircuitOpen_QserveSends()
    {
        await using SdkTestHost host = await StartFailoverAsync(s =>
        {
            s.Resilience = SmallCircuit;
            s.Time = new FakeTimeProvider(); // the break never ends on its own
        });
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "getbalance", SimulatorFault.Status(503, "Service Unavailable"), count: 2);
        await FailsAsync(() => host.Synqtel.GetBalanceAsync());
        await FailsAsync(() => host.Synqtel.GetBalanceAsync());
        SmsMessage message = Message(2);

        SmsSendResult result = await SendAsync(host.Default, message);

        Assert.Equal(("qserve", true), (result.Provider, result.IsSuccess));
        Assert.Equal(2, host.RequestsOf(SimulatorProvider.Synqtel).Count); // the two reads that opened it, no send
        Assert.Equal(2, host.MessagesOf(SimulatorProvider.Qserve).Count);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // The caller's cancellation is not a provider failure: it ends the chain.
    [Fact]
    public async Task SendAsync_CallerCancelsDuringSynqtelStall_OperationCanceledQserveNeverCalled()
    {
        await using SdkTestHost host = await StartFailoverAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, SimulatorFault.Stall());
        using var cts = new CancellationTokenSource();

        Task<SmsSendResult> send = host.Default.SendAsync(Message(1), cts.Token);
        await host.Ledger.WaitForRequestsAsync(1).WaitAsync(Guard);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Guard));
        Assert.Empty(host.RequestsOf(SimulatorProvider.Qserve));
        Assert.Single(host.RequestsOf(SimulatorProvider.Synqtel));
    }

    // The reported case: Synqtel out of credit (1004), 254sms limited to 2 segments, a 400-character text (3 segments).
    // The chain refuses it before any request, naming 254sms and its limit; before, Synqtel got a request and then
    // 254sms threw ArgumentException, which a job takes for bad input and drops.
    [Theory]
    [MemberData(nameof(RecipientCounts))]
    public async Task SendAsync_TextTooLongForQserve_ArgumentExceptionBeforeAnyRequest(int recipients)
    {
        await using SdkTestHost host = await StartFailoverAsync(s => s.Qserve = o => o.MaxSegments = 2);
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 0);
        var message = new SmsMessage(recipients == 1 ? [Number] : [Number, OtherNumber], new string('a', 400));

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Default.SendAsync(message).WaitAsync(Guard));

        Assert.Equal("message", ex.ParamName);
        Assert.Contains("too long for qserve: it needs 3 segments", ex.Message, StringComparison.Ordinal);
        Assert.Empty(host.Ledger.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_OneTextTooLongForQserve_ArgumentExceptionBeforeAnyRequest()
    {
        await using SdkTestHost host = await StartFailoverAsync(s => s.Qserve = o => o.MaxSegments = 2);
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 0);
        SmsMessage[] batch = [new(Number, "Short one"), new(OtherNumber, new string('a', 400))];

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Default.SendBatchAsync(batch).WaitAsync(Guard));

        Assert.Equal("messages[1]", ex.ParamName);
        Assert.Contains("qserve", ex.Message, StringComparison.Ordinal);
        Assert.Empty(host.Ledger.Requests);
    }

    public static TheoryData<int> RecipientCounts => [1, 2];

    // One recipient goes through sendsms, two through sendmultiple.
    private static SmsMessage Message(int recipients) =>
        new(recipients == 1 ? [Number] : [Number, OtherNumber], "Your parcel is at the depot");

    private static TheoryData<string, int> Cross(string[] names)
    {
        var data = new TheoryData<string, int>();
        foreach (string name in names)
        {
            data.Add(name, 1);
            data.Add(name, 2);
        }

        return data;
    }
}
