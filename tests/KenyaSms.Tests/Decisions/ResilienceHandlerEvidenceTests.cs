using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace KenyaSms.Tests.Decisions;

/// <summary>
/// Evidence for docs/decisions.md (A): two behaviours of Microsoft.Extensions.Http.Resilience's <c>AddResilienceHandler</c>
/// that the SDK's own handler does not have. Not a test of KenyaSms.
/// </summary>
public sealed class ResilienceHandlerEvidenceTests
{
    [Fact]
    public async Task Polly_telemetry_logs_every_attempt_and_every_retry_on_its_own()
    {
        int calls = 0;
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddHttpClient("evidence")
            .ConfigurePrimaryHttpMessageHandler(() => new Stub(_ => Interlocked.Increment(ref calls) == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK))
            .AddResilienceHandler("sms", b => b.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Delay = TimeSpan.Zero,
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Result?.StatusCode == HttpStatusCode.ServiceUnavailable),
            }));
        await using ServiceProvider provider = services.BuildServiceProvider();

        using HttpResponseMessage response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("evidence").GetAsync(new Uri("https://example.invalid/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        IReadOnlyList<FakeLogRecord> polly = [.. provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Category == "Polly")];
        string Lines(LogLevel level) => string.Join(" | ", polly.Where(r => r.Level == level).Select(r => r.Id.Name));
        // One send that was retried once: a warning for the failed attempt and one for the retry (beside whatever the
        // SDK logs itself, event 1006), and Information lines for the attempt that worked and the pipeline's end: every
        // send writes Information lines under "Polly", which a host's default level (Information) keeps.
        Assert.Equal("ExecutionAttempt | ResilienceEvent", Lines(LogLevel.Warning));
        Assert.Equal("ExecutionAttempt | StrategyExecuted", Lines(LogLevel.Information));
        Assert.Equal("StrategyExecuting", Lines(LogLevel.Debug));
    }

    [Fact]
    public async Task The_response_body_is_read_after_the_pipeline_returned_so_its_timeouts_do_not_cover_it()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("evidence", c => c.Timeout = Timeout.InfiniteTimeSpan) // as the SDK sets it
            .ConfigurePrimaryHttpMessageHandler(() => new Stub(_ => HttpStatusCode.OK, bodyDelay: TimeSpan.FromSeconds(1)))
            .AddResilienceHandler("sms", b => b.AddTimeout(TimeSpan.FromMilliseconds(200)).AddTimeout(TimeSpan.FromMilliseconds(100)));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var watch = Stopwatch.StartNew();
        using HttpResponseMessage response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("evidence").GetAsync(new Uri("https://example.invalid/"));
        string body = await response.Content.ReadAsStringAsync();

        // No TimeoutRejectedException: the 1 s body arrived in full although both timeouts were far shorter. The SDK's
        // handler buffers the body inside the attempt (BufferedContent), where the attempt timeout and the size cap apply.
        Assert.Equal("{}", body);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"took {watch.Elapsed}");
    }

    private sealed class Stub(Func<HttpRequestMessage, HttpStatusCode> status, TimeSpan bodyDelay = default) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status(request)) { Content = new StreamContent(new SlowStream(bodyDelay)), RequestMessage = request });
    }

    /// <summary>"{}" after a delay; the token a read gets is HttpClient's (infinite timeout here), not the pipeline's.</summary>
    private sealed class SlowStream(TimeSpan delay) : MemoryStream("{}"u8.ToArray())
    {
        private bool _waited;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_waited && delay > TimeSpan.Zero)
            {
                _waited = true;
                await Task.Delay(delay, cancellationToken);
            }

            return await base.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
