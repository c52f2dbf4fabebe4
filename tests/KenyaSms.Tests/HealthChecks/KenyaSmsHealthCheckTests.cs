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

    [Fact]
    public async Task Check_TwoProviders_ProbedInParallelNotOneAfterTheOther()
    {
        // Each balance call waits until the other one has started: probed one after the other, neither would finish.
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new AsyncGateway("synqtel", async ct =>
        {
            firstStarted.SetResult();
            await secondStarted.Task.WaitAsync(ct);
            return 500m;
        });
        var second = new AsyncGateway("qserve", async ct =>
        {
            secondStarted.SetResult();
            await firstStarted.Task.WaitAsync(ct);
            return 700m;
        });
        await using ServiceProvider sp = BuildMany(new FakeTimeProvider(), null, null, first, second);

        HealthReport report = await sp.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(TimeSpan.FromSeconds(30));

        HealthReportEntry entry = report.Entries["kenyasms"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal((500m, 700m), ((decimal)entry.Data["synqtel.credits"], (decimal)entry.Data["qserve.credits"]));
    }

    [Fact]
    public async Task Check_OneProviderNeverAnswers_ReportedByNameWithinTheProbeTimeoutOthersBalanceKept()
    {
        var time = new FakeTimeProvider();
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = new AsyncGateway("synqtel", async ct =>
        {
            hanging.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return 0m;
        });
        var fine = new AsyncGateway("qserve", _ => Task.FromResult(900m));
        await using ServiceProvider sp = BuildMany(time, null, TimeSpan.FromSeconds(10), stuck, fine);

        Task<HealthReport> running = sp.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await hanging.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(9)); // the probe's share: 90 % of the check's 10 s
        HealthReportEntry entry = (await running.WaitAsync(TimeSpan.FromSeconds(30))).Entries["kenyasms"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("synqtel: unreachable or failing (Transport)", entry.Description);
        Assert.Equal(nameof(SmsErrorCode.Transport), entry.Data["synqtel.error"]);
        Assert.Equal(900m, entry.Data["qserve.credits"]);
        Assert.Equal((1, 1), (stuck.Calls, fine.Calls));
    }

    [Fact]
    public void AddKenyaSmsHealthCheck_Timeout_IsTheRegistrationsTimeoutDefaultFiveSeconds()
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddKenyaSmsHealthCheck().AddKenyaSmsHealthCheck(name: "sms-ready", timeout: TimeSpan.FromSeconds(2));

        using ServiceProvider sp = services.BuildServiceProvider();
        var registrations = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal(TimeSpan.FromSeconds(5), registrations.Single(r => r.Name == "kenyasms").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), registrations.Single(r => r.Name == "sms-ready").Timeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    public void AddKenyaSmsHealthCheck_TimeoutNotPositive_ThrowsNamingIt(int milliseconds)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddHealthChecks().AddKenyaSmsHealthCheck(timeout: TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal("timeout", ex.ParamName);
    }

    private static ServiceProvider BuildMany(FakeTimeProvider time, Action<KenyaSmsHealthCheckOptions>? configure, TimeSpan? timeout, params ISmsGateway[] gateways)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ISmsGatewayFactory>(new ManyFactory(gateways));
        services.AddHealthChecks().AddKenyaSmsHealthCheck(configure, timeout: timeout);
        return services.BuildServiceProvider();
    }

    private sealed class ManyFactory(ISmsGateway[] gateways) : ISmsGatewayFactory
    {
        public IReadOnlyCollection<string> Names => [.. gateways.Select(g => g.Name)];

        public ISmsGateway Get(string name) => gateways.Single(g => g.Name == name);
    }

    /// <summary>A gateway whose balance is an asynchronous function of the probe's token.</summary>
    private sealed class AsyncGateway(string name, Func<CancellationToken, Task<decimal>> balance) : ISmsGateway
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => name;

        public SmsGatewayCapabilities Capabilities => SmsGatewayCapabilities.Balance;

        public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public async Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return new SmsBalance(Name, await balance(cancellationToken));
        }
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
