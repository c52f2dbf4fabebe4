using KenyaSms.AfricasTalking;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.Testing;

/// <summary>
/// AddFakeSmsGateway replaces every way to reach a gateway (issue 17.1, issue 16.2): default, keyed for the three
/// providers whatever the configuration, factory, lookup; the concrete adapters refuse to resolve. Before or after
/// AddKenyaSms.
/// </summary>
public class FakeSmsGatewayRegistrationTests
{
    public static TheoryData<bool> Orders => [true, false];

    public static TheoryData<string> Providers => [QserveSmsGateway.ProviderName, SynqtelSmsGateway.ProviderName, AfricasTalkingSmsGateway.ProviderName];

    [Theory]
    [MemberData(nameof(Orders))]
    public void AddFakeSmsGateway_ConfigurationWithoutProviders_KeyedGatewaysOfEveryProviderAreTheFake(bool fakeFirst)
    {
        using ServiceProvider provider = Build(fakeFirst, Config([]));

        FakeSmsGateway fake = provider.GetRequiredService<FakeSmsGateway>();
        Assert.Same(fake, provider.GetRequiredService<ISmsGateway>());
        Assert.Same(fake, provider.GetRequiredKeyedService<ISmsGateway>("qserve"));
        Assert.Same(fake, provider.GetRequiredKeyedService<ISmsGateway>("synqtel"));
        Assert.Same(fake, provider.GetRequiredKeyedService<ISmsGateway>("africastalking"));
        Assert.Same(fake, provider.GetRequiredService<ISmsNumberLookup>());
        ISmsGatewayFactory factory = provider.GetRequiredService<ISmsGatewayFactory>();
        Assert.Equal(["fake"], factory.Names);
        Assert.Same(fake, factory.Get("fake"));
        Assert.Same(fake, factory.Get("SYNQTEL"));
        Assert.Same(fake, factory.Get("africastalking"));
        Assert.Throws<KeyNotFoundException>(() => factory.Get("other"));
    }

    [Fact]
    public void AddFakeSmsGateway_WithoutAddKenyaSms_ReplacesEveryGatewayToo()
    {
        var services = new ServiceCollection();
        services.AddFakeSmsGateway();
        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        FakeSmsGateway fake = provider.GetRequiredService<FakeSmsGateway>();
        Assert.Same(fake, provider.GetRequiredKeyedService<ISmsGateway>("synqtel"));
        Assert.Same(fake, provider.GetRequiredService<ISmsGatewayFactory>().Get("qserve"));
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<SynqtelSmsGateway>());
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public void AddFakeSmsGateway_AllThreeProvidersConfigured_FactoryNamesThemAndHandsOutTheFake(bool fakeFirst)
    {
        using ServiceProvider provider = Build(fakeFirst, Config(ProductionLike()));

        FakeSmsGateway fake = provider.GetRequiredService<FakeSmsGateway>();
        ISmsGatewayFactory factory = provider.GetRequiredService<ISmsGatewayFactory>();
        Assert.Equal(["africastalking", "qserve", "synqtel"], factory.Names.Order(StringComparer.Ordinal));
        Assert.All(factory.Names, name => Assert.Same(fake, factory.Get(name)));
        Assert.All(factory.Names, name => Assert.Same(fake, provider.GetRequiredKeyedService<ISmsGateway>(name)));
        Assert.Same(fake, provider.GetRequiredService<ISmsGateway>()); // the failover chain the configuration names, replaced
        Assert.Same(fake, provider.GetRequiredService<ISmsNumberLookup>());
    }

    [Theory]
    [InlineData(true, typeof(QserveSmsGateway), "qserve")]
    [InlineData(false, typeof(QserveSmsGateway), "qserve")]
    [InlineData(true, typeof(SynqtelSmsGateway), "synqtel")]
    [InlineData(false, typeof(SynqtelSmsGateway), "synqtel")]
    [InlineData(true, typeof(AfricasTalkingSmsGateway), "africastalking")]
    [InlineData(false, typeof(AfricasTalkingSmsGateway), "africastalking")]
    public void AddFakeSmsGateway_ResolvingAConcreteAdapter_ThrowsSayingWhatToInject(bool fakeFirst, Type adapter, string provider)
    {
        using ServiceProvider services = Build(fakeFirst, Config(ProductionLike()));

        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService(adapter));

