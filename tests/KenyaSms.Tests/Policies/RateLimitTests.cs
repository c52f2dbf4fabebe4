using KenyaSms.Policies;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.Resilience;
using KenyaSms.Tests.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static KenyaSms.Tests.DependencyInjection.DependencyInjectionTestHost;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Policies;

// api.md 9 "Rate limits", on a fake clock: the bucket refills only when the test advances time, so what is sent while a
// request waits is exact, never a timing assertion. The long-run rate is measured in tests/KenyaSms.Benchmarks.
public class RateLimitTests
{
    private static readonly TimeSpan Half = TimeSpan.FromMilliseconds(500); // the bucket refills to full once a second

    [Theory]
    [MemberData(nameof(ProviderNames))]
    public async Task SendBatch_LargerThanTheBucket_SplitIntoBucketSizedRequestsEachWaitingForItsPermits(string provider)
    {
        var time = new FakeTimeProvider();
        await using ResilienceTestHost host = await StartAsync(Limited(provider, 2, time));
        using MetricCollector<double> waits = SdkMetrics.Collect<double>(host.Services, "kenyasms.rate_limit.wait");
        using MetricCollector<long> retries = SdkMetrics.Collect<long>(host.Services, "kenyasms.retries");
        ProviderRateLimiter limiter = LimiterOf(host, provider, 2);
        string[] five = ["0722000001", "0722000002", "0722000003", "0722000004", "0722000005"];

        Task<SmsSendResult> send = host.Gateway.SendAsync(new SmsMessage(five, MessageText) { ClientReference = provider == ProviderReplies.Synqtel ? "r" : null });
        await host.Server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await WaitForQueuedAsync(limiter, 3); // the other two requests (2 + 1 recipients) wait for permits

        time.Advance(Half); // no refill yet
        Assert.Equal(1, host.Server.ReceivedCount);
        time.Advance(Half); // refilled: two permits for the first waiting request; the other queues behind it
        await host.Server.WaitForRequestsAsync(2).WaitAsync(Guard);
        await WaitForQueuedAsync(limiter, 1);
        Assert.Equal(2, host.Server.ReceivedCount);
        time.Advance(Half + Half);
        SmsSendResult result = await send.WaitAsync(Guard);

        Assert.Equal(5, result.AcceptedCount);
        Assert.Equal(["+254722000001", "+254722000002", "+254722000003", "+254722000004", "+254722000005"], result.Recipients.Select(r => r.PhoneNumber));
        Assert.Equal([2, 2, 1], host.Server.Requests.Select(r => ProviderReplies.Recipients(r).Count));
        CollectedMeasurement<double>[] waited = [.. waits.GetMeasurementSnapshot().ContainsTags(SdkMetrics.Tag("kenyasms.provider", provider))];
        Assert.Equal(3, waited.Length);
        Assert.Equal(3.0, waited.Sum(m => m.Value), 3); // 0 + 1 s + 2 s on the fake clock
        Assert.Equal(0, retries.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task SendBatch_CancelledWhileWaitingForPermits_NothingMoreSentReportedNotSent()
    {
        var time = new FakeTimeProvider();
        await using ResilienceTestHost host = await StartAsync(Limited(ProviderReplies.Qserve, 1, time));
        ProviderRateLimiter limiter = LimiterOf(host, ProviderReplies.Qserve, 1);
        using var cts = new CancellationTokenSource();

        Task<SmsSendResult> send = host.Gateway.SendBatchAsync([new SmsMessage(Number, "one"), new SmsMessage(OtherNumber, "two")], cts.Token);
        await host.Server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await WaitForQueuedAsync(limiter, 1);
        cts.Cancel();
        SmsSendCanceledException ex = await Assert.ThrowsAsync<SmsSendCanceledException>(() => send).WaitAsync(Guard);

        Assert.True(ex.PartialResult!.Recipients[0].IsAccepted);
        Assert.Equal(SmsErrorCode.Canceled, ex.PartialResult.Recipients[1].Status.Error);
        Assert.False(ex.PartialResult.Recipients[1].Status.MayHaveBeenSent);
        Assert.Equal(0, limiter.QueuedPermits);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Fact]
    public async Task Send_SafeModeHoldsEveryRecipient_TakesNoPermit()
    {
        var time = new FakeTimeProvider();
        HostSetup setup = Limited(ProviderReplies.Qserve, 1, time).WithSafeMode(Number);
        await using ResilienceTestHost host = await StartAsync(setup);

        await host.Gateway.SendAsync(OtherNumber, "held").WaitAsync(Guard);
        SmsSendResult sent = await host.Gateway.SendAsync(Number, "sent at once: the bucket is still full").WaitAsync(Guard);

        Assert.True(sent.IsSuccess);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [InlineData("Qserve", "0")]
    [InlineData("Qserve", "-3")]
    [InlineData("Synqtel", "0")]
    public async Task StartUp_MaxMessagesPerSecondNotPositive_FailsNamingTheSetting(string section, string value)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings((section + ":MaxMessagesPerSecond", value)));

        FailureNaming(ex, $"KenyaSms:{section}:MaxMessagesPerSecond", "at least 1", value);
    }

    [Fact]
    public async Task StartUp_MaxMessagesPerSecondSet_Starts()
    {
        await StartsFromConfigAsync(Settings(("Qserve:MaxMessagesPerSecond", "50"), ("Synqtel:MaxMessagesPerSecond", "7"), ("DefaultProvider", "qserve")));
    }

    public static TheoryData<string> ProviderNames => ProviderReplies.Both;

    private static HostSetup Limited(string provider, int perSecond, TimeProvider time)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.Time = time;
        setup.Qserve = o => o.MaxMessagesPerSecond = perSecond;
        setup.Synqtel = o => o.MaxMessagesPerSecond = perSecond;
        return setup;
    }

    private static ProviderRateLimiter LimiterOf(ResilienceTestHost host, string provider, int perSecond) =>
        host.Services.GetRequiredService<ProviderRateLimiters>().For(provider, perSecond)!;

    // The limiter's queue is internal state with no event: yield until the requests have queued (bounded by Guard).
    private static async Task WaitForQueuedAsync(ProviderRateLimiter limiter, long permits)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (limiter.QueuedPermits != permits)
        {
            guard.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
