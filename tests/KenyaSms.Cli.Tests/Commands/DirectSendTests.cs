using KenyaSms.Simulator;

namespace KenyaSms.Cli.Tests.Commands;

/// <summary><c>send --to ... --text ...</c> against the simulator.</summary>
public sealed class DirectSendTests
{
    [Fact]
    public async Task Send_TwoRecipients_SendsExactlyThoseAndPrintsEach()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722 123 456", "--to", "0733123456", "--text", "Test from kenyasms");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["+254722123456", "+254733123456"], host.Sim.Ledger.Messages.Select(m => m.Mobile).Order());
        Assert.All(host.Sim.Ledger.Messages, m => Assert.Equal(("Test from kenyasms", "KENYASMS", SimulatorProvider.Synqtel), (m.Text, m.Sender, m.Provider)));
        foreach (SimulatorMessage message in host.Sim.Ledger.Messages)
        {
            Assert.Contains(message.MessageId, run.Out, StringComparison.Ordinal);
        }

        Assert.Matches(@"1\s+0722 123 456\s+\+254722123456\s+Safaricom\s+accepted", run.Out);
        Assert.Matches(@"2\s+0733123456\s+\+254733123456\s+Airtel\s+accepted", run.Out);
        Assert.Contains("synqtel: 2 accepted, 0 not accepted, credit balance 9998", run.Out, StringComparison.Ordinal);
        CliTestHost.AssertNoKeys(run);
    }

    [Fact]
    public async Task Send_CommaSeparatedAndDuplicateNumbers_OneMessageEach()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722123456,+254722123456", "--to", "0110123456", "--text", "hi");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["+254110123456", "+254722123456"], host.Sim.Ledger.Messages.Select(m => m.Mobile).Order());
        Assert.Matches(@"3\s+0110123456\s+\+254110123456", run.Out);
    }

    [Fact]
    public async Task Send_OneInvalidRecipient_SendsTheOthersAndExitsOne()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--to", "12345", "--text", "hi");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("+254722123456", Assert.Single(host.Sim.Ledger.Messages).Mobile);
        Assert.Matches(@"2\s+12345\s+12345\s+Unknown\s+rejected\s+InvalidPhoneNumber \(sdk:invalid-number\)", run.Out);
    }

    [Fact]
    public async Task Send_ProviderAndSender_UsedForTheSend()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--text", "hi", "--provider", "qserve", "--sender", "MY SHOP");

        Assert.Equal(0, run.ExitCode);
        SimulatorMessage message = Assert.Single(host.Sim.Ledger.Messages);
        Assert.Equal((SimulatorProvider.Qserve, "MY SHOP"), (message.Provider, message.Sender));
        Assert.Contains("Sender      MY SHOP", run.Out, StringComparison.Ordinal);
        CliTestHost.AssertNoKeys(run);
    }

    [Fact]
    public async Task Send_DryRun_PrintsNormalisedNumbersAndCostWithoutAnyRequest()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        string text = new('a', 200); // 2 segments

        CliRun run = await host.RunAsync("send", "--to", "0722 123 456", "--to", "+254722123456", "--to", "0733123456", "--text", text, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(host.Sim.Ledger.Requests);
        Assert.Contains("Text        2 segments (GSM-7, 200 units)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"2\s+\+254722123456\s+\+254722123456\s+Safaricom\s+sent once \(duplicate\)", run.Out);
        Assert.Contains("Recipients  2 distinct valid of 3 given", run.Out, StringComparison.Ordinal);
        Assert.Contains("Credits     4 (2 segments x 2 recipients)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was sent.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_DryRunWithInvalidNumber_ExitsOneWithoutAnyRequest()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--to", "0020 123", "--text", "hi", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(host.Sim.Ledger.Requests);
        Assert.Contains("rejected: not a valid Kenyan mobile number", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dry-run")]
    [InlineData("--provider=synqtel")]
    public async Task Send_TextLongerThanSixSegments_ExitsTwoWithoutAnyRequest(string option)
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--text", new string('a', (153 * 6) + 1), option);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("needs 7 segments", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Theory]
    [InlineData("--dry-run")]
    [InlineData("--provider=qserve")]
    public async Task Send_InvalidSender_ExitsTwoWithoutAnyRequest(string option)
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--text", "hi", "--sender", "MY-SHOP-LIMITED", option);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'MY-SHOP-LIMITED' is not a valid sender ID", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Send_WrongApiKey_ExitsThreeSayingNotSent()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Environment["KenyaSms__Synqtel__ApiKey"] = "wrong-key-1234";

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--text", "hi");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("InvalidCredentials", run.Error, StringComparison.Ordinal);
        Assert.Contains("The message was not sent.", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Messages);
        Assert.DoesNotContain("wrong-key-1234", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NoCredits_ExitsFour()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 0);

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--text", "hi");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("error InsufficientCredits", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Messages);
    }

    [Fact]
    public async Task Send_BadGatewayAfterTheBodyWentOut_ExitsFourSayingItMayHaveBeenSent()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.BadGateway());

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--text", "hi");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("MAY HAVE BEEN SENT", run.Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 502", run.Error, StringComparison.Ordinal);
        Assert.Single(host.Sim.Ledger.Requests); // an ambiguous send is never retried
    }

    [Theory]
    [InlineData("send", "--to", "0722123456")]
    [InlineData("send", "--text", "hi")]
    [InlineData("send", "--to", "0722123456", "--text", "hi", "--csv", "r.csv")]
    [InlineData("send", "--to", "0722123456", "--text", "hi", "--template", "{name}")]
    [InlineData("send", "--csv", "r.csv")]
    [InlineData("send", "--csv", "r.csv", "--template", "{name}", "--text", "hi")]
    [InlineData("send", "--to", "0722123456", "--text", "hi", "--colour", "red")]
    [InlineData("send", "--to", "0722123456", "--text", "hi", "--batch-size", "0")]
    public async Task Send_BadUsage_ExitsTwoWithoutAnyRequest(params string[] args)
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("kenyasms: ", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Theory]
    [InlineData("--dry-run")]
    [InlineData("--provider=synqtel")]
    public async Task Send_WhiteSpaceText_ExitsTwoWithoutAnyRequest(string option)
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--text", "   ", option);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--text is empty or only white space", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Send_CancelledWhileTheRequestIsUnderWay_Exits130SayingItMayHaveBeenSent()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.Stall());
        using var cancel = new CancellationTokenSource();

        Task<CliRun> running = host.RunAsync(["send", "--to", "0722123456", "--text", "hi"], interactive: false, cancel.Token);
        await host.Sim.Ledger.WaitForRequestsAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        CliRun run = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("cancelled.", run.Error, StringComparison.Ordinal);
        Assert.Contains("MAY HAVE BEEN SENT", run.Error, StringComparison.Ordinal);
    }
}
