using System.Net;
using KenyaSms.Tests.Infrastructure;
using Polly.CircuitBreaker;
using Polly.Retry;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Resilience;

// R11: after repeated failures the circuit opens and calls fail fast without a request (a send says
// MayHaveBeenSent = false); after the break duration a trial goes through and closes it again.
// The break is timed on the SDK's TimeProvider, so a FakeTimeProvider replaces any wait.
public class CircuitBreakerTests
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Providers => ProviderReplies.Both;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Circuit_OpenAfterRepeatedFailures_SendFailsFastWithoutRequest(string provider)
    {
        var time = new FakeTimeProvider();
        await using ResilienceTestHost host = await StartAsync(provider, SmallCircuit, time);
        await OpenCircuitAsync(host, 503);
        Assert.Equal(2, host.Server.ReceivedCount);

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenSent);
        Assert.Null(ex.HttpStatusCode);
        Assert.IsType<BrokenCircuitException>(ex.InnerException);
        Assert.Equal(2, host.Server.ReceivedCount);
        Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 1007); // "circuit opened"
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Circuit_OpenAfterRepeatedFailures_ReadFailsFastWithoutRequest(string provider)
    {
        var time = new FakeTimeProvider();
        await using ResilienceTestHost host = await StartAsync(provider, SmallCircuit, time);
        await OpenCircuitAsync(host, 500);

        SmsGatewayException ex = await FailsAsync(() => host.BalanceAsync());

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.True(ex.IsTransient);
        Assert.IsType<BrokenCircuitException>(ex.InnerException);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Circuit_AfterBreakDuration_TrialGoesThroughAndCloses(string provider)
    {
        var time = new FakeTimeProvider();
        await using ResilienceTestHost host = await StartAsync(provider, SmallCircuit, time);
        await OpenCircuitAsync(host, 503);
        host.Server.Fallback = r => ProviderReplies.Success(provider, r);
        await FailsAsync(() => host.SendAsync()); // open: no request
        time.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
        await FailsAsync(() => host.SendAsync()); // still open
        Assert.Equal(2, host.Server.ReceivedCount);

        time.Advance(TimeSpan.FromMilliseconds(1));
        SmsSendResult trial = await host.SendAsync();
        SmsSendResult next = await host.SendAsync();

        Assert.True(trial.IsSuccess);
        Assert.True(next.IsSuccess);
        Assert.Equal(4, host.Server.ReceivedCount);
        Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 1008); // "circuit closed"
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Circuit_TrialFails_OpensAgainWithoutFurtherRequests(string provider)
    {
        var time = new FakeTimeProvider();
        await using ResilienceTestHost host = await StartAsync(provider, SmallCircuit, time);
        await OpenCircuitAsync(host, 503);
        time.Advance(BreakDuration);

        SmsGatewayException trial = await FailsAsync(() => host.SendAsync());
        SmsGatewayException after = await FailsAsync(() => host.SendAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, trial.HttpStatusCode);
        Assert.False(trial.MayHaveBeenSent);
        Assert.IsType<BrokenCircuitException>(after.InnerException);
        Assert.False(after.MayHaveBeenSent);
        Assert.Equal(3, host.Server.ReceivedCount);
    }

    // The circuit opening between two attempts of one send: the retry stops with no further request.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Circuit_OpensDuringRetries_SendStopsWithoutFurtherRequest(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, o =>
        {
            SmallCircuit(o);
            o.MaxRetryAttempts = 5;
        });
        host.Server.Fallback = _ => Behavior.Respond(503, "");

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.False(ex.MayHaveBeenSent);
        Assert.IsType<BrokenCircuitException>(ex.InnerException);
        Assert.Equal(2, host.Server.ReceivedCount);

        // The composition behind it, as Polly describes the pipeline: the breaker sits inside the retry (Attempts checks
        // the order), so it counts every attempt, with the values this test set.
        (RetryStrategyOptions<HttpResponseMessage> retry, CircuitBreakerStrategyOptions<HttpResponseMessage> breaker, _) =
            PipelineCompositionTests.Attempts(PipelineCompositionTests.Pipelines(host.Services, provider));
        Assert.Equal(5, retry.MaxRetryAttempts);
        Assert.Equal((0.5, 2), (breaker.FailureRatio, breaker.MinimumThroughput));
    }

    // The circuit of one provider is not the other's.
    [Fact]
    public async Task Circuit_OpenForOneProvider_OtherProviderUnaffected()
    {
        var time = new FakeTimeProvider();
        HostSetup setup = HostSetup.For(ProviderReplies.Synqtel, ProviderReplies.Qserve);
        setup.Resilience = SmallCircuit;
        setup.Time = time;
        await using ResilienceTestHost host = await StartAsync(setup);
        host.ServerOf(ProviderReplies.Synqtel).Fallback = _ => Behavior.Respond(503, "");
        ISmsGateway synqtel = host.GatewayOf(ProviderReplies.Synqtel);
        await FailsAsync(() => synqtel.GetBalanceAsync());
        await FailsAsync(() => synqtel.GetBalanceAsync());
        Assert.IsType<BrokenCircuitException>((await FailsAsync(() => synqtel.GetBalanceAsync())).InnerException);

        SmsBalance qserve = await host.GatewayOf(ProviderReplies.Qserve).GetBalanceAsync();

        Assert.Equal(345m, qserve.Credits);
        Assert.Equal(1, host.ServerOf(ProviderReplies.Qserve).ReceivedCount);
    }

    // Two failed reads out of two: with SmallCircuit, the circuit opens. The server keeps failing until told otherwise.
    private static async Task OpenCircuitAsync(ResilienceTestHost host, int status)
    {
        host.Server.Fallback = _ => Behavior.Respond(status, "");
        await FailsAsync(() => host.BalanceAsync());
        await FailsAsync(() => host.BalanceAsync());
    }

    private static void SmallCircuit(SmsResilienceOptions o)
    {
        o.MaxRetryAttempts = 0;
        o.CircuitBreakerMinimumThroughput = 2;
        o.CircuitBreakerFailureRatio = 0.5;
        o.AttemptTimeout = TimeSpan.FromSeconds(5);
        o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(10);
        o.CircuitBreakerBreakDuration = BreakDuration;
    }
}
