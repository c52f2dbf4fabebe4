using KenyaSms.Tests.Infrastructure;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Resilience;

// api.md 8a and reliability.md R10: a send cancelled by the caller never hides whether it went out.
public class CancellationTests
{
    public static TheoryData<string> Providers => ProviderReplies.Both;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_CancelledWhileTheBodyIsOut_AnswerWithinGrace_ResultReturned(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        var answer = new TaskCompletionSource();
        host.Server.Enqueue(Behavior.After(answer.Task, Behavior.Respond(200, "")));
        using var cts = new CancellationTokenSource();

        Task<SmsSendResult> sending = host.Gateway.SendAsync(new SmsMessage(Number, MessageText), cts.Token);
        await host.Server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await cts.CancelAsync();
        answer.SetResult();

        // The scripted answer is an empty 200 (unreadable): what matters is that it was awaited, not abandoned.
        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => sending.WaitAsync(Guard));
        Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_CancelledWhileTheBodyIsOut_AcceptedWithinGrace_ResultReturnedNotThrown(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        var answer = new TaskCompletionSource();
        host.Server.Fallback = r => Behavior.After(answer.Task, ProviderReplies.Success(provider, r));
        using var cts = new CancellationTokenSource();

        Task<SmsSendResult> sending = host.Gateway.SendAsync(new SmsMessage(Number, MessageText), cts.Token);
        await host.Server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await cts.CancelAsync();
        answer.SetResult();

        SmsSendResult result = await sending.WaitAsync(Guard);
        Assert.True(result.IsSuccess);
        Assert.True(Assert.Single(result.Recipients).IsAccepted);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_CancelledWhileTheBodyIsOut_NoGrace_CanceledMayHaveBeenSentWithPerRecipientTruth(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, o => o.CancellationGracePeriod = TimeSpan.Zero);
        host.Server.Fallback = _ => Behavior.Stall();
        using var cts = new CancellationTokenSource();

        Task<SmsSendResult> sending = host.Gateway.SendAsync(new SmsMessage([Number, "not a number"], MessageText), cts.Token);
        await host.Server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await cts.CancelAsync();

        SmsSendCanceledException ex = await Assert.ThrowsAsync<SmsSendCanceledException>(() => sending.WaitAsync(Guard));
        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(provider, ex.Provider);
        Assert.Equal(cts.Token, ex.CancellationToken);
        SmsSendResult partial = Assert.IsType<SmsSendResult>(ex.PartialResult);
        Assert.Equal(2, partial.Recipients.Count);
        Assert.True(partial.Recipients[0].Status.MayHaveBeenSent);
        Assert.Equal(SmsErrorCode.OutcomeUnknown, partial.Recipients[0].Status.Error);
        Assert.Equal(SmsErrorCode.InvalidPhoneNumber, partial.Recipients[1].Status.Error);
        Assert.Equal(0, host.RetriesLogged);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_CancelledWhileTheBodyIsOut_NoAnswerWithinGrace_CanceledMayHaveBeenSent(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, o => o.CancellationGracePeriod = TimeSpan.FromMilliseconds(50));
        host.Server.Fallback = _ => Behavior.Stall();
        using var cts = new CancellationTokenSource();

        Task<SmsSendResult> sending = host.Gateway.SendAsync(new SmsMessage(Number, MessageText), cts.Token);
        await host.Server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await cts.CancelAsync();

        SmsSendCanceledException ex = await Assert.ThrowsAsync<SmsSendCanceledException>(() => sending.WaitAsync(Guard));
        Assert.True(ex.MayHaveBeenSent);
        Assert.Contains("may have accepted", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_CancelledBeforeTheCall_NothingSentEveryRecipientCanceled(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        SmsSendCanceledException ex = await Assert.ThrowsAsync<SmsSendCanceledException>(() => host.Gateway.SendAsync(new SmsMessage([Number, OtherNumber], MessageText), cts.Token));

        Assert.False(ex.MayHaveBeenSent);
        SmsSendResult partial = Assert.IsType<SmsSendResult>(ex.PartialResult);
        Assert.All(partial.Recipients, r =>
        {
            Assert.False(r.IsAccepted);
            Assert.False(r.Status.MayHaveBeenSent);
            Assert.Equal(SmsErrorCode.Canceled, r.Status.Error);
        });
        Assert.Equal(0, host.Server.ReceivedCount);
    }

    // Cancelled during the backoff after a refusal: no body is out, so nothing waits for grace and nothing more is sent.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_CancelledDuringTheBackoffAfterARefusal_NotSentNoFurtherAttempt(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, o => o.BaseDelay = TimeSpan.FromMinutes(1));
        host.Server.Enqueue(Behavior.Respond(503, ""));
        using var cts = new CancellationTokenSource();

        Task<SmsSendResult> sending = host.Gateway.SendAsync(new SmsMessage(Number, MessageText), cts.Token);
        await host.Server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await host.Logs.WaitForAsync(e => e.Id.Id == 1006).WaitAsync(Guard); // the retry is scheduled
        await cts.CancelAsync();

        SmsSendCanceledException ex = await Assert.ThrowsAsync<SmsSendCanceledException>(() => sending.WaitAsync(Guard));
        Assert.False(ex.MayHaveBeenSent);
        Assert.Equal(SmsErrorCode.Canceled, Assert.Single(ex.PartialResult!.Recipients).Status.Error);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Balance_Cancelled_PlainOperationCanceled(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);

        OperationCanceledException ex = await host.CancelMidFlightAsync(ct => host.Gateway.GetBalanceAsync(ct));

        Assert.IsNotType<SmsSendCanceledException>(ex);
    }

    // A batch cancelled mid-way: what was accepted stays accepted, what never started says "not sent".
    [Fact]
    public async Task SendBatch_CancelledMidway_PartialResultHasAcceptedAndNotSent()
    {
        await using ResilienceTestHost host = await StartAsync(ProviderReplies.Qserve, o => o.MaxConcurrentRequests = 1);
        var second = new TaskCompletionSource();
        host.Server.Enqueue(
            Behavior.Respond(200, """[{"statusCode":101,"statusMessage":"Success","messageDetails":[{"recipient":"254722123456","statusCode":"Successfully Sent","statusMessage":2}]}]"""),
            Behavior.After(second.Task, Behavior.Respond(200, """[{"statusCode":101,"statusMessage":"Success","messageDetails":[{"recipient":"254722123456","statusCode":"Successfully Sent","statusMessage":2}]}]""")));
        using var cts = new CancellationTokenSource();
        SmsMessage[] batch = [new(Number, "one"), new(Number, "two"), new(Number, "three")];

        Task<SmsSendResult> sending = host.Gateway.SendBatchAsync(batch, cts.Token);
        await host.Server.WaitForRequestsAsync(2).WaitAsync(Guard);
        await cts.CancelAsync();
        second.SetResult();

        SmsSendCanceledException ex = await Assert.ThrowsAsync<SmsSendCanceledException>(() => sending.WaitAsync(Guard));
        Assert.True(ex.MayHaveBeenSent);
        SmsSendResult partial = Assert.IsType<SmsSendResult>(ex.PartialResult);
        Assert.Equal(3, partial.Recipients.Count);
        Assert.Equal(2, partial.AcceptedCount);
        SmsRecipientResult notSent = Assert.Single(partial.Recipients, r => !r.IsAccepted);
        Assert.Equal(SmsErrorCode.Canceled, notSent.Status.Error);
        Assert.False(notSent.Status.MayHaveBeenSent);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    [Fact]
    public async Task FailoverChain_Cancelled_NoFailoverCanceledThrown()
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(ProviderReplies.Synqtel, ProviderReplies.Qserve));
        host.Server.Fallback = _ => Behavior.Stall();
        using var cts = new CancellationTokenSource();

        Task<SmsSendResult> sending = host.Gateway.SendAsync(new SmsMessage(Number, MessageText), cts.Token);
        await host.Server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await cts.CancelAsync();

        // The server never answers: the grace period (5 s) ends the wait, and the chain does not try the next provider.
        SmsSendCanceledException ex = await Assert.ThrowsAsync<SmsSendCanceledException>(() => sending.WaitAsync(Guard));
        Assert.True(ex.MayHaveBeenSent);
        Assert.Equal(0, host.ServerOf(ProviderReplies.Qserve).ReceivedCount);
    }

    [Fact]
    public async Task SendBatchStream_CancelledBetweenWindows_CanceledNothingMoreSent()
    {
        await using ResilienceTestHost host = await StartAsync(ProviderReplies.Qserve);
        using var cts = new CancellationTokenSource();
        SmsMessage[] campaign = [new(Number, "one"), new(Number, "two"), new(Number, "three")];
        int seen = 0;

        SmsSendCanceledException ex = await Assert.ThrowsAsync<SmsSendCanceledException>(async () =>
        {
            await foreach (SmsRecipientResult _ in host.Gateway.SendBatchStreamAsync(campaign, windowSize: 1, cts.Token))
            {
                seen++;
                await cts.CancelAsync();
            }
        });

        Assert.False(ex.MayHaveBeenSent);
        Assert.Equal(1, seen);
        Assert.Equal(1, host.Server.ReceivedCount);
    }
}
