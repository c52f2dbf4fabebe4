namespace KenyaSms.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task Help_ListsTheCommandsSettingsAndExitCodes()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (string command in new[] { "validate", "segments", "balance", "send", "simulate" })
        {
            Assert.Contains("  " + command, run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("KenyaSms__Synqtel__ApiKey", run.Out, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 ok; 1 some recipients or rows not accepted; 2 bad input or usage; 3 configuration or credentials;", run.Out, StringComparison.Ordinal);
        Assert.Contains("4 gateway or network failure; 5 missing file", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_OfSend_ListsItsOptions()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("send", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (string option in new[] { "--to", "--text", "--csv", "--template", "--phone-column", "--results", "--sender", "--dry-run", "--provider", "--config" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_NoArguments_PrintsTheHelpAndExitsTwo()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("  send", run.Out, StringComparison.Ordinal);
        Assert.Contains("KenyaSms__Synqtel__ApiKey", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", run.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sendd")]
    [InlineData("balance", "extra")]
    [InlineData("segments", "hi", "--recipients")]
    public async Task Run_BadUsage_ExitsTwoPointingAtHelp(params string[] args)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help' for the options.", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }
}
