using KenyaSms.Simulator;
using static KenyaSms.IntegrationTests.Sdk.SdkTestHost;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>Failover between Africa's Talking and the other providers, both ways, against the simulator.</summary>
public sealed class AfricasTalkingFailoverTests
{
    // AT refuses the key (plain-text 401: certainly nothing sent): Synqtel sends each recipient once.
    [Fact]
    public async Task SendAsync_AfricasTalkingRefusesTheKey_SynqtelSendsEachRecipientOnce()
    {
        await using SdkTestHost host = await StartAsync(s =>
        {
            s.Failover.AddRange(["africastalking", "synqtel"]);
            s.AfricasTalking = o => o.ApiKey = "wrong-key-0123456789abcdef";
        });
        var message = new SmsMessage([Number, OtherNumber], "Failover from AT");

        SmsSendResult result = await SendAsync(host.Default, message);

        Assert.True(result.IsSuccess);
        Assert.Equal("synqtel", result.Provider);
        Assert.All(host.Ledger.Messages, m => Assert.Equal(SimulatorProvider.Synqtel, m.Provider));
        Assert.Equal(2, host.Ledger.Messages.Count);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // Synqtel out of credits (certainly nothing sent): Africa's Talking sends, with its own ids and costs.
    [Fact]
    public async Task SendAsync_SynqtelLowCredits_AfricasTalkingSendsEachRecipientOnce()
    {
        await using SdkTestHost host = await StartAsync(s => s.Failover.AddRange(["synqtel", "africastalking"]));
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 0);
        var message = new SmsMessage([Number, OtherNumber], "Failover to AT");

        SmsSendResult result = await SendAsync(host.Default, message);

        Assert.True(result.IsSuccess);
        Assert.Equal("africastalking", result.Provider);
        Assert.All(result.Recipients, r => Assert.StartsWith("ATXid_", r.MessageId, StringComparison.Ordinal));
        Assert.All(host.Ledger.Messages, m => Assert.Equal(SimulatorProvider.AfricasTalking, m.Provider));
        Assert.Equal(2, host.Ledger.Messages.Count);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // AT's request may have gone out (connection reset after the body): the chain stops, nobody gets the text twice.
    [Fact]
    public async Task SendAsync_AfricasTalkingMayHaveSent_ThrowsMayHaveBeenSentSynqtelNeverCalled()
    {
        await using SdkTestHost host = await StartAsync(s => s.Failover.AddRange(["africastalking", "synqtel"]));
        host.Sim.Faults.Inject(SimulatorProvider.AfricasTalking, SimulatorFaults.AnyEndpoint, SimulatorFault.AbortAfterReadingRequest(), count: 100);
        var message = new SmsMessage(Number, "Maybe sent");

        SmsGatewayException ex = await FailsAsync(() => host.Default.SendAsync(message));

        Assert.True(ex.MayHaveBeenSent);
        Assert.DoesNotContain(host.Ledger.Requests, r => r.Provider == SimulatorProvider.Synqtel);
        LedgerInvariants.Hold(host.Ledger, message, ex);
    }
}
