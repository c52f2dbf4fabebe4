using KenyaSms.Simulator;

namespace KenyaSms.Cli.Tests.Hosting;

/// <summary>Settings come from --config or ./kenyasms.json, then environment variables, with the library's keys.</summary>
public sealed class CliConfigurationTests
{
    [Fact]
    public async Task Config_FileGiven_SettingsReadFromIt()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        string file = host.WriteFile("settings.json", SettingsJson(host.Sim, host.Sim.SynqtelApiKey));
        host.RemoveProvider("Synqtel");
        host.RemoveProvider("Qserve");

        CliRun run = await host.RunAsync("balance", "--config", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Provider    synqtel", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_KenyaSmsJsonInCurrentFolder_UsedWithoutOption()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.WriteFile("kenyasms.json", SettingsJson(host.Sim, host.Sim.SynqtelApiKey));
        host.RemoveProvider("Synqtel");
        host.RemoveProvider("Qserve");

        CliRun run = await host.RunAsync("balance");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Credits     10000", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_EnvironmentVariable_OverridesTheFile()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        string file = host.WriteFile("settings.json", SettingsJson(host.Sim, "wrong-key-in-the-file"));
        host.RemoveProvider("Qserve");
        host.Environment["KenyaSms__Synqtel__ApiKey"] = host.Sim.SynqtelApiKey;

        CliRun run = await host.RunAsync("balance", "--config", file);

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Config_FileMissing_ExitsFive()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();

        CliRun run = await host.RunAsync("balance", "--config", "nowhere.json");

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("nowhere.json", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Config_FileNotJson_ExitsThree()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        string file = host.WriteFile("settings.json", "{ \"KenyaSms\": { \"Synqtel\": ");

        CliRun run = await host.RunAsync("balance", "--config", file);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("could not be read", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_UnknownKey_ExitsThreeNamingIt()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Environment["KenyaSms__Synqtel__ApiKeyy"] = "typo";

        CliRun run = await host.RunAsync("balance", "--provider", "synqtel");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("KenyaSms:Synqtel:ApiKeyy", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("typo", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_SeveralProvidersNoDefault_SendAsksForProvider()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Environment.Remove("KenyaSms__DefaultProvider");

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--text", "hi");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("--provider", run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Sim.Ledger.Requests);
    }

    [Fact]
    public async Task Config_Failover_SendGoesToTheSecondWhenTheFirstCertainlyFailed()
    {
        await using CliTestHost host = await CliTestHost.StartAsync();
        host.Environment.Remove("KenyaSms__DefaultProvider");
        host.Environment["KenyaSms__Failover__0"] = "synqtel";
        host.Environment["KenyaSms__Failover__1"] = "qserve";
        host.Sim.SetCredits(SimulatorProvider.Synqtel, 0);

        CliRun run = await host.RunAsync("send", "--to", "0722123456", "--text", "hi");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Provider    synqtel then qserve", run.Out, StringComparison.Ordinal);
        SimulatorMessage message = Assert.Single(host.Sim.Ledger.Messages);
        Assert.Equal(SimulatorProvider.Qserve, message.Provider);
    }

    private static string SettingsJson(SmsSimulator sim, string synqtelKey) => $$"""
        {
          "KenyaSms": {
            "Synqtel": { "ApiKey": "{{synqtelKey}}", "SenderName": "KENYASMS", "BaseAddress": "{{sim.SynqtelBaseAddress}}" }
          }
        }
        """;
}
