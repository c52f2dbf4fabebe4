using System.Net;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static KenyaSms.AspNetCore.Tests.DeliveryReportTestHost;

namespace KenyaSms.AspNetCore.Tests;

// Only a report the handler finished is acknowledged as done: a report still being handled (here, or on a server
// that died mid-handling) is answered 503 so that the provider sends it again, and a failed call leaves it retryable.
public sealed class DeliveryReportEndpointRetryTests
{
    [Fact]
    public async Task Post_DuplicateWhileTheFirstIsStillHandled_Returns503AndTheRetryAfterAFailureIsHandled()
    {
        await using DeliveryReportTestHost host = await StartAsync();
        (Task entered, TaskCompletionSource release) = BlockFirstCall(host);

        Task<HttpResponseMessage> first = host.PostAsync(Report());
        await entered;
        using HttpResponseMessage duplicate = await host.PostAsync(Report());
        release.SetException(new InvalidOperationException("database down"));
        using HttpResponseMessage failed = await first;
        using HttpResponseMessage retried = await host.PostAsync(Report());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duplicate.StatusCode);
        Assert.NotNull(duplicate.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, host.Handled.Calls);
        Assert.Equal("27312989", Assert.Single(host.Handled.Reports).MessageId);
    }

    [Fact]
    public async Task Post_DuplicateWhileTheFirstIsStillHandled_IsAcknowledgedOnlyAfterTheFirstSucceeds()
    {
        await using DeliveryReportTestHost host = await StartAsync();
        (Task entered, TaskCompletionSource release) = BlockFirstCall(host);

        Task<HttpResponseMessage> first = host.PostAsync(Report());
        await entered;
        using HttpResponseMessage duplicate = await host.PostAsync(Report());
        release.SetResult();
        using HttpResponseMessage handled = await first;
        using HttpResponseMessage later = await host.PostAsync(Report());

        Assert.Equal(
            (HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK),
            (duplicate.StatusCode, handled.StatusCode, later.StatusCode));
        Assert.Equal(1, host.Handled.Calls);
    }

    // Two servers share a durable store. The first dies while its handler runs (here: the handler never returns);
    // the provider's retry reaches the second server. It must not be told "done" while nobody has handled the
    // report, and once the dead server's claim has lapsed the retry must reach a handler.
    [Fact]
    public async Task Post_ServerDiesWhileHandling_RetryOnAnotherServerIsRefusedThenHandledAfterTheClaimLapses()
    {
        var time = new FakeTimeProvider();
        var shared = new InMemoryDeliveryReportStore(time);
        Action<IServiceCollection> sharing = s => s.AddSingleton<TimeProvider>(time).AddSingleton<IDeliveryReportStore>(shared);
        await using DeliveryReportTestHost dying = await StartAsync(services: sharing);
        await using DeliveryReportTestHost other = await StartAsync(services: sharing);
        (Task entered, TaskCompletionSource never) = BlockFirstCall(dying);

        Task<HttpResponseMessage> lost = dying.PostAsync(Report());
        try
        {
            await entered;
            using HttpResponseMessage retry = await other.PostAsync(Report());
            time.Advance(DeliveryReportDispatcher.ClaimLease - TimeSpan.FromMilliseconds(1));
            using HttpResponseMessage retryJustBeforeTheLapse = await other.PostAsync(Report());
            int callsWhileClaimed = other.Handled.Calls;
            time.Advance(TimeSpan.FromMilliseconds(1));
            using HttpResponseMessage retryAfterTheLapse = await other.PostAsync(Report());

            Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (retry.StatusCode, retryJustBeforeTheLapse.StatusCode));
            Assert.Equal(0, callsWhileClaimed);
            Assert.Equal(HttpStatusCode.OK, retryAfterTheLapse.StatusCode);
            Assert.Equal("27312989", Assert.Single(other.Handled.Reports).MessageId);
        }
        finally
        {
            // Let the "dead" server's request end so that its host can stop.
            never.TrySetException(new InvalidOperationException("process gone"));
            (await lost).Dispose();
        }

        // Its late failure does not undo what the other server handled.
        using HttpResponseMessage afterAll = await other.PostAsync(Report());
        Assert.Equal(HttpStatusCode.OK, afterAll.StatusCode);
        Assert.Equal(1, other.Handled.Calls);
    }

    // The handler throws and the store then fails to release the claim: the report is not lost, only held off until
    // the claim lapses (before, a failed RemoveAsync left it recorded and every retry was answered 200 unhandled).
    [Fact]
    public async Task Post_StoreFailsAfterTheHandlerThrows_RetryIsRefusedUntilTheClaimLapsesThenHandled()
    {
        var time = new FakeTimeProvider();
        var store = new FailingStore(new InMemoryDeliveryReportStore(time));
        await using DeliveryReportTestHost host = await StartAsync(services: s => s.AddSingleton<TimeProvider>(time).AddSingleton<IDeliveryReportStore>(store));
        host.Handled.OnHandle = call =>
        {
            store.Failing = call == 1;
            return call == 1 ? throw new InvalidOperationException("database down") : Task.CompletedTask;
        };

        using HttpResponseMessage failed = await host.PostAsync(Report());
        store.Failing = false;
        using HttpResponseMessage retry = await host.PostAsync(Report());
        time.Advance(DeliveryReportDispatcher.ClaimLease);
        using HttpResponseMessage lateRetry = await host.PostAsync(Report());

        Assert.Equal(
            (HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK),
            (failed.StatusCode, retry.StatusCode, lateRetry.StatusCode));
        Assert.Equal(2, host.Handled.Calls);
        Assert.Single(host.Handled.Reports);
        Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 4010);
    }

    // Two reports of one message never run at once, so the handler cannot finish them out of order.
    [Fact]
    public async Task Post_NewerStatusWhileTheMessageIsHandled_Returns503ThenIsHandledAfterIt()
    {
        await using DeliveryReportTestHost host = await StartAsync();
        (Task entered, TaskCompletionSource release) = BlockFirstCall(host);

        Task<HttpResponseMessage> sent = host.PostAsync(Report("31", "DeliveredToNetwork"));
        await entered;
        using HttpResponseMessage deliveredEarly = await host.PostAsync(Report("31", "DeliveredToTerminal"));
        release.SetResult();
        using HttpResponseMessage sentDone = await sent;
        using HttpResponseMessage delivered = await host.PostAsync(Report("31", "DeliveredToTerminal"));

        Assert.Equal(
            (HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK),
            (deliveredEarly.StatusCode, sentDone.StatusCode, delivered.StatusCode));
        Assert.Equal([DeliveryStatus.Submitted, DeliveryStatus.Delivered], host.Handled.Reports.Select(r => r.Status));
    }

    // The handler's first call waits, once it has started, until the test completes or fails the returned source.
    private static (Task Entered, TaskCompletionSource Release) BlockFirstCall(DeliveryReportTestHost host)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Handled.OnHandle = call =>
        {
            if (call != 1)
            {
                return Task.CompletedTask;
            }

            entered.SetResult();
            return release.Task;
        };
        return (entered.Task, release);
    }

    // A shared store whose writes fail while Failing is set (its reads keep working).
    private sealed class FailingStore(IDeliveryReportStore inner) : IDeliveryReportStore
    {
        public volatile bool Failing;

        public ValueTask<string?> GetAsync(string provider, string messageId, CancellationToken cancellationToken) =>
            inner.GetAsync(provider, messageId, cancellationToken);

        public ValueTask<bool> TryReplaceAsync(string provider, string messageId, string? expected, string record, CancellationToken cancellationToken) =>
            Failing ? throw new IOException("store unreachable") : inner.TryReplaceAsync(provider, messageId, expected, record, cancellationToken);
    }
}
