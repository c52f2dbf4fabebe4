using System.Text;
using System.Text.RegularExpressions;
using KenyaSms.Simulator;

namespace KenyaSms.Cli.Tests.Commands;

public sealed partial class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_PrintsSettingsThatWork_ThenStopsOnCtrlC()
    {
        await using CliTestHost host = CliTestHost.Offline();
        using var output = new SignallingWriter("Press Ctrl+C to stop.");
        using var stop = new CancellationTokenSource();

        Task<CliRun> simulate = CliTestHost.Run(["simulate", "--urls", "http://127.0.0.1:0"], host.Environment, host.Folder, output: output, cancellationToken: stop.Token);
        await output.Seen.WaitAsync(TimeSpan.FromSeconds(10));
        string printed = output.ToString();

        // The printed export lines are all the configuration another kenyasms needs.
        foreach (Match export in ExportLine().Matches(printed))
        {
            host.Environment[export.Groups[1].Value] = export.Groups[2].Value;
        }

        CliRun balance = await host.RunAsync("balance", "--provider", "qserve");
        CliRun send = await host.RunAsync("send", "--to", "0722123456", "--text", "hello simulator");
        await stop.CancelAsync();
        CliRun run = await simulate.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"KenyaSms simulator listening on http://127\.0\.0\.1:\d+/", printed);
        Assert.Contains($"api_key \"{SmsSimulatorOptions.DefaultQserveApiKey}\"", printed, StringComparison.Ordinal);
        Assert.Contains($"export KenyaSms__Synqtel__ApiKey={SmsSimulatorOptions.DefaultSynqtelApiKey}", printed, StringComparison.Ordinal);
        Assert.Equal(7, ExportLine().Count(printed));
        Assert.Equal(0, balance.ExitCode);
        Assert.Contains("Credits     10000", balance.Out, StringComparison.Ordinal);
        Assert.Equal(0, send.ExitCode);
        Assert.Contains("Stopped. It had accepted 1 message.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_PortInUse_ExitsTwo()
    {
        await using SmsSimulator taken = await SmsSimulator.StartAsync();
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("simulate", "--urls", taken.BaseAddress.ToString().TrimEnd('/'));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot listen on", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_DeliveryReportUrl_IsUsedAndPrinted()
    {
        await using CliTestHost host = CliTestHost.Offline();
        using var output = new SignallingWriter("Press Ctrl+C to stop.");
        using var stop = new CancellationTokenSource();

        Task<CliRun> simulate = CliTestHost.Run(["simulate", "--urls", "http://127.0.0.1:0", "--delivery-report-url", "http://127.0.0.1:9/reports"],
            host.Environment, host.Folder, output: output, cancellationToken: stop.Token);
        await output.Seen.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        CliRun run = await simulate.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Delivery reports http://127\.0\.0\.1:9/reports", output.ToString());
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("reports")]
    [InlineData("ftp://127.0.0.1/reports")]
    public async Task Simulate_BadDeliveryReportUrl_ExitsTwoNamingTheOption(string url)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("simulate", "--urls", "http://127.0.0.1:0", "--delivery-report-url", url);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--delivery-report-url must be an absolute http or https URL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_EveryInterface_PrintsWhatItBindsAndWarnsTheKeysArePublic()
    {
        await using CliTestHost host = CliTestHost.Offline();
        using var output = new SignallingWriter("Press Ctrl+C to stop.");
        using var stop = new CancellationTokenSource();

        Task<CliRun> simulate = CliTestHost.Run(["simulate", "--urls", "http://0.0.0.0:0"], host.Environment, host.Folder, output: output, cancellationToken: stop.Token);
        await output.Seen.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        CliRun run = await simulate.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"KenyaSms simulator listening on http://0\.0\.0\.0:\d+/ \(every network interface\) \(this machine reaches it at http://127\.0\.0\.1:\d+/\)", output.ToString());
        Assert.Contains("keys are public", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5254", "http://127.0.0.1:5254/", false)]
    [InlineData("http://localhost:0", "http://localhost:6000/", false)]
    [InlineData("http://0.0.0.0:5255", "http://0.0.0.0:5255/ (every network interface)", true)]
    [InlineData("http://*:5255", "http://0.0.0.0:5255/ (every network interface)", true)]
    [InlineData("http://192.168.1.20:5255", "http://192.168.1.20:5255/", true)]
    public void Bindings_SayWhatIsBoundAndWhetherOtherMachinesReachIt(string urls, string bound, bool exposed)
    {
        Assert.Equal((bound, exposed), Cli.Commands.SimulateCommand.Bindings(urls, new Uri("http://127.0.0.1:6000/")));
    }

    [GeneratedRegex(@"^\s*export (KenyaSms__\w+)=(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();

    /// <summary>A StringWriter that completes <see cref="Seen"/> once its text contains a marker.</summary>
    private sealed class SignallingWriter : StringWriter
    {
        private readonly string _marker;
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();

        public SignallingWriter(string marker) => _marker = marker;

        public Task Seen => _seen.Task;

        public override void Write(char value) => Locked(() => base.Write(value));

        public override void Write(string? value) => Locked(() => base.Write(value));

        public override void Write(char[] buffer, int index, int count) => Locked(() => base.Write(buffer, index, count));

        public override void WriteLine(string? value) => Locked(() => base.WriteLine(value));

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }

        private void Locked(Action write)
        {
            lock (_gate)
            {
                write();
                if (GetStringBuilder().ToString().Contains(_marker, StringComparison.Ordinal))
                {
                    _seen.TrySetResult();
                }
            }
        }
    }
}
