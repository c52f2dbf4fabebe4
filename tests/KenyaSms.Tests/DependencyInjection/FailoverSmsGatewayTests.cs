using System.Net;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.DependencyInjection;

// FailoverSmsGateway through DI (KenyaSmsOptions.Failover = ["synqtel", "qserve"]), both providers on loopback:
// the second provider is tried only when the first certainly did not send; otherwise a duplicate could follow.
public class FailoverSmsGatewayTests
{
    private const string First = ProviderReplies.Synqtel;
    private const string Second = ProviderReplies.Qserve;

    public enum NotSent
    {
        Refused,
        InvalidCredentials1006,
        LowCredits1004,
        Http503,
    }

    public enum MaybeSent
    {
        ResetAfterBody,
        Http502,
        Stall,
    }

    [Theory]
    [InlineData(NotSent.Refused)]
    [InlineData(NotSent.InvalidCredentials1006)]
    [InlineData(NotSent.LowCredits1004)]
    [InlineData(NotSent.Http503)]
    public async Task SendAsync_FirstCertainlyNotSent_SecondProviderSends(NotSent fault)
    {
        var setup = Setup();
        if (fault == NotSent.Refused)
        {
            setup.BaseAddresses[First] = ClosedPort.Create();
        }

        await using ResilienceTestHost host = await StartAsync(setup);
        host.ServerOf(First).Fallback = fault switch
        {
            NotSent.InvalidCredentials1006 => _ => ProviderReplies.Error(First, "1006"),
            NotSent.LowCredits1004 => _ => ProviderReplies.Error(First, "1004"),
            NotSent.Http503 => _ => Behavior.Respond(503, ""),
            _ => host.ServerOf(First).Fallback,
        };

        SmsSendResult result = await host.SendAsync();

        Assert.Equal(Second, result.Provider);
        Assert.True(result.IsSuccess);
        Assert.Equal(1, host.ServerOf(Second).ReceivedCount);
        Assert.Equal(fault switch { NotSent.Refused => 0, NotSent.Http503 => 4, _ => 1 }, host.ServerOf(First).ReceivedCount);
        Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 1009); // "failing over"
    }

    [Theory]
    [InlineData(MaybeSent.ResetAfterBody)]
    [InlineData(MaybeSent.Http502)]
    [InlineData(MaybeSent.Stall)]
    public async Task SendAsync_FirstMayHaveSent_ThrowsAndSecondNeverCalled(MaybeSent fault)
    {
        await using ResilienceTestHost host = await StartAsync(Setup(fault == MaybeSent.Stall ? ShortAttempts : null));
        host.ServerOf(First).Enqueue(fault switch
        {
            MaybeSent.ResetAfterBody => Behavior.AbortAfterReadingBody(),
            MaybeSent.Http502 => Behavior.Respond(502, "<html>Bad Gateway</html>", "text/html"),
            _ => Behavior.Stall(),
        });

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal(First, ex.Provider);
        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(fault == MaybeSent.Http502 ? (HttpStatusCode?)HttpStatusCode.BadGateway : null, ex.HttpStatusCode);
        Assert.Equal(1, host.ServerOf(First).ReceivedCount);
        Assert.Equal(0, host.ServerOf(Second).ReceivedCount);
    }

    // An unreadable 200 means the first provider may have taken it: never hand it to the second.
    [Fact]
    public async Task SendAsync_FirstAnswersUnreadable200_ThrowsAndSecondNeverCalled()
    {
        await using ResilienceTestHost host = await StartAsync(Setup());
        host.ServerOf(First).Enqueue(Behavior.Respond(200, "<html>maintenance</html>", "text/html"));

        SmsGatewayException ex = await FailsAsync(() => host.SendOneAsync());

        Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(0, host.ServerOf(Second).ReceivedCount);
    }

    [Fact]
    public async Task SendAsync_BothProvidersFail_ThrowsTheLastException()
    {
        await using ResilienceTestHost host = await StartAsync(Setup());
        host.ServerOf(First).Fallback = _ => ProviderReplies.Error(First, "1006");
        host.ServerOf(Second).Fallback = _ => ProviderReplies.Error(Second, "X001");

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.Equal(Second, ex.Provider);
        Assert.Equal("X001", ex.ProviderCode);
        Assert.Equal(SmsErrorCode.InvalidCredentials, ex.Error);
        Assert.False(ex.MayHaveBeenSent);
        Assert.Equal(1, host.ServerOf(First).ReceivedCount);
        Assert.Equal(1, host.ServerOf(Second).ReceivedCount);
    }

    [Fact]
    public async Task SendAsync_BothProvidersFail_MessageSaysWhatEachAnsweredWithAnInnerExceptionPerProvider()
    {
        await using ResilienceTestHost host = await StartAsync(Setup());
        host.ServerOf(First).Fallback = _ => ProviderReplies.Error(First, "1006");
        host.ServerOf(Second).Fallback = _ => ProviderReplies.Error(Second, "X001");

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.StartsWith("Every provider of failover(synqtel,qserve) failed (none of them sent it). synqtel: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(" | qserve: ", ex.Message, StringComparison.Ordinal);
        var inner = Assert.IsType<AggregateException>(ex.InnerException);
        Assert.Equal(
            [(First, "1006", SmsErrorCode.InvalidCredentials), (Second, "X001", SmsErrorCode.InvalidCredentials)],
            inner.InnerExceptions.Cast<SmsGatewayException>().Select(e => (e.Provider, e.ProviderCode, e.Error)));
        foreach (SmsGatewayException each in inner.InnerExceptions.Cast<SmsGatewayException>())
        {
            Assert.Contains(each.Message, ex.Message, StringComparison.Ordinal); // each provider's own words, in order
        }

        Assert.DoesNotContain(SynqtelKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(QserveKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_FirstDownSecondRefusesTheKey_TransientBecauseTheFirstMayRecover()
    {
        await using ResilienceTestHost host = await StartAsync(Setup());
        host.ServerOf(First).Fallback = _ => Behavior.Respond(503, "");
        host.ServerOf(Second).Fallback = _ => ProviderReplies.Error(Second, "X001");

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        // The last provider's error and code, but a job may try the chain again later: the first one was only down.
        Assert.Equal((Second, SmsErrorCode.InvalidCredentials, "X001", false), (ex.Provider, ex.Error, ex.ProviderCode, ex.MayHaveBeenSent));
        Assert.True(ex.IsTransient);
        Assert.Equal([true, false], Assert.IsType<AggregateException>(ex.InnerException).InnerExceptions.Cast<SmsGatewayException>().Select(e => e.IsTransient));
    }

    [Fact]
    public async Task SendAsync_FirstRefusesSecondMayHaveSent_MessageSaysTheSecondMayHaveSentIt()
    {
        await using ResilienceTestHost host = await StartAsync(Setup());
        host.ServerOf(First).Fallback = _ => ProviderReplies.Error(First, "1006");
        host.ServerOf(Second).Enqueue(Behavior.Respond(502, "<html>Bad Gateway</html>", "text/html"));

        SmsGatewayException ex = await FailsAsync(() => host.SendAsync());

        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(Second, ex.Provider);
        Assert.StartsWith("Every provider of failover(synqtel,qserve) failed (qserve may have sent it). ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendBatchAsync_FirstCertainlyNotSent_SecondSendsEveryMessage()
    {
        await using ResilienceTestHost host = await StartAsync(Setup());
        host.ServerOf(First).Fallback = _ => ProviderReplies.Error(First, "1004");
        var messages = new[] { new SmsMessage(Number, "one"), new SmsMessage(OtherNumber, "two") };

        SmsSendResult result = await host.Gateway.SendBatchAsync(messages).WaitAsync(Guard);

        Assert.Equal(Second, result.Provider);
        Assert.Equal(2, result.AcceptedCount);
        Assert.Equal(2, host.ServerOf(Second).ReceivedCount); // Qserve: one request per text
    }

    [Fact]
    public async Task GetBalanceAsync_FirstFails_SecondAnswers()
    {
        await using ResilienceTestHost host = await StartAsync(Setup());
        host.ServerOf(First).Fallback = _ => Behavior.Respond(500, "");

        SmsBalance balance = await host.BalanceAsync();

        Assert.Equal(Second, balance.Provider);
        Assert.Equal(345m, balance.Credits);
    }

    [Fact]
    public async Task SendAsync_FirstOk_SecondNeverCalled()
    {
        await using ResilienceTestHost host = await StartAsync(Setup());

        SmsSendResult result = await host.SendAsync();

        Assert.Equal(First, result.Provider);
        Assert.Equal(1, host.ServerOf(First).ReceivedCount);
        Assert.Equal(0, host.ServerOf(Second).ReceivedCount);
    }

    [Fact]
    public async Task Gateway_FailoverConfigured_IsTheChainWithSharedCapabilities()
    {
        await using ResilienceTestHost host = await StartAsync(Setup());

        Assert.Equal("failover(synqtel,qserve)", host.Gateway.Name);
        Assert.Equal(host.GatewayOf(First).Capabilities & host.GatewayOf(Second).Capabilities, host.Gateway.Capabilities);
        Assert.Same(host.Gateway, host.Services.GetRequiredService<ISmsGateway>());
    }

    [Fact]
    public async Task SendAsync_CallerCancelsDuringFirst_OperationCanceledSecondNeverCalled()
    {
        await using ResilienceTestHost host = await StartAsync(Setup());

        await host.CancelMidFlightAsync(host.SendAsync, host.ServerOf(First));

        Assert.Equal(0, host.ServerOf(Second).ReceivedCount);
    }

    // ---- A message must suit every provider of the chain: checked before the first request ----------------------

    // 400 GSM-7 characters: 3 segments. Synqtel allows 6, this 254sms account 2.
    private static readonly string ThreeSegments = new('a', 400);

    // The reported case: Synqtel refuses (1004), and 254sms, next in line, cannot carry the text. Before, one Synqtel
    // request went out and then 254sms threw ArgumentException, which a job takes for bad input and drops, though the
    // primary could send the message once it has credit again. Now the ArgumentException comes first, names the
    // provider and its limit, and nothing is sent.
    [Fact]
    public async Task SendAsync_TextTooLongForALaterProvider_ArgumentExceptionNamingItBeforeAnyRequest()
    {
        await using ResilienceTestHost host = await StartAsync(TwoSegmentQserve());
        host.ServerOf(First).Fallback = _ => ProviderReplies.Error(First, "1004");

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Gateway.SendAsync(new SmsMessage(Number, ThreeSegments)).WaitAsync(Guard));

        Assert.Equal("message", ex.ParamName);
        Assert.Contains("too long for qserve: it needs 3 segments", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the limit is 2 segments", ex.Message, StringComparison.Ordinal);
        Assert.Contains("failover(synqtel,qserve)", ex.Message, StringComparison.Ordinal);
        AssertNoRequest(host);
    }

    // Also when the primary would have accepted it: the chain's rule does not depend on which provider is up.
    [Fact]
    public async Task SendAsync_TextTooLongForALaterProviderPrimaryUp_ArgumentExceptionBeforeAnyRequest()
    {
        await using ResilienceTestHost host = await StartAsync(TwoSegmentQserve());

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Gateway.SendAsync(new SmsMessage([Number, OtherNumber], ThreeSegments)).WaitAsync(Guard));

        Assert.Equal("message", ex.ParamName);
        Assert.Contains("qserve", ex.Message, StringComparison.Ordinal);
        AssertNoRequest(host);
    }

    [Fact]
    public async Task SendBatchAsync_OneTextTooLongForALaterProvider_ArgumentExceptionNamingTheMessageBeforeAnyRequest()
    {
        await using ResilienceTestHost host = await StartAsync(TwoSegmentQserve());
        host.ServerOf(First).Fallback = _ => ProviderReplies.Error(First, "1004");
        SmsMessage[] batch = [new(Number, "short"), new(OtherNumber, ThreeSegments), new(Number, "short too")];

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Gateway.SendBatchAsync(batch).WaitAsync(Guard));

        Assert.Equal("messages[1]", ex.ParamName);
        Assert.Contains("too long for qserve: it needs 3 segments", ex.Message, StringComparison.Ordinal);
        AssertNoRequest(host);
    }

    // The streaming extension sends each window with the chain's SendBatchAsync: the window is refused before its request.
    [Fact]
    public async Task SendBatchStreamAsync_TextTooLongForALaterProvider_ArgumentExceptionBeforeAnyRequest()
    {
        await using ResilienceTestHost host = await StartAsync(TwoSegmentQserve());
        host.ServerOf(First).Fallback = _ => ProviderReplies.Error(First, "1004");
        SmsMessage[] campaign = [new(Number, "short"), new(OtherNumber, ThreeSegments)];

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (SmsRecipientResult _ in host.Gateway.SendBatchStreamAsync(campaign, windowSize: 10).WithCancellation(CancellationToken.None))
            {
            }
        }).WaitAsync(Guard);

        Assert.Equal("messages", ex.ParamName);
        Assert.Contains("qserve", ex.Message, StringComparison.Ordinal);
        AssertNoRequest(host);
    }

    // What every provider of the chain can carry still fails over as before.
    [Fact]
    public async Task SendAsync_TextFitsEveryProviderFirstRefuses_SecondSends()
    {
        await using ResilienceTestHost host = await StartAsync(TwoSegmentQserve());
        host.ServerOf(First).Fallback = _ => ProviderReplies.Error(First, "1004");

        SmsSendResult result = await host.Gateway.SendAsync(new SmsMessage(Number, new string('a', 306))).WaitAsync(Guard); // 2 segments

        Assert.Equal((Second, true), (result.Provider, result.IsSuccess));
        Assert.Equal((1, 1), (host.ServerOf(First).ReceivedCount, host.ServerOf(Second).ReceivedCount));
    }

    private static HostSetup TwoSegmentQserve()
    {
        HostSetup setup = Setup();
        setup.Qserve = o => o.MaxSegments = 2;
        return setup;
    }

    private static void AssertNoRequest(ResilienceTestHost host)
    {
        Assert.Equal((0, 0), (host.ServerOf(First).ConnectionsAccepted, host.ServerOf(First).ReceivedCount));
        Assert.Equal((0, 0), (host.ServerOf(Second).ConnectionsAccepted, host.ServerOf(Second).ReceivedCount));
    }

    private static HostSetup Setup(Action<SmsResilienceOptions>? resilience = null)
    {
        HostSetup setup = HostSetup.For(First, Second);
        setup.Resilience = resilience;
        return setup;
    }
}
