using KenyaSms.Simulator;

namespace KenyaSms.Cli.Tests.Commands;

/// <summary><c>--provider africastalking</c> through every command that talks to a provider, against the simulator.</summary>
public sealed class AfricasTalkingProviderTests
{
    private static async Task<CliTestHost> StartAsync(Action<SmsSimulatorOptions>? configure = null)
    {
        CliTestHost host = await CliTestHost.StartAsync(configure);
        host.Environment["KenyaSms__AfricasTalking__BaseAddress"] = host.Sim.AfricasTalkingBaseAddress.ToString();
        host.Environment["KenyaSms__AfricasTalking__Username"] = host.Sim.AfricasTalkingUsername;
        host.Environment["KenyaSms__AfricasTalking__ApiKey"] = host.Sim.AfricasTalkingApiKey;
        return host;
    }

    private static void AssertNoKeys(CliRun run)
    {
        CliTestHost.AssertNoKeys(run);
        Assert.DoesNotContain(SmsSimulatorOptions.DefaultAfricasTalkingApiKey, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ProviderAfricasTalking_OneFormRequestToBothNumbersPrintedWithTheirIds()
    {
        await using CliTestHost host = await StartAsync();

        CliRun run = await host.RunAsync("send", "--provider", "africastalking", "--to", "0722 123 456", "--to", "0733123456", "--text", "Habari");

        Assert.Equal(0, run.ExitCode);
        SimulatorRequest request = Assert.Single(host.Sim.Ledger.Requests);
        Assert.Equal("messaging", request.Endpoint);
        Assert.Contains("to=%2B254722123456%2C%2B254733123456", request.Body, StringComparison.Ordinal);
        Assert.All(host.Sim.Ledger.Messages, m => Assert.Equal((SimulatorProvider.AfricasTalking, "Habari"), (m.Provider, m.Text)));
        foreach (SimulatorMessage message in host.Sim.Ledger.Messages)
        {
            Assert.Contains(message.MessageId, run.Out, StringComparison.Ordinal);
        }

        Assert.Matches(@"1\s+0722 123 456\s+\+254722123456\s+Safaricom\s+accepted", run.Out);
        Assert.Contains("africastalking: 2 accepted, 0 not accepted", run.Out, StringComparison.Ordinal);
        AssertNoKeys(run);
    }

    [Fact]
    public async Task Send_ProviderAfricasTalkingDndNumber_RejectedWith409ExitsOneOthersSent()
    {
        await using CliTestHost host = await StartAsync(o => o.DndNumbers.Add("0722000001"));

        CliRun run = await host.RunAsync("send", "--provider", "africastalking", "--to", "0722000001", "--to", "0722123456", "--text", "Promo");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("+254722123456", Assert.Single(host.Sim.Ledger.Messages).Mobile);
        Assert.Matches(@"1\s+0722000001\s+\+254722000001\s+Safaricom\s+rejected\s+DoNotDisturb \(409\)", run.Out);
    }

    [Fact]
    public async Task Balance_ProviderAfricasTalking_PrintsTheMoneyBalance()
    {
        await using CliTestHost host = await StartAsync();
        host.Sim.SetBalance(SimulatorProvider.AfricasTalking, 985.6m);

        CliRun run = await host.RunAsync("balance", "--provider", "africastalking");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Provider    africastalking", run.Out, StringComparison.Ordinal);
        Assert.Contains("Balance     KES 985.6", run.Out, StringComparison.Ordinal);
        Assert.Equal("GET", Assert.Single(host.Sim.Ledger.Requests).Method);
        AssertNoKeys(run);
    }

    [Fact]
    public async Task Send_DryRunProviderAfricasTalking_CountsWithoutAnyRequest()
    {
        await using CliTestHost host = await StartAsync();

        CliRun run = await host.RunAsync("send", "--provider", "africastalking", "--to", "0722123456", "--to", "0733123456", "--text", new string('a', 200), "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(host.Sim.Ledger.Requests);
        Assert.Contains("Recipients  2 distinct valid of 2 given", run.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was sent.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ProviderAfricasTalkingNotConfigured_ExitsThreeNamingTheSettingsWithoutAnyRequest()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--provider", "africastalking", "--to", "0722123456", "--text", "hi");

        Assert.Equal(3, run.ExitCode); // configuration
        Assert.Contains("AfricasTalking", run.All, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Send_ProviderAfricasTalkingWrongKey_ExitsThreeSayingNotSentWithoutPrintingTheKey()
    {
        const string WrongKey = "atsk_not_the_key_0123456789abcdef";
        await using CliTestHost host = await StartAsync();
        host.Environment["KenyaSms__AfricasTalking__ApiKey"] = WrongKey;

        CliRun run = await host.RunAsync("send", "--provider", "africastalking", "--to", "0722123456", "--text", "hi");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("InvalidCredentials", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, run.All, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Messages);
    }
}
