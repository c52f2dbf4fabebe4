using KenyaSms.Testing;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KenyaSms.Tests.HealthChecks;

public class KenyaSmsHealthCheckTests
{
    [Fact]
    public async Task Check_BalanceAboveThreshold_HealthyWithBalanceInData()
    {
        (ServiceProvider sp, _, _) = Build(new FakeSmsGateway("synqtel").SetBalance(9871), o => o.DegradedBelowCredits = 100);
        await using (sp)
        {
            HealthReport report = await sp.GetRequiredService<HealthCheckService>().CheckHealthAsync();

            HealthReportEntry entry = report.Entries["kenyasms"];
            Assert.Equal(HealthStatus.Healthy, entry.Status);
            Assert.Equal(9871m, entry.Data["synqtel.credits"]);
        }
    }

    [Fact]
    public async Task Check_BalanceBelowThreshold_Degraded()
    {
        (ServiceProvider sp, _, _) = Build(new FakeSmsGateway("synqtel").SetBalance(42), o => o.DegradedBelowCredits = 100);
        await using (sp)
        {
            HealthReportEntry entry = (await sp.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["kenyasms"];

            Assert.Equal(HealthStatus.Degraded, entry.Status);
            Assert.Contains("42 credits left", entry.Description, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(SmsErrorCode.InvalidCredentials, "credentials were refused")]
    [InlineData(SmsErrorCode.Transport, "unreachable")]
    public async Task Check_BalanceFails_UnhealthyWithReason(SmsErrorCode error, string reason)
    {
        var gateway = new StubGateway(() => throw new SmsGatewayException("synqtel", error, "boom"));
        (ServiceProvider sp, _, _) = Build(gateway, null);
        await using (sp)
        {
            HealthReportEntry entry = (await sp.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["kenyasms"];

            Assert.Equal(HealthStatus.Unhealthy, entry.Status);
            Assert.Contains(reason, entry.Description, StringComparison.Ordinal);
            Assert.Equal(error.ToString(), entry.Data["synqtel.error"]);
        }
    }

    [Fact]
    public async Task Check_ProbedOftenWithinCacheDuration_AsksTheProviderOnce()
    {
        var gateway = new StubGateway(() => 500m);
        (ServiceProvider sp, FakeTimeProvider time, _) = Build(gateway, o => o.CacheDuration = TimeSpan.FromMinutes(1));
        await using (sp)
        {
            HealthCheckService health = sp.GetRequiredService<HealthCheckService>();
            for (int i = 0; i < 5; i++)
            {
                await health.CheckHealthAsync();
            }

            Assert.Equal(1, gateway.Calls);
            time.Advance(TimeSpan.FromMinutes(1));
            await health.CheckHealthAsync();
            Assert.Equal(2, gateway.Calls);
        }
    }

    [Fact]
    public async Task Check_FailureCachedToo_DoesNotHammerAFailingProvider()
    {
        var gateway = new StubGateway(() => throw new SmsGatewayException("synqtel", SmsErrorCode.Transport, "down"));
        (ServiceProvider sp, _, _) = Build(gateway, null);
        await using (sp)
        {
            HealthCheckService health = sp.GetRequiredService<HealthCheckService>();
            await health.CheckHealthAsync();
            await health.CheckHealthAsync();

            Assert.Equal(1, gateway.Calls);
        }
    }

    [Fact]
    public void AddKenyaSmsHealthCheck_NegativeThreshold_Throws()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddHealthChecks().AddKenyaSmsHealthCheck(o => o.DegradedBelowCredits = -1));
    }

    [Fact]
    public async Task Check_SecondProviderFromTheSameServices_HasItsOwnCheckAndCache()
    {
        var gateway = new StubGateway(() => 500m);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddSingleton<ISmsGatewayFactory>(_ => new SingleFactory(gateway));
        services.AddHealthChecks().AddKenyaSmsHealthCheck(o => o.CacheDuration = TimeSpan.FromMinutes(1));

        await using (ServiceProvider first = services.BuildServiceProvider())
        {
            Assert.Equal(HealthStatus.Healthy, (await first.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status);
        }

        await using ServiceProvider second = services.BuildServiceProvider();
        HealthReport report = await second.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        // Not the first container's cached answer, nor its disposed factory: this container asked the provider itself.
        Assert.Equal(HealthStatus.Healthy, report.Entries["kenyasms"].Status);
        Assert.Equal(2, gateway.Calls);
    }

    private static (ServiceProvider, FakeTimeProvider, ISmsGateway) Build(ISmsGateway gateway, Action<KenyaSmsHealthCheckOptions>? configure)
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddKeyedSingleton(gateway.Name, gateway);
        services.AddSingleton<ISmsGatewayFactory>(new SingleFactory(gateway));
        services.AddHealthChecks().AddKenyaSmsHealthCheck(configure);
        return (services.BuildServiceProvider(), time, gateway);
    }

    private sealed class SingleFactory(ISmsGateway gateway) : ISmsGatewayFactory
    {
        public IReadOnlyCollection<string> Names => [gateway.Name];

        public ISmsGateway Get(string name) => gateway;
    }

    /// <summary>A gateway whose balance call counts itself and answers from <paramref name="balance"/> (which may throw).</summary>
    private sealed class StubGateway(Func<decimal> balance) : ISmsGateway
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => "synqtel";

        public SmsGatewayCapabilities Capabilities => SmsGatewayCapabilities.Balance;

        public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new SmsBalance(Name, balance()));
        }
    }
}
