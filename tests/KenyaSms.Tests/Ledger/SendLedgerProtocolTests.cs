using KenyaSms.Ledger;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Ledger;

// api.md 8b and reliability.md L1, L3, L4, L7, L8, L10 with the in-memory ledger, over real HTTP: what "sent" means is
// what the loopback provider fully received.
public class SendLedgerProtocolTests
{
    public static TheoryData<string> Providers => ProviderReplies.Both;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_SameKeyTwice_SecondIsAReplayNoRequest(string provider)
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(provider));
        var message = new SmsMessage([Number, OtherNumber], MessageText) { IdempotencyKey = "invoice-8812:reminder-1" };

        SmsSendResult first = await host.Gateway.SendAsync(message).WaitAsync(Guard);
        SmsSendResult second = await host.Gateway.SendAsync(message).WaitAsync(Guard);

        Assert.True(first.IsSuccess);
        Assert.All(first.Recipients, r => Assert.False(r.IsReplay));
        Assert.True(second.IsSuccess);
        Assert.All(second.Recipients, r => Assert.True(r.IsReplay));
        Assert.Equal(first.Recipients.Select(r => r.MessageId), second.Recipients.Select(r => r.MessageId));
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_SameKeyTenTimesConcurrently_OneRequestEveryRunReportsEachRecipient(string provider)
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(provider));
        var message = new SmsMessage([Number, OtherNumber], MessageText) { IdempotencyKey = "agm-2026:notice" };

        SmsSendResult[] runs = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => host.Gateway.SendAsync(message)))).WaitAsync(Guard);

        Assert.Equal(1, host.Server.ReceivedCount);
        Assert.All(runs, run => Assert.Equal(2, run.Recipients.Count));
        Assert.Equal(2, runs.Sum(run => run.Recipients.Count(r => r.IsAccepted && !r.IsReplay)));
        // The others either replayed the accepted result or saw the send in flight ("may have been sent"), never "not sent".
        Assert.All(runs.SelectMany(run => run.Recipients), r => Assert.True(r.IsAccepted || r.Status.MayHaveBeenSent));
    }

    [Fact]
    public async Task SendBatch_SameKeyAndNumberTwice_SentOnceReportedForEachInput()
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(ProviderReplies.Qserve));
        SmsMessage[] batch =
        [
            new(Number, MessageText) { IdempotencyKey = "k-1" },
            new(OtherNumber, MessageText) { IdempotencyKey = "k-2" },
            new("+254722123456", MessageText) { IdempotencyKey = "k-1" },
        ];

        SmsSendResult result = await host.Gateway.SendBatchAsync(batch).WaitAsync(Guard);

        Assert.Equal(3, result.Recipients.Count);
        Assert.True(result.IsSuccess);
        Assert.Equal(result.Recipients[0].MessageId, result.Recipients[2].MessageId);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    // L10: the same key and number with another text is a conflict, not a replay; the original entry stays.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_SameKeyOtherText_IdempotencyConflictNothingSentOriginalKept(string provider)
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(provider));
        await host.Gateway.SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "otp-77" }).WaitAsync(Guard);

        SmsSendResult other = await host.Gateway.SendAsync(new SmsMessage(Number, "A different text") { IdempotencyKey = "otp-77" }).WaitAsync(Guard);
        SmsSendResult again = await host.Gateway.SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "otp-77" }).WaitAsync(Guard);

        SmsRecipientResult conflict = Assert.Single(other.Recipients);
        Assert.Equal(SmsErrorCode.IdempotencyConflict, conflict.Status.Error);
        Assert.False(conflict.Status.MayHaveBeenSent);
        Assert.True(Assert.Single(again.Recipients).IsReplay);
        Assert.True(again.IsSuccess);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    // L8: bad keys are refused before any I/O, naming the message.
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ключ")]
    [InlineData("tab\tkey")]
    public async Task SendBatch_BadKey_ArgumentExceptionNamingTheMessageNoRequest(string key)
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(ProviderReplies.Synqtel));
        SmsMessage[] batch = [new(Number, MessageText) { IdempotencyKey = "fine" }, new(OtherNumber, MessageText) { IdempotencyKey = key }];

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Gateway.SendBatchAsync(batch));

        Assert.Equal("messages[1]", ex.ParamName);
        Assert.Contains("idempotency key", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Server.ConnectionsAccepted);
    }

    [Fact]
    public async Task Send_KeyOf200And201Characters_FirstSentSecondRefusedBeforeAnyRequest()
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(ProviderReplies.Synqtel));

        SmsSendResult ok = await host.Gateway.SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = new string('k', 200) + "" }).WaitAsync(Guard);
        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Gateway.SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "'; DROP TABLE x; --" + new string('k', 182) }));

        Assert.True(ok.IsSuccess);
        Assert.Equal("message", ex.ParamName);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    // An answer lost after the body went out: Uncertain, never sent again, until a person releases it.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_AnswerLost_UncertainNotResentUntilReleased(string provider)
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(provider));
        host.Server.Enqueue(Behavior.AbortAfterReadingBody());
        var message = new SmsMessage(Number, MessageText) { IdempotencyKey = "fees-term-3" };

        SmsGatewayException lost = await FailsAsync(() => host.Gateway.SendAsync(message));
        SmsSendResult rerun = await host.Gateway.SendAsync(message).WaitAsync(Guard);

        Assert.True(lost.MayHaveBeenSent);
        SmsRecipientResult unknown = Assert.Single(rerun.Recipients);
        Assert.Equal(SmsErrorCode.OutcomeUnknown, unknown.Status.Error);
        Assert.True(unknown.Status.MayHaveBeenSent);
        Assert.Equal(1, host.Server.ReceivedCount);

        ISmsSendLedger ledger = host.Services.GetRequiredService<ISmsSendLedger>();
        Assert.Equal(SmsLedgerState.Uncertain, Assert.Single(await ledger.SummarizeAsync("fees-")).Key);
        Assert.True(await ledger.ReleaseAsync("fees-term-3", "+254722123456"));
        SmsSendResult released = await host.Gateway.SendAsync(message).WaitAsync(Guard);

        Assert.True(released.IsSuccess);
        Assert.False(Assert.Single(released.Recipients).IsReplay);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    // A refusal that certainly sent nothing leaves the pair NotSent: the job's retry sends it.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_RefusedForCertain_NotSentThenTheRetrySends(string provider)
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(provider), o => o.MaxRetryAttempts = 0);
        host.Server.Enqueue(Behavior.Respond(503, ""));
        var message = new SmsMessage(Number, MessageText) { IdempotencyKey = "retry-me" };

        SmsGatewayException refused = await FailsAsync(() => host.Gateway.SendAsync(message));
        SmsSendResult retried = await host.Gateway.SendAsync(message).WaitAsync(Guard);

        Assert.False(refused.MayHaveBeenSent);
        Assert.True(retried.IsSuccess);
        Assert.False(Assert.Single(retried.Recipients).IsReplay);
        Assert.Equal(2, host.Server.ReceivedCount);
    }

    // L7: failover inside a ledger-backed call: recorded under the provider that accepted it, never sent by both.
    [Fact]
    public async Task FailoverChain_FirstRefusesSecondAccepts_RecordedUnderTheSecondReplayedFromIt()
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(ProviderReplies.Synqtel, ProviderReplies.Qserve));
        host.Server.Enqueue(ProviderReplies.Error(ProviderReplies.Synqtel, "1004"));
        var message = new SmsMessage(Number, MessageText) { IdempotencyKey = "failover-1" };

        SmsSendResult sent = await host.Gateway.SendAsync(message).WaitAsync(Guard);
        SmsSendResult replay = await host.Gateway.SendAsync(message).WaitAsync(Guard);

        Assert.Equal(ProviderReplies.Qserve, sent.Provider);
        SmsRecipientResult replayed = Assert.Single(replay.Recipients);
        Assert.True(replayed.IsReplay);
        Assert.Equal(ProviderReplies.Qserve, replayed.Status.Provider);
        Assert.Equal(1, host.Server.ReceivedCount);
        Assert.Equal(1, host.ServerOf(ProviderReplies.Qserve).ReceivedCount);
    }

    // The token fences every write after a claim (api.md 8b), so no two claims of one process may share it. Each gateway
    // (and each container) has a ledger context of its own; their counters each started at 1, so the Synqtel and 254sms
    // gateways of one container both claimed with ".../1" (found by LedgerScheduleTests, whose kill audit attributes
    // claims by token): one owner's late write would then pass the other's fence.
    [Fact]
    public async Task Claims_FromSeveralGatewaysAndContainersOfOneProcess_NeverShareAToken()
    {
        var ledger = new RecordingLedger();
        await using ResilienceTestHost first = await StartWithLedgerAsync(HostSetup.For(ProviderReplies.Synqtel, ProviderReplies.Qserve), ledger: ledger);
        await using ResilienceTestHost second = await StartWithLedgerAsync(HostSetup.For(ProviderReplies.Synqtel), ledger: ledger);

        await first.GatewayOf(ProviderReplies.Synqtel).SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "token-1" }).WaitAsync(Guard);
        await first.GatewayOf(ProviderReplies.Qserve).SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "token-2" }).WaitAsync(Guard);
        await second.GatewayOf(ProviderReplies.Synqtel).SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "token-3" }).WaitAsync(Guard);

        Assert.Equal(3, ledger.ClaimTokens.Count);
        Assert.Equal(3, ledger.ClaimTokens.Distinct(StringComparer.Ordinal).Count());
    }

    // L3: the ledger down at claim time: nothing sent, a transient LedgerUnavailable.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_LedgerDownAtClaim_LedgerUnavailableNothingSent(string provider)
    {
        var ledger = new FlakyLedger { FailClaims = true };
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(provider), ledger: ledger);

        SmsGatewayException ex = await FailsAsync(() => host.Gateway.SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "k" }));

        Assert.Equal(SmsErrorCode.LedgerUnavailable, ex.Error);
        Assert.True(ex.IsTransient);
        Assert.False(ex.MayHaveBeenSent);
        Assert.Equal(0, host.Server.ConnectionsAccepted);
    }

    // L4: the ledger down after the provider accepted: the accepted result is returned; the entry stays Sending
    // (Uncertain once its lease expires), never NotSent.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_LedgerDownAtRecord_AcceptedResultReturnedEntryNotNotSent(string provider)
    {
        var ledger = new FlakyLedger { FailRecords = true };
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(provider), ledger: ledger);
        var message = new SmsMessage(Number, MessageText) { IdempotencyKey = "k" };

        SmsSendResult result = await host.Gateway.SendAsync(message).WaitAsync(Guard);
        ledger.FailRecords = false;
        SmsSendResult rerun = await host.Gateway.SendAsync(message).WaitAsync(Guard);

        Assert.True(result.IsSuccess);
        Assert.Equal(3, ledger.RecordAttempts);
        Assert.True(Assert.Single(rerun.Recipients).Status.MayHaveBeenSent);
        Assert.Equal(1, host.Server.ReceivedCount);
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 1017);
    }

    // L5: the host stops mid-batch (the job's token is cancelled): the request in flight finishes and is recorded, the
    // one that never started is NotSent, and the job's re-run sends only that one.
    [Fact]
    public async Task SendBatch_CancelledMidwayThenRerun_OnlyWhatNeverStartedIsSent()
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(ProviderReplies.Qserve), o => o.MaxConcurrentRequests = 1);
        var second = new TaskCompletionSource();
        host.Server.Fallback = r => host.Server.ReceivedCount == 2
            ? Behavior.After(second.Task, ProviderReplies.Success(ProviderReplies.Qserve, r))
            : ProviderReplies.Success(ProviderReplies.Qserve, r);
        SmsMessage[] batch = [.. Enumerable.Range(0, 3).Select(i => new SmsMessage(Number, $"statement {i}") { IdempotencyKey = $"statements:{i}" })];
        using var cts = new CancellationTokenSource();

        Task<SmsSendResult> sending = host.Gateway.SendBatchAsync(batch, cts.Token);
        await host.Server.WaitForRequestsAsync(2).WaitAsync(Guard);
        await cts.CancelAsync();
        second.SetResult();
        SmsSendCanceledException stopped = await Assert.ThrowsAsync<SmsSendCanceledException>(() => sending.WaitAsync(Guard));
        SmsSendResult rerun = await host.Gateway.SendBatchAsync(batch).WaitAsync(Guard);

        Assert.Equal(2, stopped.PartialResult!.AcceptedCount);
        Assert.True(rerun.IsSuccess);
        Assert.Equal(2, rerun.Recipients.Count(r => r.IsReplay));
        Assert.Equal(3, host.Server.ReceivedCount);
    }

    // Messages without a key are sent exactly as before, ledger or not.
    [Fact]
    public async Task Send_NoKey_SentEveryTime()
    {
        await using ResilienceTestHost host = await StartWithLedgerAsync(HostSetup.For(ProviderReplies.Synqtel));

        await host.SendOneAsync();
        await host.SendOneAsync();

        Assert.Equal(2, host.Server.ReceivedCount);
    }

    [Fact]
    public void AddSendLedger_LeaseShorterThanTheLongestSend_RefusedNamingBothSettings()
    {
        var services = new ServiceCollection();
        services.AddKenyaSms().AddInMemorySendLedger(o => o.Lease = TimeSpan.FromSeconds(30));
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmsSendLedgerOptions>>().Value);

        Assert.Contains("KenyaSms:Ledger:Lease", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KenyaSms:Resilience:TotalTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CancellationGracePeriod", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSendLedger_LedgerSectionInConfiguration_Bound()
    {
        Microsoft.Extensions.Configuration.IConfiguration configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["KenyaSms:Ledger:Lease"] = "00:05:00", ["KenyaSms:Ledger:Retention"] = "7.00:00:00" })
            .Build();
        var services = new ServiceCollection();
        services.AddKenyaSms(configuration.GetSection("KenyaSms")).AddInMemorySendLedger();
        using ServiceProvider provider = services.BuildServiceProvider();

        SmsSendLedgerOptions options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmsSendLedgerOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(5), options.Lease);
        Assert.Equal(TimeSpan.FromDays(7), options.Retention);
    }

    [Fact]
    public async Task AddSendLedger_Twice_Refused()
    {
        var services = new ServiceCollection();
        IKenyaSmsBuilder builder = services.AddKenyaSms().AddInMemorySendLedger();

        Assert.Throws<InvalidOperationException>(() => builder.AddInMemorySendLedger());
        await Task.CompletedTask;
    }

    private static Task<ResilienceTestHost> StartWithLedgerAsync(HostSetup setup, Action<SmsResilienceOptions>? resilience = null, ISmsSendLedger? ledger = null)
    {
        setup.Resilience = resilience;
        setup.Services = services =>
        {
            IKenyaSmsBuilder builder = services.AddKenyaSms();
            if (ledger is null)
            {
                builder.AddInMemorySendLedger();
            }
            else
            {
                SendLedgerRegistration.Add(builder, _ => ledger, null);
            }
        };
        return StartAsync(setup);
    }

    private sealed class RecordingLedger : ISmsSendLedger
    {
        private readonly InMemorySmsSendLedger _inner = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _tokens = new();

        public IReadOnlyList<string> ClaimTokens => [.. _tokens];

        public Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            foreach (string token in claims.Select(c => c.Token).Distinct(StringComparer.Ordinal))
            {
                _tokens.Enqueue(token);
            }

            return _inner.ClaimAsync(claims, now, cancellationToken);
        }

        public Task<int> RecordAsync(IReadOnlyList<SmsLedgerEntry> outcomes, CancellationToken cancellationToken = default) => _inner.RecordAsync(outcomes, cancellationToken);

        public Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default) => _inner.ReleaseAsync(key, phoneNumber, cancellationToken);

        public Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default) =>
            _inner.MarkSentAsync(key, phoneNumber, provider, messageId, cancellationToken);

        public Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default) => _inner.SummarizeAsync(keyPrefix, cancellationToken);

        public Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default) => _inner.PurgeAsync(updatedBefore, cancellationToken);
    }

    private sealed class FlakyLedger : ISmsSendLedger
    {
        private readonly InMemorySmsSendLedger _inner = new();
        private int _recordAttempts;

        public bool FailClaims { get; set; }

        public bool FailRecords { get; set; }

        public int RecordAttempts => Volatile.Read(ref _recordAttempts);

        public Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            FailClaims ? throw new IOException("database unreachable") : _inner.ClaimAsync(claims, now, cancellationToken);

        public Task<int> RecordAsync(IReadOnlyList<SmsLedgerEntry> outcomes, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _recordAttempts);
            return FailRecords ? throw new IOException("database unreachable") : _inner.RecordAsync(outcomes, cancellationToken);
        }

        public Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default) => _inner.ReleaseAsync(key, phoneNumber, cancellationToken);

        public Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default) =>
            _inner.MarkSentAsync(key, phoneNumber, provider, messageId, cancellationToken);

        public Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default) => _inner.SummarizeAsync(keyPrefix, cancellationToken);

        public Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default) => _inner.PurgeAsync(updatedBefore, cancellationToken);
    }
}
