using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Resilience;

// KenyaSms:Resilience from reloadable configuration: a change applies to the calls that start after it.
public class ResilienceReloadTests
{
    [Fact]
    public async Task Send_RetrySettingReloaded_NextSendUsesTheNewSetting()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = r => ProviderReplies.Success(ProviderReplies.Synqtel, r);
        var logs = new FakeLogCollector();
        var settings = new Dictionary<string, string?>
        {
            ["KenyaSms:Resilience:MaxRetryAttempts"] = "0",
            ["KenyaSms:Resilience:BaseDelay"] = "00:00:00.001",
            ["KenyaSms:Synqtel:ApiKey"] = SynqtelKey,
            ["KenyaSms:Synqtel:SenderName"] = "KenyaSms",
            ["KenyaSms:Synqtel:BaseAddress"] = server.BaseAddress.AbsoluteUri,
        };
        IConfigurationRoot configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
        services.AddKenyaSms(configuration.GetSection("KenyaSms"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        ISmsGateway gateway = provider.GetRequiredKeyedService<ISmsGateway>("synqtel");

        server.Enqueue(Behavior.Respond(503, ""));
        await Assert.ThrowsAsync<SmsGatewayException>(() => gateway.SendAsync(Number, MessageText).WaitAsync(Guard));
        Assert.Equal(1, server.ReceivedCount);

        configuration["KenyaSms:Resilience:MaxRetryAttempts"] = "2";
        configuration.Reload();
        server.Enqueue(Behavior.Respond(503, ""));
        SmsSendResult result = await gateway.SendAsync(Number, MessageText).WaitAsync(Guard);

        Assert.True(result.IsSuccess);
        Assert.Equal(3, server.ReceivedCount);
        Assert.Contains(logs.GetSnapshot(), e => e.Id.Id == 1012);
    }
}
