using System.Globalization;
using System.Net;
using KenyaSms.Tests.Infrastructure;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Resilience;

// reliability.md, "When a request may be retried", send column, and R1-R10, R12, over real HTTP through DI.
// Every assertion on "sent" counts what the loopback provider fully received.
public class SendRetryRuleTests
{
    public static TheoryData<string> Providers => ProviderReplies.Both;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_ConnectionRefusedForGood_RetriedThenTransportNotSent(string provider)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.BaseAddresses[provider] = ClosedPort.Create();
        await using ResilienceTestHost host = await StartAsync(setup);

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenSent);
        Assert.Null(ex.HttpStatusCode);
        Assert.Equal(provider, ex.Provider);
        Assert.Equal(HttpRequestError.ConnectionError, Assert.IsType<HttpRequestException>(ex.InnerException).HttpRequestError);
        Assert.Contains("the connection to the provider could not be made (refused, or the host cannot be reached)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, host.RetriesLogged); // MaxRetryAttempts default 3
        Assert.Equal(0, host.Server.ReceivedCount);
    }

    // DNS cannot be exercised without a network: the handler fails as SocketsHttpHandler does, before the body.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_NameResolutionFailsForGood_RetriedThenTransportNotSent(string provider)
    {
        var dns = new FailingHandler(() => new HttpRequestException(HttpRequestError.NameResolutionError, "No such host is known. (api.example:443)"));
        await using ResilienceTestHost host = await StartAsync(provider, dns);

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenSent);
        Assert.Equal(4, dns.Calls);
    }

    // The body went out, then the connection failed (an IOException inside, as SocketsHttpHandler reports a reset).
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_FailureAfterBodyWritten_NotRetriedMayHaveBeenSent(string provider)
    {
        var reset = new FailingHandler(() => new HttpRequestException(HttpRequestError.Unknown, "Error while copying content", new IOException("Connection reset by peer")), writeBodyFirst: true);
        await using ResilienceTestHost host = await StartAsync(provider, reset);

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(1, reset.Calls);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_RefusedOnceThenUp_RetriedAndSentOnce(string provider)
    {
        var refuser = new RefuseFirstConnectionHandler();
        await using ResilienceTestHost host = await StartAsync(provider, refuser);

        SmsSendResult result = await host.SendAsync();

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.AcceptedCount);
        Assert.Equal(2, refuser.Calls);
        Assert.Equal(1, host.RetriesLogged);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_StallAfterBodyPastAttemptTimeout_OneRequestMayHaveBeenSent(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, RecoveringAttempts);
        host.Server.Enqueue(Behavior.Stall());

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.True(ex.MayHaveBeenSent);
        Assert.True(ex.IsTransient);
        host.AssertReceivedOnceNotRetried();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_ResetAfterBody_OneRequestMayHaveBeenSent(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Enqueue(Behavior.AbortAfterReadingBody());

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.True(ex.MayHaveBeenSent);
        host.AssertReceivedOnceNotRetried();
    }

    // The same fault on a kept-alive connection: SocketsHttpHandler must not silently re-send the POST itself.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_ResetAfterBodyOnReusedConnection_OneRequestMayHaveBeenSent(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        await host.BalanceAsync(); // opens the connection the send will reuse
        host.Server.Enqueue(Behavior.AbortAfterReadingBody());

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(1, host.Server.ConnectionsAccepted);
        Assert.Equal(1, host.Server.Requests.Count(r => r.Path.EndsWith("send" + (provider == ProviderReplies.Synqtel ? "multiple" : "sms"), StringComparison.Ordinal)));
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_ResetAfterBodyWithRetryAmbiguousSends_RetriedWithIdenticalBody(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, o => o.RetryAmbiguousSends = true);
        host.Server.Enqueue(Behavior.AbortAfterReadingBody());

        SmsSendResult result = await host.SendAsync();

        Assert.True(result.IsSuccess);
        IReadOnlyList<RecordedRequest> requests = host.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
        if (provider == ProviderReplies.Synqtel)
        {
            Assert.Contains("\"client_ref\"", requests[0].BodyText, StringComparison.Ordinal);
            Assert.Equal(
                result.Recipients.Select(r => r.ClientReference),
                System.Text.Json.Nodes.JsonNode.Parse(requests[1].BodyText)!["messages"]!.AsArray().Select(m => (string?)m!["client_ref"]!.GetValue<string>()));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_StallWithRetryAmbiguousSends_RetriedWithIdenticalBody(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, o =>
        {
            RecoveringAttempts(o);
            o.RetryAmbiguousSends = true;
        });
        host.Server.Enqueue(Behavior.Stall());

        SmsSendResult result = await host.SendAsync();

        Assert.True(result.IsSuccess);
        IReadOnlyList<RecordedRequest> requests = host.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    public static TheoryData<string, int> AmbiguousStatuses => new()
    {
        { ProviderReplies.Qserve, 500 }, { ProviderReplies.Qserve, 502 }, { ProviderReplies.Qserve, 504 },
        { ProviderReplies.Synqtel, 500 }, { ProviderReplies.Synqtel, 502 }, { ProviderReplies.Synqtel, 504 },
    };

    [Theory]
    [MemberData(nameof(AmbiguousStatuses))]
    public async Task Send_AmbiguousServerError_NotRetriedMayHaveBeenSent(string provider, int status)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Enqueue(Behavior.Respond(status, "<html><body>upstream trouble</body></html>", "text/html"));

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal((HttpStatusCode)status, ex.HttpStatusCode);
        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.True(ex.MayHaveBeenSent);
        Assert.True(ex.IsTransient);
        host.AssertReceivedOnceNotRetried();
    }

    public static TheoryData<string, int> RefusalStatuses => new()
    {
        { ProviderReplies.Qserve, 503 }, { ProviderReplies.Qserve, 429 },
        { ProviderReplies.Synqtel, 503 }, { ProviderReplies.Synqtel, 429 },
    };

    [Theory]
    [MemberData(nameof(RefusalStatuses))]
    public async Task Send_RefusedTwiceThenOk_RetriedAndSentOnce(string provider, int status)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Enqueue(Behavior.Respond(status, ""), Behavior.Respond(status, "{}"));

        SmsSendResult result = await host.SendAsync();

        Assert.True(result.IsSuccess);
        Assert.Equal(2, host.RetriesLogged);
        Assert.Equal(3, host.Server.ReceivedCount);
        Assert.Single(host.Server.Requests.Select(r => r.BodyText).Distinct()); // every attempt carries the same body
    }

    [Theory]
    [MemberData(nameof(RefusalStatuses))]
    public async Task Send_RefusedForGood_RetriedThenNotSent(string provider, int status)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Fallback = _ => Behavior.Respond(status, "");

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal((HttpStatusCode)status, ex.HttpStatusCode);
        Assert.Equal(SmsErrorCode.Transport, ex.Error);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenSent);
        Assert.Equal(4, host.Server.ReceivedCount); // 1 + MaxRetryAttempts
    }

    [Theory]
    [InlineData("1005")]
    [InlineData("1007")]
    [InlineData("1008")]
    public async Task Send_SynqtelTryLaterStatus_RetriedAndSentOnce(string code)
    {
        await using ResilienceTestHost host = await StartAsync(ProviderReplies.Synqtel);
        host.Server.Enqueue(ProviderReplies.Error(ProviderReplies.Synqtel, code));

        SmsSendResult result = await host.SendOneAsync();

        Assert.True(result.IsSuccess);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_MaxRetryAttemptsZero_RefusalNotRetried(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, o => o.MaxRetryAttempts = 0);
        host.Server.Enqueue(Behavior.Respond(503, ""));

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.HttpStatusCode);
        Assert.False(ex.MayHaveBeenSent);
        host.AssertReceivedOnceNotRetried();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_MaxRetryAttemptsZero_RefusedConnectionNotRetried(string provider)
    {
        var refuser = new RefuseFirstConnectionHandler();
        await using ResilienceTestHost host = await StartAsync(provider, refuser, o => o.MaxRetryAttempts = 0);

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.False(ex.MayHaveBeenSent);
        Assert.Equal(1, refuser.Calls);
        Assert.Equal(0, host.Server.ReceivedCount);
    }

    // R6: the Retry-After delay runs on the SDK's TimeProvider; it fires only once the fake clock reaches it.
    public static TheoryData<string, string, int> RetryAfterValues => new()
    {
        { ProviderReplies.Qserve, "1", 1 },
        { ProviderReplies.Synqtel, "1", 1 },
        { ProviderReplies.Synqtel, "Wed, 01 Jan 2025 00:00:02 GMT", 2 }, // the fake clock starts at 2025-01-01T00:00:00Z
    };

    [Theory]
    [MemberData(nameof(RetryAfterValues))]
    public async Task Send_429WithRetryAfter_WaitsThatLongThenSendsOnce(string provider, string retryAfter, int seconds)
    {
        var time = new WatchedTimeProvider();
        await using ResilienceTestHost host = await StartAsync(provider, time: time);
        host.Server.Enqueue(Behavior.Respond(429, "", headers: ("Retry-After", retryAfter)));

        Task<SmsSendResult> send = host.SendAsync();
        WatchedTimer delay = await time.WaitForTimerAsync(TimeSpan.FromSeconds(seconds));
        Assert.Equal(1, host.Server.ReceivedCount);
        time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
        Assert.False(delay.Fired);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(delay.Fired);
        SmsSendResult result = await send;

        Assert.True(result.IsSuccess);
        Assert.Equal(2, host.Server.ReceivedCount);
        Assert.Equal(TimeSpan.FromSeconds(seconds).ToString(), Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 1006).GetStructuredStateValue("Delay"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_429WithRetryAfterBeyondTotalTimeout_GivesUpAtOnceNotSent(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, o => o.TotalTimeout = TimeSpan.FromSeconds(30));
        host.Server.Enqueue(Behavior.Respond(429, "", headers: ("Retry-After", "3600")));

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync()); // a wait would trip the 30 s guard

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.HttpStatusCode);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenSent);
        host.AssertReceivedOnceNotRetried();
    }

    // R8: a 2xx body that does not say what happened. Synqtel sends one recipient via sendsms, two via sendmultiple.
    public static TheoryData<string, int, string> UnreadableBodies
    {
        get
        {
            var data = new TheoryData<string, int, string>();
            foreach (string provider in ProviderReplies.Names)
            {
                foreach (int recipients in new[] { 1, 2 })
                {
                    foreach (string body in UnreadableBodyTexts)
                    {
                        data.Add(provider, recipients, body);
                    }
                }
            }

            return data;
        }
    }

    internal static readonly string[] UnreadableBodyTexts =
    [
        "<html><body>Service temporarily unavailable</body></html>",
        "",
        "[{\"status_code\":\"1000\",\"statusCode\":101,\"mess",
        "null",
        "[]",
        "{\"foo\":{\"bar\":[1,2,3]}}",
    ];

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task Send_Unreadable200_InvalidResponseNotRetried(string provider, int recipients, string body)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Enqueue(Behavior.Respond(200, body, body.StartsWith('<') ? "text/html" : "application/json"));

        SmsGatewayException ex = await FailsAsync(() => recipients == 1 ? host.SendOneAsync() : host.SendAsync());

        Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
        Assert.Equal(HttpStatusCode.OK, ex.HttpStatusCode);
        Assert.True(ex.MayHaveBeenSent);
        host.AssertReceivedOnceNotRetried();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_MixedRecipientResults_PartialResultSentOnce(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Fallback = r => ProviderReplies.Success(provider, r, accept: phone => !phone.Contains("711222333", StringComparison.Ordinal));

        SmsSendResult result = await host.SendAsync();

        Assert.Equal(1, result.AcceptedCount);
        Assert.Equal(1, result.RejectedCount);
        Assert.True(result.Recipients[0].IsAccepted);
        Assert.False(result.Recipients[1].IsAccepted);
        host.AssertReceivedOnceNotRetried();
    }

    // R9 across requests: the failing request is retried (503), the accepted one is never sent again.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_OneOfTwoRequestsRefused_PartialResultAcceptedNeverResent(string provider)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.Qserve = o => o.MaxRecipientsPerRequest = 1;
        setup.Synqtel = o => o.MaxMessagesPerRequest = 1;
        await using ResilienceTestHost host = await StartAsync(setup);
        host.Server.Fallback = r => ProviderReplies.Recipients(r).Any(p => p.Contains("711222333", StringComparison.Ordinal))
            ? Behavior.Respond(503, "")
            : ProviderReplies.Success(provider, r);

        SmsSendResult result = await host.SendAsync();

        Assert.Equal(1, result.AcceptedCount);
        Assert.True(result.Recipients[0].IsAccepted);
        SmsRecipientResult failed = result.Recipients[1];
        Assert.False(failed.IsAccepted);
        Assert.False(failed.Status.MayHaveBeenSent);
        Assert.Equal(1, host.Server.Requests.Count(r => ProviderReplies.Recipients(r).Any(p => p.Contains("722123456", StringComparison.Ordinal))));
        Assert.Equal(4, host.Server.Requests.Count(r => ProviderReplies.Recipients(r).Any(p => p.Contains("711222333", StringComparison.Ordinal))));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_CallerCancelsMidFlight_OperationCanceledNoRetry(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);

        await host.CancelMidFlightAsync(host.SendAsync);

        host.AssertReceivedOnceNotRetried();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_500ConcurrentSendsFromManyThreads_EachSentOnceOverFewConnections(string provider)
    {
        const int sends = 500;
        await using ResilienceTestHost host = await StartAsync(provider);
        string[] numbers = [.. Enumerable.Range(0, sends).Select(i => "0722" + (100_000 + i).ToString(CultureInfo.InvariantCulture))];

        SmsSendResult[] results = await Task.WhenAll(numbers.Select(n => Task.Run(() => host.Gateway.SendAsync(n, MessageText))))
            .WaitAsync(Guard);

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(sends, host.Server.ReceivedCount);
        string[] received = [.. host.Server.Requests.SelectMany(ProviderReplies.Recipients).Select(p => p[^9..])];
        Assert.Equal(numbers.Select(n => n[1..]).Order(), received.Order());
        // MaxConcurrentRequests (64) bounds the connections in use; some slack for the pool's own races.
        Assert.InRange(host.Server.ConnectionsAccepted, 1, 100);
    }
}
