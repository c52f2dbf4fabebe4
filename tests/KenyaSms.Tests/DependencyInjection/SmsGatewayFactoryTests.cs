using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;
using static KenyaSms.Tests.DependencyInjection.DependencyInjectionTestHost;

namespace KenyaSms.Tests.DependencyInjection;

public class SmsGatewayFactoryTests
{
    [Theory]
    [InlineData("synqtel")]
    [InlineData("Synqtel")]
    [InlineData("SYNQTEL")]
    [InlineData(" synqtel ")]
    public void Get_ProviderNameInAnyCase_ReturnsTheKeyedSingleton(string name)
    {
        using ServiceProvider sp = BuildFromConfig(Settings());

        ISmsGateway gateway = sp.GetRequiredService<ISmsGatewayFactory>().Get(name);

        Assert.Same(sp.GetRequiredService<SynqtelSmsGateway>(), gateway);
        Assert.Same(sp.GetRequiredKeyedService<ISmsGateway>("synqtel"), gateway);
    }

    [Fact]
    public void Get_EachRegisteredName_ReturnsThatProvider()
    {
        using ServiceProvider sp = BuildFromConfig(Settings());
        ISmsGatewayFactory factory = sp.GetRequiredService<ISmsGatewayFactory>();

        Assert.IsType<QserveSmsGateway>(factory.Get(QserveSmsGateway.ProviderName));
        Assert.IsType<SynqtelSmsGateway>(factory.Get(SynqtelSmsGateway.ProviderName));
        Assert.Same(factory.Get("qserve"), factory.Get("QSERVE"));
    }

    [Fact]
    public void Names_BothProvidersRegisteredRepeatedly_ListsEachOnce()
    {
        using ServiceProvider sp = Build(s =>
        {
            s.AddKenyaSms(Config(Settings()).GetSection("KenyaSms")).AddSynqtel().AddQserve();
            s.AddKenyaSms().AddSynqtel().AddSynqtel();
        });

        IReadOnlyCollection<string> names = sp.GetRequiredService<ISmsGatewayFactory>().Names;

        Assert.Equal(["qserve", "synqtel"], names.Order());
    }

    [Fact]
    public void Names_InRegistrationOrder()
    {
        using ServiceProvider sp = Build(s => s.AddKenyaSms()
            .AddSynqtel(o => (o.ApiKey, o.SenderName) = (SynqtelKey, "MYCO"))
            .AddQserve(o => (o.Username, o.ApiKey) = ("acme-ke", QserveKey)));

        Assert.Equal(["synqtel", "qserve"], sp.GetRequiredService<ISmsGatewayFactory>().Names);
    }

    [Fact]
    public void Get_UnknownName_ThrowsKeyNotFoundListingKnownProviders()
    {
        using ServiceProvider sp = BuildFromConfig(Settings());

        KeyNotFoundException ex = Assert.Throws<KeyNotFoundException>(() => sp.GetRequiredService<ISmsGatewayFactory>().Get("twilio"));

        Assert.Contains("'twilio'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("qserve", ex.Message, StringComparison.Ordinal);
        Assert.Contains("synqtel", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_ProviderNotRegistered_ThrowsKeyNotFoundListingOnlyTheRegistered()
    {
        using ServiceProvider sp = Build(s => s.AddKenyaSms().AddSynqtel(o => (o.ApiKey, o.SenderName) = (SynqtelKey, "MYCO")));

        KeyNotFoundException ex = Assert.Throws<KeyNotFoundException>(() => sp.GetRequiredService<ISmsGatewayFactory>().Get("qserve"));

        Assert.Contains("Registered: synqtel.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_NoProviderRegistered_ThrowsKeyNotFoundSayingNoneIs()
    {
        using ServiceProvider sp = Build(s => s.AddKenyaSms());
        ISmsGatewayFactory factory = sp.GetRequiredService<ISmsGatewayFactory>();

        KeyNotFoundException ex = Assert.Throws<KeyNotFoundException>(() => factory.Get("synqtel"));

        Assert.Empty(factory.Names);
        Assert.Contains("no provider is registered", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Get_NullOrBlankName_ThrowsArgumentException(string? name)
    {
        using ServiceProvider sp = BuildFromConfig(Settings());

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => sp.GetRequiredService<ISmsGatewayFactory>().Get(name!));

        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void Get_FailoverChainName_IsNotAProvider()
    {
        using ServiceProvider sp = BuildFromConfig(Settings(("Failover:0", "synqtel"), ("Failover:1", "qserve")));
        ISmsGatewayFactory factory = sp.GetRequiredService<ISmsGatewayFactory>();

        string chain = sp.GetRequiredService<ISmsGateway>().Name;

        Assert.Throws<KeyNotFoundException>(() => factory.Get(chain));
        Assert.Equal(2, factory.Names.Count);
    }
}
