using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace KenyaSms.Tests.Infrastructure;

// Polly v8 takes its delays and timeouts from the pipeline's TimeProvider: these prove the library fake drives them
// and that the armed-timer count sees them, which is what the resilience tests wait on before they advance.
public class ArmedTimersFakeTimeProviderPollyTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Retry_DelayElapsesOnlyOnAdvance()
    {
        var time = new ArmedTimersFakeTimeProvider();
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<IOException>(),
                MaxRetryAttempts = 1,
                Delay = TimeSpan.FromSeconds(10),
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
            })
            .Build();
        int attempts = 0;

        ValueTask<string> run = pipeline.ExecuteAsync<string>(_ => ++attempts == 1 ? throw new IOException("first") : ValueTask.FromResult("ok"));
        await time.WaitForArmedTimersAsync(1).WaitAsync(Guard);
        Assert.Equal(1, attempts);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("ok", await run.AsTask().WaitAsync(Guard));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Timeout_FiresOnAdvance()
    {
        var time = new ArmedTimersFakeTimeProvider();
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(TimeSpan.FromSeconds(5))
            .Build();

        Task run = pipeline.ExecuteAsync(ct => new ValueTask(Task.Delay(Timeout.Infinite, ct))).AsTask();
        await time.WaitForArmedTimersAsync(1).WaitAsync(Guard);
        time.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => run.WaitAsync(Guard));
    }
}
