using KenyaSms.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace KenyaSms.Tests.DependencyInjection;

/// <summary>Configurations, containers and hosts shared by the registration and validation tests.</summary>
internal static class DependencyInjectionTestHost
{
    /// <summary>A distinctive API key: no failure message, exception or log may ever contain it.</summary>
    public const string Secret = "SUPERSECRET-KEY-9f8e";

    /// <summary>A real-looking 64-character Synqtel key.</summary>
    public const string SynqtelKey = "9f3c2a7e5b1d4c8f9a6e3b2d1c0f8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e";

    /// <summary>A real-looking 254sms key.</summary>
    public const string QserveKey = "b1946ac92492d2347c6235b4d2611184";

    /// <summary>
    /// Valid settings for both providers under <paramref name="prefix"/>, with <paramref name="changes"/>
    /// applied (keys relative to the prefix, e.g. <c>"Synqtel:ApiKey"</c>; a null value removes the key).
    /// </summary>
    public static Dictionary<string, string?> Settings(string prefix, params (string Key, string? Value)[] changes)
    {
        var relative = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Qserve:Username"] = "acme-ke",
            ["Qserve:ApiKey"] = Secret,
            ["Qserve:SenderId"] = "ACME",
            ["Synqtel:ApiKey"] = Secret,
            ["Synqtel:SenderName"] = "MYCO",
            ["Synqtel:ServiceId"] = "0",
        };
        foreach ((string key, string? value) in changes)
        {
            if (value is null)
            {
                relative.Remove(key);
            }
            else
            {
                relative[key] = value;
            }
        }

        return relative.ToDictionary(p => prefix + ":" + p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary><see cref="Settings(string, ValueTuple{string, string}[])"/> under <c>KenyaSms</c>.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] changes) => Settings("KenyaSms", changes);

    public static IConfigurationRoot Config(IEnumerable<KeyValuePair<string, string?>> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>A container (no host, so no start-up validation) built from <paramref name="register"/>.</summary>
    public static ServiceProvider Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>A container with <c>AddKenyaSms(config.GetSection("KenyaSms"))</c>.</summary>
    public static ServiceProvider BuildFromConfig(IEnumerable<KeyValuePair<string, string?>> values) =>
        Build(s => s.AddKenyaSms(Config(values).GetSection("KenyaSms")));

    /// <summary>Builds a host (no default sources or loggers) and starts it; returns what StartAsync threw, or null.</summary>
    public static async Task<Exception?> StartHostAsync(Action<IServiceCollection> register)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        register(builder.Services);
        using IHost host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (Exception ex)
        {
            return ex;
        }

        await host.StopAsync();
        return null;
    }

    public static Task<Exception?> StartHostFromConfigAsync(IEnumerable<KeyValuePair<string, string?>> values) =>
        StartHostAsync(s => s.AddKenyaSms(Config(values).GetSection("KenyaSms")));

    /// <summary>Starts a host that must refuse to start; returns the validation exception after checking no secret leaked.</summary>
    public static async Task<OptionsValidationException> StartFailsAsync(Action<IServiceCollection> register)
    {
        Exception? thrown = await StartHostAsync(register);
        OptionsValidationException ex = Assert.IsType<OptionsValidationException>(thrown);
        AssertNoSecret(ex);
        return ex;
    }

    public static Task<OptionsValidationException> StartFailsFromConfigAsync(IEnumerable<KeyValuePair<string, string?>> values) =>
        StartFailsAsync(s => s.AddKenyaSms(Config(values).GetSection("KenyaSms")));

    public static async Task StartsAsync(Action<IServiceCollection> register) => Assert.Null(await StartHostAsync(register));

    public static Task StartsFromConfigAsync(IEnumerable<KeyValuePair<string, string?>> values) =>
        StartsAsync(s => s.AddKenyaSms(Config(values).GetSection("KenyaSms")));

    /// <summary>Neither the message, the failures nor the full text of <paramref name="ex"/> contains the secret (or a fragment of it).</summary>
    public static void AssertNoSecret(OptionsValidationException ex)
    {
        foreach (string text in ex.Failures.Append(ex.Message).Append(ex.ToString()))
        {
            Assert.DoesNotContain("SUPERSECRET", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("9f8e", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(SynqtelKey, text, StringComparison.Ordinal);
        }
    }

    /// <summary>The one failure that mentions <paramref name="path"/>, checked to contain each of <paramref name="saying"/>.</summary>
    public static string FailureNaming(OptionsValidationException ex, string path, params string[] saying)
    {
        string failure = Assert.Single(ex.Failures, f => f.Contains(path, StringComparison.Ordinal));
        foreach (string fragment in saying)
        {
            Assert.Contains(fragment, failure, StringComparison.Ordinal);
        }

        return failure;
    }

    /// <summary>How many of our resilience handlers the named client's pipeline holds.</summary>
    public static int ResilienceHandlerCount(IServiceProvider services, string clientName)
    {
        HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(clientName);
        int count = 0;
        while (handler is DelegatingHandler delegating)
        {
            count += delegating is SmsResilienceHandler ? 1 : 0;
            handler = delegating.InnerHandler;
        }

        return count;
    }
}
