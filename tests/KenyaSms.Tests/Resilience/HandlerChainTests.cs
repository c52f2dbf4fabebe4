using System.Net;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Resilience;

// The send rule must hold whatever the application puts around the SDK's requests: handlers on the SDK's named
// clients, handlers for every client (ConfigureHttpClientDefaults, as Aspire's service defaults do), redirects.
// Every "sent" is what the loopback provider fully read.
public class HandlerChainTests
{
    public enum Placement
    {
        /// <summary><c>services.AddHttpClient("KenyaSms.Synqtel").AddHttpMessageHandler(...)</c>, as the README invites.</summary>
        OnTheSdkClient,

        /// <summary><c>services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(...))</c>.</summary>
        ForEveryClient,
    }

    public static TheoryData<string> Providers => ProviderReplies.Both;

    public static TheoryData<string, string, Placement> BodyReaders
    {
        get
        {
            var data = new TheoryData<string, string, Placement>();
            foreach (string provider in ProviderReplies.Names)
            {
                foreach (string handler in new[] { "logging", "signing", "cloning" })
                {
                    data.Add(provider, handler, Placement.OnTheSdkClient);
                    data.Add(provider, handler, Placement.ForEveryClient);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, int> Redirects => ProviderReplies.ForBoth([301, 302, 303, 307, 308]);

    // Defect: a handler that reads the body made .NET buffer it; later attempts wrote the buffer without the SDK
    // noticing, so a reset after the second body looked like "nothing sent" and was retried (3 requests, success).
    [Theory]
    [MemberData(nameof(BodyReaders))]
    public async Task Send_HandlerReadsTheBody_ResetAfterSecondBody_NotRetriedMayHaveBeenSent(string provider, string handler, Placement placement)
    {
        await using ResilienceTestHost host = await StartWithAppAsync(provider, services => Add(services, provider, placement, handler));
        host.Server.Enqueue(Behavior.Respond(503, ""), Behavior.AbortAfterReadingBody());

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    // The same read must not make a refused connection look like "the body went out": it is still retried, and honest.
    [Theory]
    [InlineData("synqtel", "logging")]
    [InlineData("synqtel", "signing")]
    [InlineData("qserve", "logging")]
    [InlineData("qserve", "signing")]
    public async Task Send_HandlerReadsTheBody_ConnectionRefused_RetriedNothingSent(string provider, string handler)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.BaseAddresses[provider] = ClosedPort.Create();
        setup.Services = services => Add(services, provider, Placement.OnTheSdkClient, handler);
        await using ResilienceTestHost host = await StartAsync(setup);

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.False(ex.MayHaveBeenSent);
        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.Equal(3, host.RetriesLogged);
    }

    [Theory]
    [MemberData(nameof(BodyReaders))]
    public async Task Send_HandlerReadsTheBody_Accepted_OneRequestAndTheSameBody(string provider, string handler, Placement placement)
    {
        await using ResilienceTestHost host = await StartWithAppAsync(provider, services => Add(services, provider, placement, handler));

        SmsSendResult result = await host.SendOneAsync();

        Assert.True(result.IsSuccess);
        RecordedRequest request = Assert.Single(host.Server.Requests);
        Assert.Contains("254722123456", request.BodyText, StringComparison.Ordinal);
    }

    // Defect: the named clients followed redirects, so the target's 404 became "the provider did not accept the send"
    // (a lie), and a failover chain sent the same SMS through the next provider.
    [Theory]
    [MemberData(nameof(Redirects))]
    public async Task Send_RedirectAfterTheBody_NotFollowedMayHaveBeenSent(string provider, int status)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Enqueue(Behavior.Respond(status, "", "text/plain", ("Location", "/done")));

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal((HttpStatusCode)status, ex.HttpStatusCode);
        Assert.Contains("redirect", ex.Message, StringComparison.OrdinalIgnoreCase);
        RecordedRequest only = Assert.Single(host.Server.Requests);
        Assert.Equal("POST", only.Method);
        Assert.Equal(0, host.RetriesLogged);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_RedirectAfterTheBody_FailoverDoesNotSendAgain(string provider)
    {
        string other = provider == ProviderReplies.Qserve ? ProviderReplies.Synqtel : ProviderReplies.Qserve;
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(provider, other));
        host.Server.Enqueue(Behavior.Respond(302, "", "text/plain", ("Location", "/done")));

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(1, host.Server.ReceivedCount);
        Assert.Equal(0, host.ServerOf(other).ReceivedCount);
    }

    // Defect: HttpClient strips only Authorization on a redirect, so a 307 to another host received the API key
    // (Synqtel's h_api_key header, 254sms's JSON body) and the send was reported accepted.
    [Theory]
    [MemberData(nameof(Redirects))]
    public async Task Send_RedirectToAnotherHost_OtherHostReceivesNothing(string provider, int status)
    {
        await using LoopbackServer elsewhere = await LoopbackServer.StartAsync();
        elsewhere.Fallback = r => ProviderReplies.Success(provider, r);
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Enqueue(Behavior.Respond(status, "", "text/plain", ("Location", new Uri(elsewhere.BaseAddress, "sendsms").AbsoluteUri)));

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(0, elsewhere.ReceivedCount);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    // An application's own primary handler that wraps a SocketsHttpHandler (a proxy or certificate setup, say): the
    // SDK finds the handler at the bottom and turns redirects off there too.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_RedirectToAnotherHostThroughAWrappedPrimary_OtherHostReceivesNothing(string provider)
    {
        await using LoopbackServer elsewhere = await LoopbackServer.StartAsync();
        elsewhere.Fallback = r => ProviderReplies.Success(provider, r);
        HostSetup setup = HostSetup.For(provider);
        setup.PrimaryHandlers[provider] = () => new PassThroughHandler(new SocketsHttpHandler());
        await using ResilienceTestHost host = await StartAsync(setup);
        host.Server.Enqueue(Behavior.Respond(307, "", "text/plain", ("Location", new Uri(elsewhere.BaseAddress, "sendsms").AbsoluteUri)));

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(0, elsewhere.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Balance_RedirectToAnotherHost_OtherHostReceivesNothing(string provider)
    {
        await using LoopbackServer elsewhere = await LoopbackServer.StartAsync();
        elsewhere.Fallback = r => ProviderReplies.Success(provider, r);
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Fallback = _ => Behavior.Respond(307, "", "text/plain", ("Location", elsewhere.BaseAddress.AbsoluteUri));

        SmsGatewayException ex = await FailsAsync(() => host.BalanceAsync());

        Assert.Equal((HttpStatusCode)307, ex.HttpStatusCode);
        Assert.Equal(0, elsewhere.ReceivedCount);
    }

    // Defect: 408 counted as "not accepted, try later", so a send whose body the provider read was sent again.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_RequestTimeout408AfterTheBody_NotRetriedMayHaveBeenSent(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Enqueue(Behavior.Respond(408, ""));

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(HttpStatusCode.RequestTimeout, ex.HttpStatusCode);
        host.AssertReceivedOnceNotRetried();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Balance_RequestTimeout408_Retried(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Enqueue(Behavior.Respond(408, ""));

        SmsBalance balance = await host.BalanceAsync();

        Assert.True(balance.Credits > 0);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    // Defect: Aspire's service defaults put Microsoft's standard resilience handler around every client, outside the
    // SDK's; it re-sent a send that got HTTP 500 (2 requests, success).
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_StandardResilienceHandlerOnEveryClient_500_OneRequestMayHaveBeenSent(string provider)
    {
        await using ResilienceTestHost host = await StartWithAppAsync(provider, StandardResilienceForEveryClient);
        host.Server.Enqueue(Behavior.Respond(500, ""));

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.HttpStatusCode);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_NaiveRetryOnEveryClient_500_OneRequestMayHaveBeenSent(string provider)
    {
        await using ResilienceTestHost host = await StartWithAppAsync(provider, services => services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(UserHandlers.NaiveRetry)));
        host.Server.Enqueue(Behavior.Respond(500, ""));

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_NaiveRetryOnTheSdkClient_ResetAfterBody_OneRequestMayHaveBeenSent(string provider)
    {
        await using ResilienceTestHost host = await StartWithAppAsync(provider, services => services.AddHttpClient(ClientOf(provider)).AddHttpMessageHandler(UserHandlers.NaiveRetry));
        host.Server.Enqueue(Behavior.AbortAfterReadingBody());

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    // What outer layers may still do: retry what the provider certainly refused, and retry reads.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_StandardResilienceHandlerOnEveryClient_503ThenOk_AcceptedOnce(string provider)
    {
        await using ResilienceTestHost host = await StartWithAppAsync(provider, StandardResilienceForEveryClient);
        host.Server.Enqueue(Behavior.Respond(503, ""));

        SmsSendResult result = await host.SendOneAsync();

        Assert.True(result.IsSuccess);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Balance_StandardResilienceHandlerOnEveryClient_500ThenOk_Answered(string provider)
    {
        await using ResilienceTestHost host = await StartWithAppAsync(provider, StandardResilienceForEveryClient);
        host.Server.Enqueue(Behavior.Respond(500, ""));

        SmsBalance balance = await host.BalanceAsync();

        Assert.True(balance.Credits > 0);
    }

    // Defect: a body-logging handler for every client, a provider that reads each body and stalls, and a failover
    // chain: the first provider read 4 bodies, then the second one sent the SMS too (5 copies of one SMS).
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_BodyLoggingOnEveryClient_ProviderStalls_OneCopyNoFailover(string provider)
    {
        string other = provider == ProviderReplies.Qserve ? ProviderReplies.Synqtel : ProviderReplies.Qserve;
        HostSetup setup = HostSetup.For(provider, other);
        setup.Resilience = RecoveringAttempts;
        setup.Services = services => Add(services, provider, Placement.ForEveryClient, "logging");
        await using ResilienceTestHost host = await StartAsync(setup);
        host.Server.Fallback = _ => Behavior.Stall();

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(1, host.Server.ReceivedCount);
        Assert.Equal(0, host.ServerOf(other).ReceivedCount);
    }

    // Defence in depth: a handler-builder filter registered before the SDK post-processes after the SDK's, and can still
    // put a retrying handler outermost. The SDK's handler then refuses to be entered again for a send that went out.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_RetryHandlerPutOutsideTheSdkByAFilter_500_OneRequestMayHaveBeenSent(string provider)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.Before = services => services.AddSingleton<IHttpMessageHandlerBuilderFilter>(new OutermostHandlerFilter(UserHandlers.NaiveRetry));
        await using ResilienceTestHost host = await StartAsync(setup);
        host.Server.Enqueue(Behavior.Respond(500, ""));

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.HttpStatusCode);
        Assert.Equal(1, host.Server.ReceivedCount);
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 1013);
    }

    // Microsoft's hedging handler sends a copy of a slow request: for a send, the copy never reaches the network.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_HedgingHandlerOnEveryClient_SlowAnswer_OneRequestAccepted(string provider)
    {
        var attempts = new CountSignal();
        HostSetup setup = HostSetup.For(provider);
        setup.Services = services =>
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardHedgingHandler().Configure(o => o.Hedging.Delay = TimeSpan.FromMilliseconds(20)));
            // Inside the hedging handler: sees the first request and the hedged copy on their way to the network.
            services.AddHttpClient(ClientOf(provider)).AddHttpMessageHandler(() => new CountingHandler(attempts));
        };
        await using ResilienceTestHost host = await StartAsync(setup);
        var answer = new TaskCompletionSource();
        host.Server.Fallback = r => Behavior.After(answer.Task, ProviderReplies.Success(provider, r));

        Task<SmsSendResult> sending = host.SendOneAsync();
        await host.Server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await attempts.WaitAsync(2, CancellationToken.None).WaitAsync(Guard); // the hedged copy was tried while the first was out
        answer.SetResult();
        SmsSendResult result = await sending;

        Assert.True(result.IsSuccess);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    // The race the hedging handler cannot see: the original's 200 and the refused copy finish together. Here the
    // original's answer is held back until the copy has failed, so the hedging handler sees the copy first; it must
    // still take the original's 200, not report the accepted send as failed.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_HedgingHandler_CopyRefusalSeenBeforeOriginalsAnswer_OriginalWins(string provider)
    {
        var order = new HoldFirstUntilSecondEnds();
        HostSetup setup = HostSetup.For(provider);
        setup.Services = services =>
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardHedgingHandler().Configure(o => o.Hedging.Delay = TimeSpan.FromMilliseconds(20)));
            services.AddHttpClient(ClientOf(provider)).AddHttpMessageHandler(() => new OrderingHandler(order));
        };
        await using ResilienceTestHost host = await StartAsync(setup);
        var answer = new TaskCompletionSource();
        host.Server.Fallback = r => Behavior.After(answer.Task, ProviderReplies.Success(provider, r));

        Task<SmsSendResult> sending = host.SendOneAsync();
        await host.Server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await order.SecondStarted.WaitAsync(Guard); // the hedged copy is queued behind the original
        answer.SetResult();
        SmsSendResult result = await sending;

        Assert.True(order.SecondFailed, "the copy should have been refused");
        Assert.True(result.IsSuccess);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    // One provider, with what the application adds around the SDK (registered after it).
    private static Task<ResilienceTestHost> StartWithAppAsync(string provider, Action<IServiceCollection> application)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.Services = application;
        return StartAsync(setup);
    }

    // What .NET Aspire's service defaults do.
    private static void StandardResilienceForEveryClient(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());

    private static string ClientOf(string provider) =>
        provider == ProviderReplies.Qserve ? QserveSmsGateway.HttpClientName : SynqtelSmsGateway.HttpClientName;

    private static void Add(IServiceCollection services, string provider, Placement placement, string handler)
    {
        Func<DelegatingHandler> create = handler switch
        {
            "logging" => UserHandlers.BodyLogging,
            "signing" => UserHandlers.Signing,
            "cloning" => UserHandlers.Cloning,
            _ => throw new ArgumentOutOfRangeException(nameof(handler), handler, null),
        };

        if (placement == Placement.OnTheSdkClient)
        {
            services.AddHttpClient(ClientOf(provider)).AddHttpMessageHandler(create);
        }
        else
        {
            services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(create));
        }
    }

    private sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);

    private sealed class CountingHandler(CountSignal count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (count)
            {
                count.Set(count.Current + 1);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class HoldFirstUntilSecondEnds
    {
        private readonly TaskCompletionSource _secondStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _secondEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public Task SecondStarted => _secondStarted.Task;

        public Task SecondEnded => _secondEnded.Task;

        public bool SecondFailed { get; set; }

        public int Next() => Interlocked.Increment(ref _calls);

        public void StartSecond() => _secondStarted.TrySetResult();

        public void EndSecond() => _secondEnded.TrySetResult();
    }

    // The first call's answer goes up only after the second call (the hedged copy) has ended.
    private sealed class OrderingHandler(HoldFirstUntilSecondEnds order) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int call = order.Next();
            if (call == 2)
            {
                order.StartSecond();
                try
                {
                    return await base.SendAsync(request, cancellationToken);
                }
                catch
                {
                    order.SecondFailed = true;
                    throw;
                }
                finally
                {
                    order.EndSecond();
                }
            }

            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (call == 1)
            {
                await order.SecondEnded.WaitAsync(cancellationToken);
            }

            return response;
        }
    }

    private sealed class OutermostHandlerFilter(Func<DelegatingHandler> create) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            builder.AdditionalHandlers.Insert(0, create());
        };
    }
}
