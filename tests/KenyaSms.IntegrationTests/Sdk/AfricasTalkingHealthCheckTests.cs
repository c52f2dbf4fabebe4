using KenyaSms.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static KenyaSms.IntegrationTests.Sdk.SdkTestHost;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>The health check over Africa's Talking against the simulator: its money balance, and a refused key.</summary>
public sealed class AfricasTalkingHealthCheckTests
{
    private static Action<SdkSetup> WithCheck(Action<SdkSetup>? more = null) => s =>
    {
        s.Services = services => services.AddHealthChecks().AddKenyaSmsHealthCheck(o =>
        {
            o.Provider = "africastalking";
            o.DegradedBelowCredits = 50m;
        });
        more?.Invoke(s);
    };

    [Fact]
    public async Task Check_MoneyBalanceAboveThreshold_HealthyWithAmountAndCurrencyInData()
    {
        await using SdkTestHost host = await StartAsync(WithCheck());
        host.Sim.SetBalance(SimulatorProvider.AfricasTalking, 985.6m);

        HealthReportEntry entry = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Guard)).Entries["kenyasms"];

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(985.6m, entry.Data["africastalking.credits"]);
        Assert.Equal("KES", entry.Data["africastalking.currency"]);
        Assert.Equal("GET", Assert.Single(host.Ledger.Requests).Method); // one balance request, nothing sent
    }

    [Fact]
    public async Task Check_MoneyBelowThreshold_DegradedSayingTheAmountInItsCurrency()
    {
        await using SdkTestHost host = await StartAsync(WithCheck());
        host.Sim.SetBalance(SimulatorProvider.AfricasTalking, 12.5m);

        HealthReportEntry entry = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Guard)).Entries["kenyasms"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("africastalking: KES 12.5 left (below 50)", entry.Description);
    }

    [Fact]
    public async Task Check_KeyRefused_UnhealthyNamingTheCredentialsWithoutTheKey()
    {
        await using SdkTestHost host = await StartAsync(WithCheck(s => s.AfricasTalking = o => o.ApiKey = "atsk_wrong_key_0123456789"));

        HealthReportEntry entry = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Guard)).Entries["kenyasms"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("africastalking: the credentials were refused (InvalidCredentials)", entry.Description);
        Assert.Equal(nameof(SmsErrorCode.InvalidCredentials), entry.Data["africastalking.error"]);
        Assert.DoesNotContain("atsk_wrong_key", string.Join("|", entry.Data.Values), StringComparison.Ordinal);
        Assert.Empty(host.Ledger.Messages);
    }

    [Fact]
    public async Task Check_ProviderAnswers503_OneRequestNoSendStyleRetriesUnhealthy()
    {
        await using SdkTestHost host = await StartAsync(WithCheck());
        host.Sim.Faults.Inject(SimulatorProvider.AfricasTalking, SimulatorFaults.AnyEndpoint, SimulatorFault.Status(503, "Service Unavailable"), count: 100);

        HealthReportEntry entry = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Guard)).Entries["kenyasms"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("africastalking: unreachable or failing (Transport)", entry.Description);
        Assert.Single(host.Ledger.Requests); // a balance read is retried up to 3 times elsewhere; a probe asks once

        // The same read through the gateway is retried: the probe's single attempt is the probe's choice, not the pipeline's.
        await Assert.ThrowsAsync<SmsGatewayException>(() => host.AfricasTalking.GetBalanceAsync());
        Assert.True(host.Ledger.Requests.Count > 2);
    }
}
