using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.Cli.Tests.Commands;

public sealed class BalanceCommandTests
{
    [Fact]
    public async Task Balance_WithProvider_PrintsProviderAndCredits()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 1234);

        CliRun run = await host.RunAsync("balance", "--provider", "synqtel");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Provider    synqtel", run.Out, StringComparison.Ordinal);
        Assert.Contains("Credits     1234", run.Out, StringComparison.Ordinal);
        Assert.Single(host.Sim.Ledger.Requests, r => r.Endpoint == "getbalance");
        CliTestHost.AssertNoKeys(run);
    }

    [Fact]
    public async Task Balance_SeveralProvidersNoneNamed_PrintsEach()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 700);
        host.Sim.SetCredits(SimulatorProvider.Qserve, 42);

        CliRun run = await host.RunAsync("balance");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"qserve\s+42\s", run.Out);
        Assert.Matches(@"synqtel\s+700\s", run.Out);
        Assert.DoesNotContain("Problem", run.Out, StringComparison.Ordinal);
        CliTestHost.AssertNoKeys(run);
    }

    [Fact]
    public async Task Balance_OneOfSeveralProvidersRefusesTheKey_ShowsTheOtherAndExitsThree()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Environment["KenyaSms__Qserve__ApiKey"] = "not-the-key";

        CliRun run = await host.RunAsync("balance");

        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"synqtel\s+10000", run.Out);
        Assert.Matches(@"qserve\s+\?\s+InvalidCredentials", run.Out);
        Assert.DoesNotContain("not-the-key", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_WrongApiKey_ExitsThreeWithoutPrintingIt()
    {
        const string WrongKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Environment["KenyaSms__Synqtel__ApiKey"] = WrongKey;

        CliRun run = await host.RunAsync("balance", "--provider", "synqtel");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("InvalidCredentials", run.Error, StringComparison.Ordinal);
        Assert.Contains("provider code 1013", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", run.Error, StringComparison.Ordinal); // no stack trace without --verbose
    }

    [Fact]
    public async Task Balance_NothingConfigured_ExitsThreeNamingTheVariables()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("balance");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("KenyaSms__Synqtel__ApiKey", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_SettingMissing_ExitsThreeNamingTheSettingPath()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Environment.Remove("KenyaSms__Synqtel__SenderName");

        CliRun run = await host.RunAsync("balance", "--provider", "synqtel");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("KenyaSms:Synqtel:SenderName", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
        CliTestHost.AssertNoKeys(run);
    }

    [Fact]
    public async Task Balance_ProviderNotConfigured_ExitsThree()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.RemoveProvider("Qserve");

        CliRun run = await host.RunAsync("balance", "--provider", "qserve");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("'qserve' is not configured", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Balance_UnknownProviderName_ExitsTwo()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("balance", "--provider", "safaricom");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("safaricom", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Balance_NothingListens_ExitsFourAsTransportFailure()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Environment["KenyaSms__Synqtel__BaseAddress"] = ClosedPort.Create().ToString();

        CliRun run = await host.RunAsync("balance", "--provider", "synqtel");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("error Transport", run.Error, StringComparison.Ordinal);
        Assert.Contains("may succeed if tried again later", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_Verbose_LogsWithoutKeysAndFailureShowsStackTrace()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Environment["KenyaSms__Synqtel__BaseAddress"] = ClosedPort.Create().ToString();

        CliRun run = await host.RunAsync("balance", "--provider", "synqtel", "--verbose");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("[Debug] KenyaSms.Http", run.Error, StringComparison.Ordinal); // the SDK's request log (IHttpClientFactory's default one is removed)
        Assert.Contains("failed after", run.Error, StringComparison.Ordinal);
        Assert.Contains("KenyaSms.SmsGatewayException", run.Error, StringComparison.Ordinal);
        Assert.Contains(" at ", run.Error, StringComparison.Ordinal);
        CliTestHost.AssertNoKeys(run);
    }
}
