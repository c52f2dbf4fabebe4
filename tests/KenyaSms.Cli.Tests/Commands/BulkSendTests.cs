using KenyaSms.Simulator;

namespace KenyaSms.Cli.Tests.Commands;

/// <summary><c>send --csv ... --template ...</c> against the simulator.</summary>
public sealed class BulkSendTests
{
    private const string Template = "Habari {name}, your balance is KES {balance}.";

    private const string Csv = """
        name,phone,balance
        Wanjiku,0722 123 456,1250
        Otieno,+254733123456,980
        Akinyi,0110-123-456,4300
        """;

    private static readonly string[] ResultsHeader = ["line,phone,status,message_id,client_reference,error,code,description,may_have_been_sent"];

    [Fact]
    public async Task Bulk_EveryRowValid_SendsOnePersonalisedMessageEachAndWritesResults()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", Csv);

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", Template, "--results", "out.csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [("+254722123456", "Habari Wanjiku, your balance is KES 1250."), ("+254733123456", "Habari Otieno, your balance is KES 980."), ("+254110123456", "Habari Akinyi, your balance is KES 4300.")],
            host.Sim.Ledger.Messages.Select(m => (m.Mobile, m.Text)).OrderBy(m => m.Text, StringComparer.Ordinal).Reverse().ToArray());
        Assert.Single(host.Sim.Ledger.Requests, r => r.Endpoint == "sendmultiple");
        string[] results = host.ReadLines("out.csv");
        Assert.Equal(ResultsHeader, results[..1]);
        Assert.Equal(4, results.Length);
        foreach ((string line, string mobile, int index) in new[] { ("2", "+254722123456", 1), ("3", "+254733123456", 2), ("4", "+254110123456", 3) })
        {
            string id = host.Sim.Ledger.Messages.Single(m => m.Mobile == mobile).MessageId;
            Assert.StartsWith($"{line},{mobile},accepted,{id},", results[index], StringComparison.Ordinal);
            Assert.EndsWith(",true", results[index], StringComparison.Ordinal);
        }

        Assert.Contains("Progress    3 of 3 messages: 3 accepted, 0 not accepted", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"accepted\s+-\s+3", run.Out);
        Assert.Contains("Accepted    3 of 3 rows, 3 segments (credits)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Results written to " + Path.Combine(host.Folder, "out.csv"), run.Out, StringComparison.Ordinal);
        CliTestHost.AssertNoKeys(run);
    }

    [Fact]
    public async Task Bulk_BadRows_ReportedSkippedAndInTheResults()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", """
            name,phone,balance
            Wanjiku,0722123456,1250
            Short row,0733123456
            Juma,0020 123 4567,2500
            Nobody,,10
            Wanjiku,+254 722 123 456,1250
            Chebet,0768111222,3100

            """);

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", Template, "--results", "out.csv");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["+254722123456", "+254768111222"], host.Sim.Ledger.Messages.Select(m => m.Mobile).Order());
        string[] results = host.ReadLines("out.csv");
        Assert.Equal(7, results.Length);
        Assert.StartsWith("2,+254722123456,accepted,", results[1], StringComparison.Ordinal);
        Assert.Equal("3,0733123456,skipped,,,BadRow,,\"expected 3 fields, found 2\",false", results[2]);
        Assert.Equal("4,0020 123 4567,rejected,,,InvalidPhoneNumber,sdk:invalid-number,Not a valid Kenyan mobile number; not sent.,false", results[3]);
        Assert.Equal("5,,skipped,,,BadRow,,no phone number,false", results[4]);
        Assert.Equal("6,+254722123456,skipped,,,Duplicate,,the same text to the same number as line 2,false", results[5]);
        Assert.StartsWith("7,+254768111222,accepted,", results[6], StringComparison.Ordinal);
        Assert.Matches(@"skipped\s+BadRow\s+2", run.Out);
        Assert.Matches(@"rejected\s+InvalidPhoneNumber\s+1", run.Out);
        Assert.Matches(@"4\s+0020 123 4567\s+rejected\s+InvalidPhoneNumber", run.Out);
    }

    [Fact]
    public async Task Bulk_DryRun_PreviewsWithoutAnyRequestOrResultsFile()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", Csv + "\nJuma,12345,1\n");

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", Template, "--results", "out.csv", "--dry-run");

        Assert.Equal(1, run.ExitCode); // one row would be rejected
        Assert.Empty(host.Sim.Ledger.Requests);
        Assert.False(File.Exists(Path.Combine(host.Folder, "out.csv")));
        Assert.Contains("Messages    3 would be sent, 1 rejected (not a valid Kenyan mobile number), 0 skipped", run.Out, StringComparison.Ordinal);
        Assert.Contains("Credits     3", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"3\s+\+254733123456\s+Airtel\s+1\s+Habari Otieno, your balance is KES 980\.", run.Out);
        Assert.Matches(@"5\s+12345\s+rejected\s+not a valid Kenyan mobile number", run.Out);
        Assert.Contains("Dry run: nothing was sent.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_MissingFile_ExitsFiveEvenWithoutConfiguration()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("send", "--csv", "missing.csv", "--template", "Habari {name}");

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("missing.csv' does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_PlaceholderNotInTheHeader_ExitsTwoNamingIt()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", Csv);

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", "Habari {first_name}, {balance}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("{first_name}", run.Error, StringComparison.Ordinal);
        Assert.Contains("Its columns: name, phone, balance", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Bulk_NoPhoneColumn_ExitsTwo_AndPhoneColumnOptionNamesAnother()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", "name;msisdn\n\"Otieno; Jr\";254733123456\n");

        CliRun missing = await host.RunAsync("send", "--csv", "r.csv", "--template", "Habari {name}");
        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", "Habari {name}", "--phone-column", "MSISDN", "--results", "out.csv");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no 'phone' column", missing.Error, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
        SimulatorMessage message = Assert.Single(host.Sim.Ledger.Messages);
        Assert.Equal(("+254733123456", "Habari Otieno; Jr"), (message.Mobile, message.Text)); // semicolons detected, quotes honoured
    }

    [Fact]
    public async Task Bulk_EmptyFile_ExitsTwo()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", "");

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", "Habari {name}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is empty", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_TextTooLongForOneRow_OnlyThatRowSkipped()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", $"name,phone\nWanjiku,0722123456\n{new string('x', 153 * 6)},0733123456\n");

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", "Habari {name}", "--results", "out.csv");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("+254722123456", Assert.Single(host.Sim.Ledger.Messages).Mobile);
        Assert.StartsWith("3,+254733123456,skipped,,,TooLong,,the personalised text needs 7 segments", host.ReadLines("out.csv")[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_RequestFailsMidway_StopsAndMarksTheRestNotSent()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", "name,phone\na,0722000001\nb,0722000002\nc,0722000003\nd,0722000004\ne,0722000005\n");
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 2); // the first batch of two uses them up

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", "Hi {name}", "--batch-size", "2", "--results", "out.csv");

        Assert.Equal(4, run.ExitCode);
        Assert.Equal(["+254722000001", "+254722000002"], host.Sim.Ledger.Messages.Select(m => m.Mobile).Order());
        Assert.Equal(2, host.Sim.Ledger.Requests.Count); // nothing after the failed request
        string[] results = host.ReadLines("out.csv");
        Assert.StartsWith("4,+254722000003,not-sent,,,InsufficientCredits,", results[3], StringComparison.Ordinal);
        Assert.EndsWith(",false", results[3], StringComparison.Ordinal);
        Assert.StartsWith("6,+254722000005,not-sent,,,NotAttempted,,not attempted: the send stopped at line 5 (InsufficientCredits),false", results[5], StringComparison.Ordinal);
        Assert.Contains("Progress    2 of 5 messages: 2 accepted, 0 not accepted", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"not-sent\s+InsufficientCredits\s+2", run.Out);
        Assert.Contains("The message was not sent.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_AmbiguousFailure_MarksRowsUncertain()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", "name,phone\na,0722000001\nb,0722000002\nc,0722000003\n");
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendmultiple", SimulatorFault.BadGateway());

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", "Hi {name}", "--batch-size", "2", "--results", "out.csv");

        Assert.Equal(4, run.ExitCode);
        string[] results = host.ReadLines("out.csv");
        Assert.StartsWith("2,+254722000001,uncertain,,,Transport,", results[1], StringComparison.Ordinal); // a 502 is a transport failure
        Assert.EndsWith(",true", results[1], StringComparison.Ordinal);
        Assert.StartsWith("4,+254722000003,not-sent,,,NotAttempted,", results[3], StringComparison.Ordinal);
        Assert.Contains("MAY HAVE BEEN SENT", run.Out, StringComparison.Ordinal);
        Assert.Single(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Bulk_WrongApiKey_ExitsThreeAndEveryRowNotSent()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", Csv);
        host.Environment["KenyaSms__Synqtel__ApiKey"] = "wrong-key-1234";

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", Template, "--results", "out.csv");

        Assert.Equal(3, run.ExitCode);
        Assert.Empty(host.Sim.Ledger.Messages);
        Assert.All(host.ReadLines("out.csv")[1..], line => Assert.Contains(",not-sent,", line, StringComparison.Ordinal));
        Assert.DoesNotContain("wrong-key-1234", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_NoResultsOption_WritesThemBesideTheInput()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        Directory.CreateDirectory(Path.Combine(host.Folder, "lists"));
        host.WriteFile("lists/march.csv", Csv);

        CliRun run = await host.RunAsync("send", "--csv", "lists/march.csv", "--template", Template);

        Assert.Equal(0, run.ExitCode);
        string written = Assert.Single(Directory.GetFiles(Path.Combine(host.Folder, "lists"), "march-results-*.csv"));
        Assert.Equal(4, File.ReadAllLines(written).Length);
        Assert.Contains("Results written to " + written, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_ResultsFolderMissing_ExitsFiveBeforeSending()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", Csv);

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", Template, "--results", "no/such/folder/out.csv");

        Assert.Equal(5, run.ExitCode);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Bulk_Qserve_SendsEachPersonalisedMessage()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", Csv);

        CliRun run = await host.RunAsync("send", "--csv", "r.csv", "--template", Template, "--provider", "qserve", "--results", "out.csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, host.Sim.Ledger.Messages.Count(m => m.Provider == SimulatorProvider.Qserve && m.Text.StartsWith("Habari ", StringComparison.Ordinal)));
        CliTestHost.AssertNoKeys(run);
    }

    [Fact]
    public async Task Bulk_InteractiveConsole_ProgressBarThenSummary()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", Csv);

        CliRun run = await host.RunAsync(["send", "--csv", "r.csv", "--template", Template, "--results", "out.csv", "--batch-size", "1"], interactive: true, CancellationToken.None);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, host.Sim.Ledger.Messages.Count);
        Assert.DoesNotContain("Progress    1 of 3", run.Out, StringComparison.Ordinal); // the bar, not the lines
        Assert.Matches(@"accepted\s+-\s+3", run.Out);
    }

    [Fact]
    public async Task Bulk_CancelledWhileARequestIsUnderWay_WritesResultsAndExits130()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("r.csv", Csv);
        host.Sim.Faults.Inject(SimulatorProvider.Synqtel, "sendmultiple", SimulatorFault.Stall());
        using var cancel = new CancellationTokenSource();

        Task<CliRun> running = host.RunAsync(["send", "--csv", "r.csv", "--template", Template, "--results", "out.csv", "--batch-size", "2"], interactive: false, cancel.Token);
        await host.Sim.Ledger.WaitForRequestsAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        CliRun run = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(130, run.ExitCode);
        string[] results = host.ReadLines("out.csv");
        Assert.StartsWith("2,+254722123456,uncertain,,,Cancelled,", results[1], StringComparison.Ordinal);
        Assert.EndsWith(",true", results[1], StringComparison.Ordinal);
        Assert.StartsWith("4,+254110123456,not-sent,,,NotAttempted,", results[3], StringComparison.Ordinal);
        Assert.Contains("cancelled", run.Error, StringComparison.Ordinal);
    }
}
