using KenyaSms.AfricasTalking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static KenyaSms.Tests.DependencyInjection.DependencyInjectionTestHost;

namespace KenyaSms.Tests.AfricasTalking;

// Start-up checks of AfricasTalkingOptions (api.md 10): every failure names the setting, never echoes the key.
public class AfricasTalkingOptionsTests
{
    private const string Key = "atsk_SUPERSECRET_1b2c3d4e5f6071829f8e";

    [Fact]
    public async Task StartAsync_FromConfigurationSection_RegistersTheKeyedGatewayWithTheLiveHost()
    {
        await using ServiceProvider services = BuildFromConfig(Section(("Username", "acme"), ("ApiKey", Key)));

        ISmsGateway gateway = services.GetRequiredKeyedService<ISmsGateway>(AfricasTalkingSmsGateway.ProviderName);
        HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient(AfricasTalkingSmsGateway.HttpClientName);

        Assert.IsType<AfricasTalkingSmsGateway>(gateway);
        Assert.Equal(new Uri("https://api.africastalking.com/version1/"), client.BaseAddress);
    }

    [Fact]
    public async Task StartAsync_Sandbox_UsesTheSandboxHost()
    {
        await using ServiceProvider services = BuildFromConfig(Section(("Username", "sandbox"), ("ApiKey", Key), ("Sandbox", "true")));

        HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient(AfricasTalkingSmsGateway.HttpClientName);

        Assert.Equal(new Uri("https://api.sandbox.africastalking.com/version1/"), client.BaseAddress);
    }

    [Fact]
    public async Task StartAsync_SandboxWithAnotherUsername_FailsNamingBothSettings()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Section(("Username", "acme"), ("ApiKey", Key), ("Sandbox", "true")));

        Assert.Equal(typeof(AfricasTalkingOptions), ex.OptionsType);
        string failure = FailureNaming(ex, "KenyaSms:AfricasTalking:Username", "sandbox");
        Assert.Contains("KenyaSms:AfricasTalking:Sandbox", failure, StringComparison.Ordinal);
        AssertNoSecret(ex);
    }

    [Theory]
    [InlineData("http://api.africastalking.com/version1/")]
    [InlineData("ftp://api.africastalking.com/")]
    [InlineData("version1/")]
    public async Task StartAsync_BaseAddressNotHttpsLive_FailsNamingTheSetting(string address)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Section(("Username", "acme"), ("ApiKey", Key), ("BaseAddress", address)));

        FailureNaming(ex, "KenyaSms:AfricasTalking:BaseAddress");
    }

    [Theory]
    [InlineData("Username")]
    [InlineData("ApiKey")]
    public async Task StartAsync_MissingRequiredSetting_FailsNamingIt(string key)
    {
        var settings = Section(("Username", "acme"), ("ApiKey", Key));
        settings["KenyaSms:AfricasTalking:" + key] = null;

        OptionsValidationException ex = await StartFailsFromConfigAsync(settings);

        FailureNaming(ex, "KenyaSms:AfricasTalking:" + key, "required");
    }

    [Theory]
    [InlineData("MaxRecipientsPerRequest", "0")]
    [InlineData("MaxSegments", "21")]
    [InlineData("SenderId", "THIS SENDER ID IS FAR TOO LONG")]
    [InlineData("ApiKye", "x")]
    public async Task StartAsync_BadOrUnknownSetting_FailsNamingIt(string key, string value)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Section(("Username", "acme"), ("ApiKey", Key), (key, value)));

        FailureNaming(ex, "KenyaSms:AfricasTalking:" + key);
        AssertNoSecret(ex);
    }

    [Fact]
    public void ToString_MasksTheKey()
    {
        var options = new AfricasTalkingOptions { Username = "acme", ApiKey = Key };

        Assert.DoesNotContain("SUPERSECRET", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("acme", options.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Section(params (string Key, string? Value)[] values) =>
        values.ToDictionary(v => "KenyaSms:AfricasTalking:" + v.Key, v => v.Value);
}
