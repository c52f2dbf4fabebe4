using KenyaSms.Resilience;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
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
        SmsResiliencePipelines.Entry before = PipelineCompositionTests.Pipelines(provider, "synqtel");
        Assert.Equal(1, PipelineCompositionTests.Attempts(before).Retry.MaxRetryAttempts); // 0 is Polly's floor of 1, refused in the predicate

        configuration["KenyaSms:Resilience:MaxRetryAttempts"] = "2";
        configuration.Reload();
        server.Enqueue(Behavior.Respond(503, ""));
        SmsSendResult result = await gateway.SendAsync(Number, MessageText).WaitAsync(Guard);

        Assert.True(result.IsSuccess);
        Assert.Equal(3, server.ReceivedCount);
        Assert.Contains(logs.GetSnapshot(), e => e.Id.Id == 1012);
        SmsResiliencePipelines.Entry after = PipelineCompositionTests.Pipelines(provider, "synqtel");
        Assert.NotSame(before, after);
        Assert.Equal(2, PipelineCompositionTests.Attempts(after).Retry.MaxRetryAttempts);
    }

    // The same, as Polly describes the pipelines: until a change the provider keeps its pipelines; after one, the
    // next call gets pipelines built again, every strategy carrying the new values.
    [Theory]
    [MemberData(nameof(PipelineCompositionTests.Providers), MemberType = typeof(PipelineCompositionTests))]
    public void ConfigurationReloaded_PipelinesRebuiltWithTheNewValues(string name)
    {
        IConfigurationRoot configuration = PipelineCompositionTests.Configuration(("MaxRetryAttempts", "2"));
        using ServiceProvider provider = PipelineCompositionTests.Build(configuration);
        SmsResiliencePipelines.Entry before = PipelineCompositionTests.Pipelines(provider, name);
        Assert.Same(before, PipelineCompositionTests.Pipelines(provider, name));

        configuration["KenyaSms:Resilience:MaxRetryAttempts"] = "6";
        configuration["KenyaSms:Resilience:BaseDelay"] = "00:00:02";
        configuration["KenyaSms:Resilience:AttemptTimeout"] = "00:00:20";
        configuration["KenyaSms:Resilience:TotalTimeout"] = "00:01:30";
        configuration["KenyaSms:Resilience:CircuitBreakerFailureRatio"] = "0.25";
        configuration["KenyaSms:Resilience:CircuitBreakerMinimumThroughput"] = "40";
        configuration["KenyaSms:Resilience:CircuitBreakerBreakDuration"] = "00:00:15";
        configuration.Reload();
        SmsResiliencePipelines.Entry after = PipelineCompositionTests.Pipelines(provider, name);

        Assert.NotSame(before, after);
        Assert.Equal(TimeSpan.FromSeconds(30), PipelineCompositionTests.Total(before).Timeout); // the old pipelines are left as they were
        Assert.Equal(2, PipelineCompositionTests.Attempts(before).Retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(90), PipelineCompositionTests.Total(after).Timeout);
        (RetryStrategyOptions<HttpResponseMessage> retry, CircuitBreakerStrategyOptions<HttpResponseMessage> breaker, TimeoutStrategyOptions attempt) = PipelineCompositionTests.Attempts(after);
        Assert.Equal(6, retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), retry.Delay);
        Assert.Equal(0.25, breaker.FailureRatio);
        Assert.Equal(40, breaker.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(40), breaker.SamplingDuration); // not set: follows the raised attempt timeout
        Assert.Equal(TimeSpan.FromSeconds(15), breaker.BreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(20), attempt.Timeout);
        Assert.Same(after, PipelineCompositionTests.Pipelines(provider, name));
    }
}
