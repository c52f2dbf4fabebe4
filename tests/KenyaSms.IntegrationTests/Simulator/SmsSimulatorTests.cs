using System.Diagnostics;
using System.Text;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.IntegrationTests.Simulator;

/// <summary>Starting, addressing, resetting and stopping the simulator, embedded and standalone.</summary>
public sealed class SmsSimulatorTests
{
    [Fact]
    public async Task StartAsync_Defaults_ListensOnLoopbackWithTheDocumentedCredentials()
    {
        await using SmsSimulator sim = await SmsSimulator.StartAsync();

        Assert.Equal("127.0.0.1", sim.BaseAddress.Host);
        Assert.NotEqual(0, sim.BaseAddress.Port);
        Assert.Equal(new Uri(sim.BaseAddress, "/version1/"), sim.QserveBaseAddress);
        Assert.Equal(new Uri(sim.BaseAddress, "/sms/"), sim.SynqtelBaseAddress);
        Assert.Equal(new Uri(sim.BaseAddress, "/_simulator/"), sim.ControlBaseAddress);
        Assert.Equal(("simulator", "sim-qserve-key"), (sim.QserveUsername, sim.QserveApiKey));
        Assert.Matches("^[0-9a-f]{64}$", sim.SynqtelApiKey);
        Assert.Equal((10_000, 10_000), (sim.GetCredits(SimulatorProvider.Qserve), sim.GetCredits(SimulatorProvider.Synqtel)));
        Assert.Null(sim.DeliveryReportUrl);
    }

    [Fact]
    public async Task StartAsync_Urls_ListensWhereTold()
    {
        Uri free = ClosedPort.Create();
        await using SmsSimulator sim = await SmsSimulator.StartAsync(new SmsSimulatorOptions { Urls = free.ToString().TrimEnd('/') });
        using var http = new HttpClient();

        string credits = await (await http.PostAsync(new Uri(sim.QserveBaseAddress, "credits"), new StringContent("""{"username":"simulator","api_key":"sim-qserve-key"}"""))).Content.ReadAsStringAsync();

        Assert.Equal(free, sim.BaseAddress);
        Assert.Equal("""[{"credits":"10000","statusCode":101}]""", credits);
    }

    [Fact]
    public async Task StartAsync_TwoSimulators_KeepSeparateAccounts()
    {
        await using SmsSimulator first = await SmsSimulator.StartAsync(new SmsSimulatorOptions { SynqtelCredits = 5 });
        await using SmsSimulator second = await SmsSimulator.StartAsync();

        first.SetCredits(SimulatorProvider.Qserve, 1);

        Assert.NotEqual(first.BaseAddress, second.BaseAddress);
        Assert.Equal((1, 5), (first.GetCredits(SimulatorProvider.Qserve), first.GetCredits(SimulatorProvider.Synqtel)));
        Assert.Equal(10_000, second.GetCredits(SimulatorProvider.Qserve));
    }

    [Theory]
    [InlineData("DndNumbers")]
    [InlineData("UndeliverableNumbers")]
    [InlineData("QserveApiKey")]
    [InlineData("SynqtelApiKey")]
    [InlineData("DeliveryReportDelay")]
    public async Task StartAsync_InvalidOption_ThrowsNamingIt(string option)
    {
        var options = new SmsSimulatorOptions();
        switch (option)
        {
            case "DndNumbers": options.DndNumbers.Add("020 1234567"); break;
            case "UndeliverableNumbers": options.UndeliverableNumbers.Add("+255712345678"); break;
            case "QserveApiKey": options.QserveApiKey = " "; break;
            case "SynqtelApiKey": options.SynqtelApiKey = ""; break;
            default: options.DeliveryReportDelay = TimeSpan.FromSeconds(-1); break;
        }

        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => SmsSimulator.StartAsync(options));

        Assert.Contains(option, error.Message);
    }

    [Fact]
    public async Task Reset_ClearsLedgerAndFaultsAndRestoresConfiguredCredits()
    {
        await using var host = await SimulatorTestHost.StartAsync(o => o.QserveCredits = 50);
        await host.QserveAsync("sendsms", """{"username":"simulator","api_key":"sim-qserve-key","phone":"0722000001","message":"Hi"}""");
        host.Sim.Faults.Inject(SimulatorProvider.Qserve, "sendsms", SimulatorFault.Stall());

        host.Sim.Reset();

        Assert.Empty(host.Sim.Ledger.Requests);
        Assert.Empty(host.Sim.Ledger.Messages);
        Assert.Equal(0, host.Sim.Faults.ActiveCount);
        Assert.Equal(50, host.Sim.GetCredits(SimulatorProvider.Qserve));
    }

    [Fact]
    public async Task Ledger_WaitUntil_ConditionThrows_FaultsTheWait()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Task wait = host.Sim.Ledger.WaitUntilAsync(l => l.Requests.Count > 0 && l.Requests[5].Index == 5);
        await host.SynqtelAsync(HttpMethod.Get, "getbalance", null);

        await Assert.ThrowsAsync<IndexOutOfRangeException>(() => wait);
    }

    [Fact]
    public async Task DisposeAsync_StopsListening()
    {
        SmsSimulator sim = await SmsSimulator.StartAsync();
        using var http = new HttpClient();

        await sim.DisposeAsync();
        await sim.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(sim.SynqtelBaseAddress, "getbalance")));
    }

    [Fact]
    public async Task Program_Standalone_PrintsAddressesAndCredentialsAndAnswersTheDocExamples()
    {
        Uri free = ClosedPort.Create();
        string url = free.ToString().TrimEnd('/');
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "KenyaSms.Simulator.dll"), "--urls", url },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        try
        {
            var banner = new StringBuilder();
            while (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) is { } line && !line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
            {
                banner.AppendLine(line);
            }

            using var http = new HttpClient();
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(free, "sms/mobile?mobile=712244243&return=json"));
            request.Headers.TryAddWithoutValidation("h_api_key", SmsSimulatorOptions.DefaultSynqtelApiKey);
            string answer = await (await http.SendAsync(request)).Content.ReadAsStringAsync();

            Assert.Contains($"{url}/version1/", banner.ToString());
            Assert.Contains($"{url}/sms/", banner.ToString());
            Assert.Contains("\"sim-qserve-key\"", banner.ToString());
            Assert.Contains(SmsSimulatorOptions.DefaultSynqtelApiKey, banner.ToString());
            Assert.Equal("""[{"status_code":"1000","status_desc":"Success","mobile_number":"+254712244243","network_id":"1"}]""", answer);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
