using System.Net;
using KenyaSms.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static KenyaSms.AspNetCore.Tests.DeliveryReportTestHost;

namespace KenyaSms.AspNetCore.Tests.DependencyInjection;

public sealed class KenyaSmsDeliveryReportsServiceCollectionExtensionsTests
{
    public static TheoryData<string, string[], string> InvalidSecrets() => new()
    {
        { "no secret", [], "must hold one secret, or two while rotating; it holds 0" },
        { "three secrets", [Secret, SecondSecret, "third-secret-0123456789abcdef"], "it holds 3" },
        { "short secret", ["short-secret-15"], "Secrets[0] is too short: it needs at least 16 characters" },
        { "short second secret", [Secret, "0123456789"], "Secrets[1] is too short" },
        { "empty secret", [""], "Secrets[0] is empty" },
        { "slash in secret", ["dlr/secret/0123456789abcdef"], "Secrets[0] may hold only letters, digits" },
        { "space in secret", ["dlr secret 0123456789abcdef"], "Secrets[0] may hold only letters, digits" },
        { "percent in secret", ["dlr%20secret%200123456789"], "Secrets[0] may hold only letters, digits" },
    };

    [Theory]
    [MemberData(nameof(InvalidSecrets))]
    public async Task StartAsync_InvalidSecrets_FailsNamingTheSettingWithoutTheValue(string name, string[] secrets, string message)
    {
        var logs = new FakeLogCollector();
        await using WebApplication app = Build(logs, o =>
        {
            foreach (string secret in secrets)
            {
                o.Secrets.Add(secret);
            }
        });
        app.MapKenyaSmsDeliveryReports();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains("DeliveryReportEndpointOptions.Secrets", ex.Message, StringComparison.Ordinal);
        Assert.All(secrets.Where(s => s.Length > 0), s => Assert.DoesNotContain(s, ex.Message, StringComparison.Ordinal));
        Assert.NotEmpty(name);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1024 * 1024 + 1)]
    public async Task StartAsync_MaxBodyBytesOutOfRange_Fails(int maxBodyBytes)
    {
        await using WebApplication app = Build(new FakeLogCollector(), o =>
        {
            o.Secrets.Add(Secret);
            o.MaxBodyBytes = maxBodyBytes;
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("DeliveryReportEndpointOptions.MaxBodyBytes must be between 256 and 1048576", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1024 * 1024)]
    public async Task StartAsync_MaxBodyBytesAtTheBounds_Starts(int maxBodyBytes)
    {
        await using DeliveryReportTestHost host = await StartAsync(o =>
        {
            o.Secrets.Add(Secret);
            o.MaxBodyBytes = maxBodyBytes;
        });

        Assert.Equal(maxBodyBytes, host.Services.GetRequiredService<IOptions<DeliveryReportEndpointOptions>>().Value.MaxBodyBytes);
    }

    [Fact]
    public void Options_Defaults_AreEmptySecretsAnd8KB()
    {
        var options = new DeliveryReportEndpointOptions();

        Assert.Empty(options.Secrets);
        Assert.Equal(8192, options.MaxBodyBytes);
    }

    [Fact]
    public void Options_ToString_ShowsNoSecret()
    {
        var options = new DeliveryReportEndpointOptions { MaxBodyBytes = 4096 };
        options.Secrets.Add(Secret);

        Assert.Equal("DeliveryReportEndpointOptions { Secrets = 1 set, MaxBodyBytes = 4096 }", options.ToString());
    }

    [Fact]
    public void MapKenyaSmsDeliveryReports_WithoutTheServices_ThrowsSayingWhatToCall()
    {
        WebApplication app = WebApplication.CreateSlimBuilder().Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapKenyaSmsDeliveryReports());

        Assert.Contains("AddKenyaSmsDeliveryReports", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKenyaSmsDeliveryReports_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("services", () => KenyaSmsDeliveryReportsServiceCollectionExtensions.AddKenyaSmsDeliveryReports<RecordingHandler>(null!, _ => { }));
        Assert.Throws<ArgumentNullException>("configure", () => new ServiceCollection().AddKenyaSmsDeliveryReports<RecordingHandler>(null!));
    }

    [Fact]
    public void AddKenyaSmsDeliveryReports_Registers_HandlerScopedAndInMemoryStoreSingleton()
    {
        IServiceCollection services = new ServiceCollection().AddKenyaSmsDeliveryReports<RecordingHandler>(o => o.Secrets.Add(Secret));

        Assert.Equal(ServiceLifetime.Scoped, Assert.Single(services, d => d.ServiceType == typeof(IDeliveryReportHandler)).Lifetime);
        using ServiceProvider provider = services.AddSingleton<HandledReports>().BuildServiceProvider(validateScopes: true);
        Assert.IsType<InMemoryDeliveryReportStore>(provider.GetRequiredService<IDeliveryReportStore>());
        Assert.Same(provider.GetRequiredService<IDeliveryReportStore>(), provider.GetRequiredService<IDeliveryReportStore>());
    }

    [Fact]
    public async Task AddKenyaSmsDeliveryReports_StoreRegisteredFirst_IsUsedInsteadOfTheDefault()
    {
        var shared = new CountingStore();
        await using DeliveryReportTestHost host = await StartAsync(services: s => s.AddSingleton<IDeliveryReportStore>(shared));

        using HttpResponseMessage response = await host.PostAsync(Report());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, shared.Recorded); // claimed, then handled
        Assert.Same(shared, host.Services.GetRequiredService<IDeliveryReportStore>());
    }

    // A stand-in for a store shared by several servers: counts the writes, keeps nothing.
    private sealed class CountingStore : IDeliveryReportStore
    {
        public int Recorded;

        public ValueTask<string?> GetAsync(string provider, string messageId, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

        public ValueTask<bool> TryReplaceAsync(string provider, string messageId, string? expected, string record, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Recorded);
            return ValueTask.FromResult(true);
        }
    }
}
