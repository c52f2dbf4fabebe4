using KenyaSms.Simulator;

namespace KenyaSms.Cli.Tests.Commands;

/// <summary>What newcomers tripped over in the CLI (issues 16.14, 17.4, 17.5): counts that are true, names they use, hints.</summary>
public sealed class NewcomerFindingsTests
{
    [Fact]
    public async Task Bulk_InvalidNumber_IsNotCountedAsSent()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", "name,phone\nA,0722000001\nB,12345\nC,0722000003\n");

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", "Hi {name}", "--results", "out.csv");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, host.Sim.Ledger.Messages.Count);
        Assert.Contains("Progress    3 of 3 messages: 2 accepted, 1 not accepted", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Sent 3 of 3", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_ReferenceColumn_IsEachMessagesClientReference()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", "member,name,phone\nM-001,A,0722000001\nM-002,B,0722000002\n,C,12345\n");

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", "Hi {name}", "--reference-column", "member", "--results", "out.csv");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([("+254722000001", "M-001"), ("+254722000002", "M-002")],
            host.Sim.Ledger.Messages.Select(m => (m.Mobile, m.ClientReference)).OrderBy(m => m.Mobile, StringComparer.Ordinal));
        string[] results = host.ReadLines("out.csv");
        Assert.StartsWith("2,+254722000001,accepted,", results[1], StringComparison.Ordinal);
        Assert.Contains(",M-001,", results[1], StringComparison.Ordinal);
        Assert.Contains(",M-002,", results[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_ReferenceColumnMissing_ExitsTwoNamingItBeforeSending()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", "name,phone\nA,0722000001\n");

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", "Hi {name}", "--reference-column", "member");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no 'member' column for the client references (--reference-column", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Send_SameNumberTwoWays_SecondIsADuplicateOfTheFirstCountedOnce()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722 123 456", "--to", "+254722123456", "--text", "hi");

        Assert.Equal(0, run.ExitCode);
        SimulatorMessage sent = Assert.Single(host.Sim.Ledger.Messages);
        Assert.Matches(@"1\s+0722 123 456\s+\+254722123456\s+Safaricom\s+accepted\s+" + sent.MessageId, run.Out);
        Assert.Matches(@"2\s+\+254722123456\s+\+254722123456\s+Safaricom\s+duplicate of #1\s*\n", run.Out);
        Assert.Contains("synqtel: 1 accepted, 0 not accepted (1 duplicate sent once)", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Karibu Nairobi 😀!!", 18)]       // 19 UTF-16 units
    [InlineData("Habari 👨‍👩‍👧", 8)]            // a family emoji: 5 code points, 8 UTF-16 units, one character
    public async Task Segments_CountsCharactersAsPeopleDo(string text, int characters)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("segments", text);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Characters  {characters}\n", run.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("254sms")]
    [InlineData("254SMS")]
    [InlineData("qserve")]
    public async Task Provider_254sms_IsQserve(string name)
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun send = await host.RunAsync("send", "--to", "0722123456", "--text", "hi", "--provider", name);
        CliRun balance = await host.RunAsync("balance", "--provider", name);

        Assert.Equal(0, send.ExitCode);
        Assert.Equal(SimulatorProvider.Qserve, Assert.Single(host.Sim.Ledger.Messages).Provider);
        Assert.Equal(0, balance.ExitCode);
    }

    [Fact]
    public async Task Send_TooLongForOneProvider_SaysItAllowsAtMostSix()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--text", new string('a', 7 * 153), "--provider", "synqtel");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("synqtel allows at most 6.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "send", "--to", "0722123456", "--template", "Hi {name}" }, "--template is for a personalised send from a CSV file: --csv <file>")]
    [InlineData(new[] { "send", "--template", "Hi {name}" }, "--template needs --csv <file>")]
    public async Task Send_TemplateWithoutCsv_HintsAtCsv(string[] args, string hint)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(hint, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_BrokenJson_SaysTheLineAndPosition()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        string file = host.WriteFile("settings.json", "{\n  \"KenyaSms\": {\n    \"Synqtel\": { \"SenderName\": \"MYCO\",, }\n  }\n}\n");

        CliRun run = await host.RunAsync("balance", "--config", file);

        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"not valid JSON at line 3, position \d+: ", run.Error);
    }

    [Fact]
    public async Task PipedTables_HaveNoTrailingSpaces()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--to", "12345", "--text", "hi");

        Assert.Equal(1, run.ExitCode);
        string[] lines = run.Out.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(lines, l => l.Contains("InvalidPhoneNumber", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.EndsWith(' '));
    }
}
