using System.Net;
using KenyaSms.AfricasTalking;
using KenyaSms.Http;
using KenyaSms.Qserve;
using KenyaSms.Resilience;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace KenyaSms.Tests.Resilience;

// The pipelines as Polly itself describes them (Polly.Testing): per provider, the total timeout alone, and the
// attempts as retry, then circuit breaker, then attempt timeout, carrying the KenyaSms:Resilience values.
// What they do is covered by CircuitBreakerTests, the retry-rule tests, CancellationTests and ResilienceReloadTests.
public class PipelineCompositionTests
{
    public static TheoryData<string> Providers => [QserveSmsGateway.ProviderName, SynqtelSmsGateway.ProviderName, AfricasTalkingSmsGateway.ProviderName];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Defaults_TotalTimeoutThenRetryBreakerAttemptTimeoutWithTheDocumentedValues(string provider)
    {
        using ServiceProvider sp = Build(Configuration());

        SmsResiliencePipelines.Entry entry = Pipelines(sp, provider);

        Assert.Equal(TimeSpan.FromSeconds(30), Total(entry).Timeout);
        (RetryStrategyOptions<HttpResponseMessage> retry, CircuitBreakerStrategyOptions<HttpResponseMessage> breaker, TimeoutStrategyOptions attempt) = Attempts(entry);
        Assert.Equal(3, retry.MaxRetryAttempts);
        Assert.Equal(DelayBackoffType.Exponential, retry.BackoffType);
        Assert.True(retry.UseJitter);
        Assert.Equal(TimeSpan.FromSeconds(1), retry.Delay);
        Assert.NotNull(retry.DelayGenerator); // Retry-After wins over the computed delay
        Assert.Equal(0.1, breaker.FailureRatio);
        Assert.Equal(100, breaker.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), breaker.SamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), breaker.BreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), attempt.Timeout);
        Assert.Equal(64, entry.Limiter.CurrentCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Configured_EveryValueReachesItsStrategy(string provider)
    {
        using ServiceProvider sp = Build(Configuration(
            ("MaxRetryAttempts", "5"),
            ("BaseDelay", "00:00:00.250"),
            ("AttemptTimeout", "00:00:04"),
            ("TotalTimeout", "00:00:45"),
            ("CircuitBreakerFailureRatio", "0.5"),
            ("CircuitBreakerMinimumThroughput", "20"),
            ("CircuitBreakerSamplingDuration", "00:00:12"),
            ("CircuitBreakerBreakDuration", "00:00:07"),
            ("MaxConcurrentRequests", "8")));

        SmsResiliencePipelines.Entry entry = Pipelines(sp, provider);

        Assert.Equal(TimeSpan.FromSeconds(45), Total(entry).Timeout);
        (RetryStrategyOptions<HttpResponseMessage> retry, CircuitBreakerStrategyOptions<HttpResponseMessage> breaker, TimeoutStrategyOptions attempt) = Attempts(entry);
        Assert.Equal(5, retry.MaxRetryAttempts);
        Assert.Equal(DelayBackoffType.Exponential, retry.BackoffType);
        Assert.True(retry.UseJitter);
        Assert.Equal(TimeSpan.FromMilliseconds(250), retry.Delay);
        Assert.Equal(0.5, breaker.FailureRatio);
        Assert.Equal(20, breaker.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(12), breaker.SamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(7), breaker.BreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(4), attempt.Timeout);
        Assert.Equal(8, entry.Limiter.CurrentCount);
    }

    // Polly's retry needs MaxRetryAttempts >= 1: the SDK builds 1 and its predicate refuses every outcome, even one
    // that it retries when retries are on (the contrast proves the predicate is really asked).
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MaxRetryAttemptsZero_OneRetryWhosePredicateNeverRetries(string provider)
    {
        using ServiceProvider off = Build(Configuration(("MaxRetryAttempts", "0")));
        using ServiceProvider on = Build(Configuration(("MaxRetryAttempts", "1")));
        RetryStrategyOptions<HttpResponseMessage> retryOff = Attempts(Pipelines(off, provider)).Retry;
        RetryStrategyOptions<HttpResponseMessage> retryOn = Attempts(Pipelines(on, provider)).Retry;

        Assert.Equal(1, retryOff.MaxRetryAttempts);
        Assert.Equal(1, retryOn.MaxRetryAttempts);
        Assert.False(await WouldRetryTransientReadAsync(retryOff, provider));
        Assert.True(await WouldRetryTransientReadAsync(retryOn, provider));
    }

    // Only AttemptTimeout raised (TotalTimeout must hold it): the breaker's window follows to twice the attempt timeout.
    [Theory]
    [MemberData(nameof(Providers))]
    public void RaisedAttemptTimeoutAlone_BreakerSamplesOverTwiceTheAttemptTimeout(string provider)
    {
        using ServiceProvider sp = Build(Configuration(("AttemptTimeout", "00:00:25"), ("TotalTimeout", "00:01:00")));

        SmsResiliencePipelines.Entry entry = Pipelines(sp, provider);

        (_, CircuitBreakerStrategyOptions<HttpResponseMessage> breaker, TimeoutStrategyOptions attempt) = Attempts(entry);
        Assert.Equal(TimeSpan.FromSeconds(25), attempt.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(50), breaker.SamplingDuration);
        Assert.Equal(TimeSpan.FromMinutes(1), Total(entry).Timeout);
    }

    // ---- shared with ResilienceReloadTests ----

    /// <summary>Valid settings for all three providers, with <paramref name="resilience"/> under <c>KenyaSms:Resilience</c>.</summary>
    internal static IConfigurationRoot Configuration(params (string Key, string Value)[] resilience)
    {
        Dictionary<string, string?> settings = FakeSmsGatewayRegistrationTests.ProductionLike();
        foreach ((string key, string value) in resilience)
        {
            settings["KenyaSms:Resilience:" + key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    internal static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddKenyaSms(configuration.GetSection("KenyaSms"));
        return services.BuildServiceProvider();
    }

    /// <summary>The pipelines the SDK's handler would use for <paramref name="provider"/>, a registered provider name.</summary>
    internal static SmsResiliencePipelines.Entry Pipelines(IServiceProvider services, string provider)
    {
        Assert.Contains(provider, services.GetRequiredService<ISmsGatewayFactory>().Names);
        return services.GetRequiredService<SmsResiliencePipelines>().Get(provider);
    }

    /// <summary>The total pipeline: one timeout, named "total", and nothing else.</summary>
    internal static TimeoutStrategyOptions Total(SmsResiliencePipelines.Entry entry)
    {
        ResilienceStrategyDescriptor only = Assert.Single(entry.Total.GetPipelineDescriptor().Strategies);
        TimeoutStrategyOptions timeout = Assert.IsType<TimeoutStrategyOptions>(only.Options);
        Assert.Equal("total", timeout.Name);
        return timeout;
    }

    /// <summary>The attempts pipeline, outermost first: retry, circuit breaker, timeout "attempt", and nothing else.</summary>
    internal static (RetryStrategyOptions<HttpResponseMessage> Retry, CircuitBreakerStrategyOptions<HttpResponseMessage> Breaker, TimeoutStrategyOptions Attempt) Attempts(SmsResiliencePipelines.Entry entry)
    {
        IReadOnlyList<ResilienceStrategyDescriptor> strategies = entry.Attempts.GetPipelineDescriptor().Strategies;
        Assert.Equal(3, strategies.Count);
        var retry = Assert.IsType<RetryStrategyOptions<HttpResponseMessage>>(strategies[0].Options);
        var breaker = Assert.IsType<CircuitBreakerStrategyOptions<HttpResponseMessage>>(strategies[1].Options);
        var attempt = Assert.IsType<TimeoutStrategyOptions>(strategies[2].Options);
        Assert.Equal("attempt", attempt.Name);
        return (retry, breaker, attempt);
    }

    /// <summary>What the retry predicate says about a balance read answered 503 (transient, and the provider did not take it).</summary>
    private static async Task<bool> WouldRetryTransientReadAsync(RetryStrategyOptions<HttpResponseMessage> retry, string provider)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get();
        try
        {
            context.Properties.Set(SmsResiliencePipelines.StateKey, new SmsRequestState(provider, "getbalance", SmsRequestKind.Read));
            using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            return await retry.ShouldHandle(new RetryPredicateArguments<HttpResponseMessage>(context, Outcome.FromResult(response), 0));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
