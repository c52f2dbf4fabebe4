using KenyaSms.Ledger;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Ledger;

// SmsSendLedgerOptions.Retention: "entries older than this are purged". The sends of a process purge, at most once an
// hour, in the background; a failing purge never touches a send.
public class LedgerRetentionTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Send_FirstClaim_PurgesEntriesOlderThanRetentionKeepsYoungerOnes()
    {
        var time = new FakeTimeProvider(Start);
        var ledger = new PurgeCountingLedger();
        await SeedSentAsync(ledger, "old:1", Start - TimeSpan.FromDays(31));
        await SeedSentAsync(ledger, "young:1", Start - TimeSpan.FromDays(29));
        await using ResilienceTestHost host = await StartAsync(time, ledger);

        SmsSendResult result = await host.Gateway.SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "new:1" }).WaitAsync(Guard);
        await Retention(host).Last.WaitAsync(Guard);

        Assert.True(result.IsSuccess);
        Assert.Equal([Start - TimeSpan.FromDays(30)], ledger.Cutoffs);
        Assert.Empty(await ledger.SummarizeAsync("old:"));
        Assert.Equal(1, (await ledger.SummarizeAsync("young:"))[SmsLedgerState.Sent]);
        Assert.Equal(1, (await ledger.SummarizeAsync("new:"))[SmsLedgerState.Sent]);
        FakeLogRecord purged = Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 1030);
        Assert.Equal("1", purged.GetStructuredStateValue("Purged"));
    }

    [Fact]
    public async Task Send_WithinTheHour_NoSecondPurge_AnHourLater_PurgesAgainWithTheConfiguredRetention()
    {
        var time = new FakeTimeProvider(Start);
        var ledger = new PurgeCountingLedger();
        await using ResilienceTestHost host = await StartAsync(time, ledger, o => o.Retention = TimeSpan.FromDays(7));
        LedgerRetention retention = Retention(host);

        await host.Gateway.SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "a" }).WaitAsync(Guard);
        await retention.Last.WaitAsync(Guard);
        time.Advance(TimeSpan.FromMinutes(59));
        await host.Gateway.SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "b" }).WaitAsync(Guard);
        await retention.Last.WaitAsync(Guard);
        Assert.Single(ledger.Cutoffs);

        time.Advance(TimeSpan.FromMinutes(1));
        await host.Gateway.SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "c" }).WaitAsync(Guard);
        await retention.Last.WaitAsync(Guard);

        Assert.Equal([Start - TimeSpan.FromDays(7), Start + TimeSpan.FromHours(1) - TimeSpan.FromDays(7)], ledger.Cutoffs);
    }

    [Fact]
    public async Task Send_PurgeFails_SendStillSucceeds_WarningLogged_NoConnectionDetails()
    {
        var time = new FakeTimeProvider(Start);
        var ledger = new PurgeCountingLedger { Failure = new InvalidOperationException("Host=db;Password=hunter2 refused") };
        await using ResilienceTestHost host = await StartAsync(time, ledger);

        SmsSendResult result = await host.Gateway.SendAsync(new SmsMessage(Number, MessageText) { IdempotencyKey = "a" }).WaitAsync(Guard);
        await Retention(host).Last.WaitAsync(Guard);

        Assert.True(result.IsSuccess);
        Assert.Single(ledger.Cutoffs);
        FakeLogRecord warning = Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 1031);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.DoesNotContain("hunter2", warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
    }

    // A send without a key makes no claim, so it starts no purge either.
    [Fact]
    public async Task Send_WithoutKey_NoPurge()
    {
        var ledger = new PurgeCountingLedger();
        await using ResilienceTestHost host = await StartAsync(new FakeTimeProvider(Start), ledger);

        await host.Gateway.SendAsync(new SmsMessage(Number, MessageText)).WaitAsync(Guard);
        await Retention(host).Last.WaitAsync(Guard);

        Assert.Empty(ledger.Cutoffs);
    }

    private static LedgerRetention Retention(ResilienceTestHost host) => host.Services.GetRequiredService<LedgerRetention>();

    private static async Task SeedSentAsync(ISmsSendLedger ledger, string key, DateTimeOffset at)
    {
        var claim = new SmsLedgerEntry(key, "+254722123456", SmsLedgerState.Sending, "hash", "seed-token") { LeaseExpires = at + TimeSpan.FromMinutes(2), UpdatedAt = at };
        await ledger.ClaimAsync([claim], at);
        await ledger.RecordAsync([claim with { State = SmsLedgerState.Sent, Provider = "synqtel", MessageId = "m-" + key }]);
    }

    private static Task<ResilienceTestHost> StartAsync(FakeTimeProvider time, ISmsSendLedger ledger, Action<SmsSendLedgerOptions>? configure = null)
    {
        HostSetup setup = HostSetup.For(ProviderReplies.Synqtel);
        setup.Time = time;
        setup.Services = services => SendLedgerRegistration.Add(services.AddKenyaSms(), _ => ledger, configure);
        return ResilienceTestHost.StartAsync(setup);
    }

    private sealed class PurgeCountingLedger : ISmsSendLedger
    {
        private readonly InMemorySmsSendLedger _inner = new();
        private readonly List<DateTimeOffset> _cutoffs = [];

        public Exception? Failure { get; init; }

        public IReadOnlyList<DateTimeOffset> Cutoffs
        {
            get { lock (_cutoffs) { return [.. _cutoffs]; } }
        }

        public Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default) => _inner.ClaimAsync(claims, now, cancellationToken);

        public Task<int> RecordAsync(IReadOnlyList<SmsLedgerEntry> outcomes, CancellationToken cancellationToken = default) => _inner.RecordAsync(outcomes, cancellationToken);

        public Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default) => _inner.ReleaseAsync(key, phoneNumber, cancellationToken);

        public Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default) =>
            _inner.MarkSentAsync(key, phoneNumber, provider, messageId, cancellationToken);

        public Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default) => _inner.SummarizeAsync(keyPrefix, cancellationToken);

        public Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default)
        {
            lock (_cutoffs)
            {
                _cutoffs.Add(updatedBefore);
            }

            return Failure is null ? _inner.PurgeAsync(updatedBefore, cancellationToken) : Task.FromException<long>(Failure);
        }
    }
}
