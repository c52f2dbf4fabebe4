using KenyaSms.Simulator;
using static KenyaSms.IntegrationTests.Sdk.SdkTestHost;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>What both adapters must do alike, proved on the simulator's side of the wire.</summary>
public sealed class SmsGatewaySdkTests
{
    public static TheoryData<string> Providers => ["synqtel", "qserve"];

    // V3 over real HTTP: the provider parses exactly the text the caller gave, whatever JSON or SMS would make of it.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_TrickyText_ProviderGetsExactlyThatText(string provider)
    {
        await using SdkTestHost host = await StartAsync();
        const string text = "Habari \"Wanjiku\" \\ C:\\path\nline 2\ttab 😀 {\"api_key\":\"x\"} </script> مرحبا";
        var message = new SmsMessage(Number, text);

        SmsSendResult result = await SendAsync(host.Target(provider).Gateway, message);

        Assert.True(result.IsSuccess);
        Assert.Equal(text, Assert.Single(host.Ledger.Messages).Text);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // One number typed three ways is one recipient: sent once, and every entry of the result says so.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_SameNumberThreeWays_SentOnceEveryEntryAccepted(string provider)
    {
        await using SdkTestHost host = await StartAsync();
        var message = new SmsMessage(["0722310558", "+254722310558", "254722310558"], "Once is enough");

        SmsSendResult result = await SendAsync(host.Target(provider).Gateway, message);

        Assert.Equal(3, result.AcceptedCount);
        SimulatorMessage sent = Assert.Single(host.Ledger.Messages);
        Assert.All(result.Recipients, r => Assert.Equal(("+254722310558", provider == "synqtel" ? sent.MessageId : null), (r.PhoneNumber, r.MessageId)));
        LedgerInvariants.Hold(host.Ledger, message, result);
    }

    // 71 UCS-2 characters are two segments: two credits per recipient, on the simulator's books and in the result.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_UnicodeTwoSegments_ChargedTwoCreditsPerRecipient(string provider)
    {
        await using SdkTestHost host = await StartAsync();
        (ISmsGateway gateway, SimulatorProvider side) = host.Target(provider);
        var message = new SmsMessage([Number, OtherNumber], new string('Д', 71));

        SmsSendResult result = await SendAsync(gateway, message);

        Assert.True(result.IsSuccess);
        Assert.All(host.Ledger.Messages, m => Assert.Equal(2, m.Segments));
        Assert.Equal(10_000 - 4, host.Sim.GetCredits(side));
        Assert.Equal(10_000 - 4, result.CreditBalance);
        LedgerInvariants.Hold(host.Ledger, message, result);
    }
}
