using System.Net;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Resilience;

// reliability.md, "When a request may be retried", read column: balance (both providers) and Synqtel's number
// lookup retry on every transient failure, a 5xx, a reset or a timeout included, and never on an unreadable 200.
public class ReadRetryRuleTests
{
    public enum Fault
    {
        Http500,
        Http502,
        Http503,
        Http504,
        Http429,
        Reset,
        Timeout,
        Refused,
    }

    public static TheoryData<string, Fault> BalanceFaults => ProviderReplies.ForBoth(Enum.GetValues<Fault>());

    public static TheoryData<string> Providers => ProviderReplies.Both;

    public static TheoryData<Fault> Faults => [.. Enum.GetValues<Fault>()];

    [Theory]
    [MemberData(nameof(BalanceFaults))]
    public async Task GetBalance_TransientFailureThenOk_RetriedAndSucceeds(string provider, Fault fault)
    {
        await using ResilienceTestHost host = await StartWithFaultAsync(provider, fault);

        SmsBalance balance = await host.BalanceAsync();

        Assert.Equal(provider == ProviderReplies.Qserve ? 345m : 9871m, balance.Credits);
        Assert.Equal(1, host.RetriesLogged);
        Assert.Equal(fault == Fault.Refused ? 1 : 2, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Lookup_TransientFailureThenOk_RetriedAndSucceeds(Fault fault)
    {
        await using ResilienceTestHost host = await StartWithFaultAsync(ProviderReplies.Synqtel, fault);

        PhoneNumberLookup lookup = await host.LookupAsync();

        Assert.True(lookup.IsValid);
        Assert.Equal(1, host.RetriesLogged);
        Assert.Equal(fault == Fault.Refused ? 1 : 2, host.Server.ReceivedCount);
        Assert.All(host.Server.Requests, r => Assert.Equal("/mobile?mobile=254722123456&return=json", r.PathAndQuery));
    }

    [Theory]
    [InlineData("1005")]
    [InlineData("1007")]
    [InlineData("1008")]
    public async Task GetBalance_SynqtelTryLaterStatus_RetriedAndSucceeds(string code)
    {
        await using ResilienceTestHost host = await StartAsync(ProviderReplies.Synqtel);
        host.Server.Enqueue(ProviderReplies.Error(ProviderReplies.Synqtel, code));

        SmsBalance balance = await host.BalanceAsync();

        Assert.Equal(9871m, balance.Credits);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    [Fact]
    public async Task Lookup_SynqtelTryLaterStatus_RetriedAndSucceeds()
    {
        await using ResilienceTestHost host = await StartAsync(ProviderReplies.Synqtel);
        host.Server.Enqueue(ProviderReplies.Error(ProviderReplies.Synqtel, "1005"));

        PhoneNumberLookup lookup = await host.LookupAsync();

        Assert.True(lookup.IsValid);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetBalance_ServerErrorForGood_TransportAfterEveryAttempt(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Fallback = _ => Behavior.Respond(500, "<html>down</html>", "text/html");

        SmsGatewayException ex = await FailsAsync(() => host.BalanceAsync());

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.HttpStatusCode);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenSent); // always false for reads
        Assert.Equal(3, host.RetriesLogged);
        Assert.Equal(4, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetBalance_TimeoutForGood_TransportAfterEveryAttempt(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, o =>
        {
            ShortAttempts(o);
            o.MaxRetryAttempts = 1;
        });
        host.Server.Fallback = _ => Behavior.Stall();

        SmsGatewayException ex = await FailsAsync(() => host.BalanceAsync());

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenSent);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetBalance_Unreadable200_InvalidResponseNotRetried(string provider)
    {
        foreach (string body in SendRetryRuleTests.UnreadableBodyTexts)
        {
            await using ResilienceTestHost host = await StartAsync(provider);
            host.Server.Enqueue(Behavior.Respond(200, body));

            SmsGatewayException ex = await FailsAsync(() => host.BalanceAsync());

            Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
            Assert.False(ex.MayHaveBeenSent);
            Assert.Equal(1, host.Server.ReceivedCount);
        }
    }

    [Fact]
    public async Task Lookup_Unreadable200_InvalidResponseNotRetried()
    {
        await using ResilienceTestHost host = await StartAsync(ProviderReplies.Synqtel);
        host.Server.Enqueue(Behavior.Respond(200, "<html>login</html>", "text/html"));

        SmsGatewayException ex = await FailsAsync(() => host.LookupAsync());

        Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetBalance_MaxRetryAttemptsZero_NotRetried(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, o => o.MaxRetryAttempts = 0);
        host.Server.Enqueue(Behavior.Respond(500, ""));

        SmsGatewayException ex = await FailsAsync(() => host.BalanceAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, ex.HttpStatusCode);
        host.AssertReceivedOnceNotRetried();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetBalance_CallerCancelsMidFlight_OperationCanceledNoRetry(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);

        await host.CancelMidFlightAsync(host.BalanceAsync);

        host.AssertReceivedOnceNotRetried();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Balance_TotalTimeoutDuringBackoffAfter503_IsATimeoutNotAnUnreadableBody(string provider)
    {
        var time = new ArmedTimersFakeTimeProvider();
        var primary = new Always503Handler();
        HostSetup setup = HostSetup.For(provider);
        setup.Time = time;
        setup.PrimaryHandlers[provider] = () => primary;
        setup.Resilience = o =>
        {
            o.TotalTimeout = TimeSpan.FromSeconds(3);
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.BaseDelay = TimeSpan.FromMinutes(1); // the backoff outlasts the total budget
        };
        await using ResilienceTestHost host = await StartAsync(setup);

        Task<SmsBalance> balance = host.BalanceAsync();
        await time.WaitForArmedTimersAsync(2); // the total timeout and the backoff (the stub answers at once)
        time.Advance(TimeSpan.FromSeconds(3));
        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => balance);

        // The 503's body was read whole: the budget ran out while waiting to retry, not while reading a body.
        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.Contains("timed out after", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("did not arrive", ex.Message, StringComparison.Ordinal);
        Assert.True(primary.Calls >= 1);
    }

    /// <summary>Answers every request 503 at once (no socket), so the retry's backoff starts synchronously.</summary>
    private sealed class Always503Handler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new ByteArrayContent([]), RequestMessage = request });
        }
    }

    private static async Task<ResilienceTestHost> StartWithFaultAsync(string provider, Fault fault)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.Resilience = fault == Fault.Timeout ? RecoveringAttempts : null;
        if (fault == Fault.Refused)
        {
            setup.PrimaryHandlers[provider] = () => new RefuseFirstConnectionHandler();
        }

        ResilienceTestHost host = await StartAsync(setup);
        Behavior? first = fault switch
        {
            Fault.Http500 => Behavior.Respond(500, "<html>oops</html>", "text/html"),
            Fault.Http502 => Behavior.Respond(502, ""),
            Fault.Http503 => Behavior.Respond(503, ""),
            Fault.Http504 => Behavior.Respond(504, ""),
            Fault.Http429 => Behavior.Respond(429, "", headers: ("Retry-After", "0")),
            Fault.Reset => Behavior.AbortAfterReadingBody(),
            Fault.Timeout => Behavior.Stall(),
            _ => null,
        };
        if (first is not null)
        {
            host.Server.Enqueue(first);
        }

        return host;
    }
}