        Assert.Contains("AddFakeSmsGateway()", ex.Message, StringComparison.Ordinal);
        Assert.Contains(adapter.Name, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"[FromKeyedServices(\"{provider}\")] ISmsGateway", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ISmsGatewayFactory", ex.Message, StringComparison.Ordinal);
        Assert.Equal(adapter == typeof(SynqtelSmsGateway), ex.Message.Contains("ISmsNumberLookup", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task AddFakeSmsGateway_ThroughEveryKey_SendsLandInTheOneFake(bool fakeFirst)
    {
        using ServiceProvider provider = Build(fakeFirst, Config([]));
        FakeSmsGateway fake = provider.GetRequiredService<FakeSmsGateway>();

        foreach (string name in (string[])["qserve", "synqtel", "africastalking"])
        {
            await provider.GetRequiredKeyedService<ISmsGateway>(name).SendAsync("0722123456", "via " + name);
        }

        Assert.Equal(["via qserve", "via synqtel", "via africastalking"], fake.Sent.Select(s => s.Text));
    }

    [Fact]
    public void AddFakeSmsGateway_GivenFake_IsTheOneHandedOut()
    {
        var mine = new FakeSmsGateway("synqtel");
        var services = new ServiceCollection();
        services.AddKenyaSms(Config(ProductionLike()).GetSection("KenyaSms"));
        services.AddFakeSmsGateway(mine);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<FakeSmsGateway>());
        Assert.Same(mine, provider.GetRequiredKeyedService<ISmsGateway>("qserve"));
    }

    [Fact]
    public void AddKenyaSms_SynqtelConfigured_RegistersTheLookupAsTheSynqtelGateway()
    {
        var services = new ServiceCollection();
        services.AddKenyaSms(Config(ProductionLike()).GetSection("KenyaSms"));
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<SynqtelSmsGateway>(), provider.GetRequiredService<ISmsNumberLookup>());
    }

    [Fact]
    public void AddKenyaSms_SynqtelNotConfigured_NoLookup()
    {
        var services = new ServiceCollection();
        services.AddKenyaSms(Config(ProductionLike().Where(p => !p.Key.StartsWith("KenyaSms:Synqtel", StringComparison.Ordinal))).GetSection("KenyaSms"))
            .AddQserve();
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Null(provider.GetService<ISmsNumberLookup>());
    }

    [Fact]
    public void AddSynqtel_CalledTwice_OneLookupRegistration()
    {
        var services = new ServiceCollection();
        services.AddKenyaSms().AddSynqtel(o => o.ApiKey = "k").AddSynqtel(o => o.SenderName = "MYCO");

        Assert.Single(services, d => d.ServiceType == typeof(ISmsNumberLookup));
    }

    /// <summary>What a production appsettings.json holds: all three providers, live hosts, real-looking keys, a failover chain.</summary>
    internal static Dictionary<string, string?> ProductionLike() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["KenyaSms:Failover:0"] = "synqtel",
        ["KenyaSms:Failover:1"] = "africastalking",
        ["KenyaSms:Failover:2"] = "qserve",
        ["KenyaSms:Qserve:Username"] = "acme-ke",
        ["KenyaSms:Qserve:ApiKey"] = "b1946ac92492d2347c6235b4d2611184",
        ["KenyaSms:Qserve:SenderId"] = "ACME",
        ["KenyaSms:Synqtel:ApiKey"] = "9f3c2a7e5b1d4c8f9a6e3b2d1c0f8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e",
        ["KenyaSms:Synqtel:SenderName"] = "ACME",
        ["KenyaSms:Synqtel:ServiceId"] = "0",
        ["KenyaSms:AfricasTalking:Username"] = "acme",
        ["KenyaSms:AfricasTalking:ApiKey"] = "atsk_5b1d4c8f9a6e3b2d1c0f8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e9f3c2a7e",
        ["KenyaSms:AfricasTalking:SenderId"] = "ACME",
    };

    internal static IConfigurationRoot Config(IEnumerable<KeyValuePair<string, string?>> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Build(bool fakeFirst, IConfiguration config)
    {
        var services = new ServiceCollection();
        if (fakeFirst)
        {
            services.AddFakeSmsGateway();
        }

        services.AddKenyaSms(config.GetSection("KenyaSms"));
        if (!fakeFirst)
        {
            services.AddFakeSmsGateway();
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
