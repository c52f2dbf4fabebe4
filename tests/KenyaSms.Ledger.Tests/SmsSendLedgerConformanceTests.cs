namespace KenyaSms.Ledger.Tests;

/// <summary>
/// Every rule of <see cref="ISmsSendLedger"/>, run against each store (in-memory, SQLite, PostgreSQL) by a subclass
/// that supplies a fresh, empty ledger per test. The in-memory ledger is the reference: a rule it fails here is a
/// wrong test, a rule another store fails is a wrong store.
/// </summary>
public abstract class SmsSendLedgerConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Phone = "+254722000001";

    private ISmsSendLedger? _ledger;

    protected ISmsSendLedger Ledger => _ledger ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>A new ledger over empty storage.</summary>
    protected abstract Task<ISmsSendLedger> CreateLedgerAsync();

    public async Task InitializeAsync() => _ledger = await CreateLedgerAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Claim_NoEntry_InsertsTheClaimAsSending()
    {
        SmsLedgerEntry claim = Claim("order-1", Phone, "A");

        IReadOnlyList<SmsLedgerEntry> result = await Ledger.ClaimAsync([claim], T0);

        Assert.Equal(claim with { UpdatedAt = T0 }, Assert.Single(result));
        Assert.Equal(claim with { UpdatedAt = T0 }, await PeekAsync("order-1", Phone));
    }

    [Fact]
    public async Task Claim_NotSentWithTheSameContentHash_IsReplacedByTheNewClaim()
    {
        await ClaimAndRecordAsync("order-1", Phone, "A", SmsLedgerState.NotSent);
        SmsLedgerEntry again = Claim("order-1", Phone, "B", lease: T0.AddMinutes(9));

        SmsLedgerEntry result = Assert.Single(await Ledger.ClaimAsync([again], T0.AddMinutes(1)));

        Assert.Equal(again with { UpdatedAt = T0.AddMinutes(1) }, result);
    }

    [Fact]
    public async Task Claim_NotSentWithAnotherContentHash_IsLeftUnchanged()
    {
        SmsLedgerEntry notSent = await ClaimAndRecordAsync("order-1", Phone, "A", SmsLedgerState.NotSent);

        SmsLedgerEntry result = Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "B", hash: "other text")], T0.AddMinutes(1)));

        Assert.Equal(notSent, result);
        Assert.Equal(notSent, await PeekAsync("order-1", Phone));
    }

    [Fact]
    public async Task Claim_SendingOfAnotherTokenWithinItsLease_IsLeftUnchanged()
    {
        SmsLedgerEntry first = Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "A", lease: T0.AddMinutes(2))], T0));

        SmsLedgerEntry result = Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "B")], T0.AddMinutes(2).AddTicks(-10)));

        Assert.Equal(first, result);
        Assert.Equal("A", result.Token);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3600)]
    public async Task Claim_SendingWhoseLeaseHasEnded_BecomesUncertainKeepingItsToken(int secondsPastLease)
    {
        SmsLedgerEntry first = Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "A", lease: T0.AddMinutes(2))], T0));
        DateTimeOffset later = T0.AddMinutes(2).AddSeconds(secondsPastLease);

        SmsLedgerEntry result = Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "B", lease: later.AddMinutes(2))], later));

        Assert.Equal(first with { State = SmsLedgerState.Uncertain, UpdatedAt = later }, result);
        Assert.Equal(result, await PeekAsync("order-1", Phone));
    }

    [Theory]
    [InlineData(SmsLedgerState.Sent, "h1")]
    [InlineData(SmsLedgerState.Sent, "another text")]
    [InlineData(SmsLedgerState.Rejected, "h1")]
    [InlineData(SmsLedgerState.Uncertain, "h1")]
    [InlineData(SmsLedgerState.Uncertain, "another text")]
    public async Task Claim_SettledEntry_IsLeftUnchanged(SmsLedgerState state, string hash)
    {
        SmsLedgerEntry settled = await ClaimAndRecordAsync("order-1", Phone, "A", state);

        SmsLedgerEntry result = Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "B", hash: hash)], T0.AddDays(1)));

        Assert.Equal(settled, result);
    }

    [Fact]
    public async Task Claim_MixedBatch_AnswersEachPairInInputOrder()
    {
        await ClaimAndRecordAsync("k-sent", Phone, "A", SmsLedgerState.Sent);
        await ClaimAndRecordAsync("k-notsent", Phone, "A", SmsLedgerState.NotSent);
        await Ledger.ClaimAsync([Claim("k-live", Phone, "A", lease: T0.AddHours(1)), Claim("k-dead", Phone, "A", lease: T0)], T0);
        string[] keys = ["k-new-2", "k-sent", "k-live", "k-notsent", "k-dead", "k-new-1"];

        IReadOnlyList<SmsLedgerEntry> result = await Ledger.ClaimAsync([.. keys.Select(k => Claim(k, Phone, "B", lease: T0.AddHours(2)))], T0.AddMinutes(1));

        Assert.Equal(keys, result.Select(e => e.Key));
        Assert.Equal(
            [(SmsLedgerState.Sending, "B"), (SmsLedgerState.Sent, "A"), (SmsLedgerState.Sending, "A"), (SmsLedgerState.Sending, "B"), (SmsLedgerState.Uncertain, "A"), (SmsLedgerState.Sending, "B")],
            result.Select(e => (e.State, e.Token)));
    }

    [Fact]
    public async Task Claim_AThousandPairsInOneCall_AreAllClaimedAndASecondClaimantGetsNone()
    {
        SmsLedgerEntry[] claims = [.. Enumerable.Range(0, 1000).Select(i => Claim($"campaign-9:{i / 4}", $"+2547220000{i % 4:D2}", "A"))];

        IReadOnlyList<SmsLedgerEntry> first = await Ledger.ClaimAsync(claims, T0);
        IReadOnlyList<SmsLedgerEntry> second = await Ledger.ClaimAsync([.. claims.Reverse().Select(c => c with { Token = "B" })], T0);

        Assert.Equal(claims.Select(c => c with { UpdatedAt = T0 }), first);
        Assert.All(second, e => Assert.Equal((SmsLedgerState.Sending, "A"), (e.State, e.Token)));
        Assert.Equal(claims.Reverse().Select(c => (c.Key, c.PhoneNumber)), second.Select(e => (e.Key, e.PhoneNumber)));
        Assert.Equal(1000, (await Ledger.SummarizeAsync("campaign-9:"))[SmsLedgerState.Sending]);
    }

    [Fact]
    public async Task Claim_SamePairTwiceInOneCall_IsClaimedOnceAndAnsweredTwice()
    {
        SmsLedgerEntry claim = Claim("order-1", Phone, "A");

        IReadOnlyList<SmsLedgerEntry> result = await Ledger.ClaimAsync([claim, Claim("order-2", Phone, "A"), claim], T0);

        Assert.Equal(claim with { UpdatedAt = T0 }, result[0]);
        Assert.Equal(claim with { UpdatedAt = T0 }, result[2]);
        Assert.Equal(2, (await Ledger.SummarizeAsync("order-"))[SmsLedgerState.Sending]);
    }

    [Fact]
    public async Task Claim_NoPairs_ReturnsNothing() => Assert.Empty(await Ledger.ClaimAsync([], T0));

    [Fact]
    public async Task Claim_CancelledBeforeTheCall_ThrowsAndClaimsNothing()
    {
        await Ledger.SummarizeAsync(string.Empty);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Ledger.ClaimAsync([Claim("order-1", Phone, "A")], T0, new CancellationToken(canceled: true)));

        Assert.Empty(await Ledger.SummarizeAsync("order-"));
    }

    [Fact]
    public async Task Record_SameTokenWhileSending_WritesTheOutcomeAndKeepsHashAndLease()
    {
        SmsLedgerEntry claimed = Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "A", lease: T0.AddMinutes(2))], T0));
        var nairobi = TimeSpan.FromHours(3);
        SmsLedgerEntry outcome = new("order-1", Phone, SmsLedgerState.Sent, "ignored", "A")
        {
            UpdatedAt = new DateTimeOffset(2026, 3, 1, 11, 0, 5, nairobi),
            LeaseExpires = T0.AddYears(1),
            Provider = "synqtel",
            MessageId = "msg-42",
            Cost = 0.8000m,
            StatusCode = "1000",
            Error = SmsErrorCode.None,
        };

        int written = await Ledger.RecordAsync([outcome]);

        Assert.Equal(1, written);
        SmsLedgerEntry stored = await PeekAsync("order-1", Phone);
        Assert.Equal(outcome with { ContentHash = claimed.ContentHash, LeaseExpires = claimed.LeaseExpires }, stored);
        Assert.Equal(T0.AddSeconds(5), stored.UpdatedAt);
    }

    [Theory]
    [InlineData(SmsLedgerState.Rejected, SmsErrorCode.DoNotDisturb)]
    [InlineData(SmsLedgerState.NotSent, SmsErrorCode.ProviderInternalError)]
    [InlineData(SmsLedgerState.Uncertain, SmsErrorCode.OutcomeUnknown)]
    public async Task Record_EachOutcomeState_IsStoredWithItsError(SmsLedgerState state, SmsErrorCode error)
    {
        await Ledger.ClaimAsync([Claim("order-1", Phone, "A")], T0);

        Assert.Equal(1, await Ledger.RecordAsync([Outcome("order-1", Phone, "A", state) with { Error = error, StatusCode = "x'; --" }]));

        SmsLedgerEntry stored = await PeekAsync("order-1", Phone);
        Assert.Equal((state, error, "x'; --", (decimal?)null), (stored.State, stored.Error, stored.StatusCode, stored.Cost));
    }

    [Fact]
    public async Task Record_AfterTheClaimWasTakenOver_WritesNothing()
    {
        // A claims, its lease ends (Uncertain), an operator releases it, B re-claims: A's late outcome must not land on B's claim.
        await Ledger.ClaimAsync([Claim("order-1", Phone, "A", lease: T0.AddMinutes(2))], T0);
        await Ledger.ClaimAsync([Claim("order-1", Phone, "B")], T0.AddMinutes(3));
        Assert.True(await Ledger.ReleaseAsync("order-1", Phone));
        SmsLedgerEntry taken = Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "B", lease: T0.AddMinutes(9))], T0.AddMinutes(4)));

        int written = await Ledger.RecordAsync([Outcome("order-1", Phone, "A", SmsLedgerState.Sent)]);

        Assert.Equal(0, written);
        Assert.Equal(taken, await PeekAsync("order-1", Phone));
        Assert.Equal((SmsLedgerState.Sending, "B"), (taken.State, taken.Token));
    }

    [Fact]
    public async Task Record_UncertainWithTheSameToken_BecomesSent()
    {
        // The frozen worker (L9): its lease ended and another claimant marked it Uncertain; it resumes and records.
        await Ledger.ClaimAsync([Claim("order-1", Phone, "A", lease: T0.AddMinutes(2))], T0);
        SmsLedgerEntry uncertain = Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "B")], T0.AddMinutes(3)));
        Assert.Equal(SmsLedgerState.Uncertain, uncertain.State);

        int written = await Ledger.RecordAsync([Outcome("order-1", Phone, "A", SmsLedgerState.Sent)]);

        Assert.Equal(1, written);
        Assert.Equal((SmsLedgerState.Sent, "A", "msg-1"), Summary(await PeekAsync("order-1", Phone)));
    }

    [Theory]
    [InlineData(SmsLedgerState.Sent)]
    [InlineData(SmsLedgerState.Rejected)]
    [InlineData(SmsLedgerState.NotSent)]
    public async Task Record_SettledEntry_IsNeverOverwrittenEvenBySameToken(SmsLedgerState state)
    {
        SmsLedgerEntry settled = await ClaimAndRecordAsync("order-1", Phone, "A", state);

        int written = await Ledger.RecordAsync([Outcome("order-1", Phone, "A", SmsLedgerState.Uncertain)]);

        Assert.Equal(0, written);
        Assert.Equal(settled, await PeekAsync("order-1", Phone));
    }

    [Fact]
    public async Task Record_Batch_WritesOnlyThePairsItHoldsAndCountsThem()
    {
        await Ledger.ClaimAsync([Claim("k1", Phone, "A"), Claim("k2", Phone, "A"), Claim("k3", Phone, "B")], T0);

        int written = await Ledger.RecordAsync(
        [
            Outcome("k1", Phone, "A", SmsLedgerState.Sent),
            Outcome("k2", Phone, "A", SmsLedgerState.Rejected),
            Outcome("k3", Phone, "A", SmsLedgerState.Sent),
            Outcome("k4", Phone, "A", SmsLedgerState.Sent),
        ]);

        Assert.Equal(2, written);
        Assert.Equal((SmsLedgerState.Sending, "B", null), Summary(await PeekAsync("k3", Phone)));
        Assert.Equal(SmsLedgerState.Rejected, (await PeekAsync("k2", Phone)).State);
        Assert.Equal(0, await Ledger.RecordAsync([]));
    }

    [Fact]
    public async Task Release_Uncertain_BecomesNotSentWithoutAToken_SoOnlyANewClaimWrites()
    {
        SmsLedgerEntry uncertain = await ClaimAndRecordAsync("order-1", Phone, "A", SmsLedgerState.Uncertain);

        Assert.True(await Ledger.ReleaseAsync("order-1", Phone));

        Assert.Equal(uncertain with { State = SmsLedgerState.NotSent, Token = string.Empty }, await PeekAsync("order-1", Phone));
        Assert.Equal(0, await Ledger.RecordAsync([Outcome("order-1", Phone, "A", SmsLedgerState.Sent)]));
        Assert.Equal(0, await Ledger.RecordAsync([Outcome("order-1", Phone, string.Empty, SmsLedgerState.Sent)]));
        SmsLedgerEntry again = Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "C")], T0.AddHours(1)));
        Assert.Equal((SmsLedgerState.Sending, "C"), (again.State, again.Token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(SmsLedgerState.Sending)]
    [InlineData(SmsLedgerState.Sent)]
    [InlineData(SmsLedgerState.Rejected)]
    [InlineData(SmsLedgerState.NotSent)]
    public async Task ReleaseAndMarkSent_AnythingButUncertain_ChangeNothing(SmsLedgerState? state)
    {
        SmsLedgerEntry? before = state switch
        {
            null => null,
            SmsLedgerState.Sending => Assert.Single(await Ledger.ClaimAsync([Claim("order-1", Phone, "A")], T0)),
            _ => await ClaimAndRecordAsync("order-1", Phone, "A", state.Value),
        };

        Assert.False(await Ledger.ReleaseAsync("order-1", Phone));
        Assert.False(await Ledger.MarkSentAsync("order-1", Phone, "qserve", "m-9"));

        if (before is null)
        {
            Assert.Empty(await Ledger.SummarizeAsync("order-1"));
        }
        else
        {
            Assert.Equal(before, await PeekAsync("order-1", Phone));
        }
    }

    [Fact]
    public async Task MarkSent_Uncertain_BecomesSentWithTheProviderAndMessageId()
    {
        SmsLedgerEntry uncertain = await ClaimAndRecordAsync("order-1", Phone, "A", SmsLedgerState.Uncertain);

        Assert.True(await Ledger.MarkSentAsync("order-1", Phone, "qserve", "portal-77"));

        Assert.Equal(
            uncertain with { State = SmsLedgerState.Sent, Provider = "qserve", MessageId = "portal-77", Error = SmsErrorCode.None, StatusCode = "manual" },
            await PeekAsync("order-1", Phone));
        Assert.True(await Ledger.MarkSentAsync("order-2", Phone, "qserve", null) is false);
    }

    [Fact]
    public async Task Summarize_CountsThePairsOfAPrefixByState()
    {
        await Ledger.ClaimAsync([.. Enumerable.Range(0, 7).Select(i => Claim($"camp-1:{i}", Phone, "A")), Claim("camp-10:0", Phone, "A"), Claim("other:1", Phone, "A")], T0);
        await Ledger.RecordAsync([.. Enumerable.Range(0, 3).Select(i => Outcome($"camp-1:{i}", Phone, "A", SmsLedgerState.Sent)), Outcome("camp-1:3", Phone, "A", SmsLedgerState.Rejected)]);

        IReadOnlyDictionary<SmsLedgerState, long> counts = await Ledger.SummarizeAsync("camp-1:");

        Assert.Equal(new Dictionary<SmsLedgerState, long> { [SmsLedgerState.Sent] = 3, [SmsLedgerState.Rejected] = 1, [SmsLedgerState.Sending] = 3 }, counts);
        Assert.Equal(9, (await Ledger.SummarizeAsync(string.Empty)).Values.Sum());
        Assert.Empty(await Ledger.SummarizeAsync("nothing-here"));
    }

    [Theory]
    [InlineData("c%")]
    [InlineData("c_")]
    [InlineData("c*")]
    [InlineData("c?")]
    [InlineData("c[")]
    [InlineData("c\\")]
    [InlineData("C")]
    public async Task Summarize_PrefixIsLiteralAndCaseSensitive(string prefix)
    {
        string[] keys = ["c%1", "c_1", "c*1", "c?1", "c[1", "c\\1", "cX1", "C1", "ca1"];
        await Ledger.ClaimAsync([.. keys.Select(k => Claim(k, Phone, "A"))], T0);

        IReadOnlyDictionary<SmsLedgerState, long> counts = await Ledger.SummarizeAsync(prefix);

        Assert.Equal(1, Assert.Single(counts).Value);
    }

    [Fact]
    public async Task Purge_DeletesEntriesWrittenBeforeTheCutoff_ButNeverASendingOne()
    {
        await ClaimAndRecordAsync("old-sent", Phone, "A", SmsLedgerState.Sent, recordedAt: T0.AddDays(-40));
        await ClaimAndRecordAsync("old-uncertain", Phone, "A", SmsLedgerState.Uncertain, recordedAt: T0.AddDays(-40));
        await ClaimAndRecordAsync("new-sent", Phone, "A", SmsLedgerState.Sent, recordedAt: T0);
        await Ledger.ClaimAsync([Claim("old-sending", Phone, "A", lease: T0.AddDays(-39))], T0.AddDays(-40));
        await ClaimAndRecordAsync("edge", Phone, "A", SmsLedgerState.Sent, recordedAt: T0.AddDays(-30));

        long purged = await Ledger.PurgeAsync(T0.AddDays(-30));

        Assert.Equal(2, purged);
        Assert.Equal(
            new Dictionary<SmsLedgerState, long> { [SmsLedgerState.Sent] = 2, [SmsLedgerState.Sending] = 1 },
            await Ledger.SummarizeAsync(string.Empty));
        Assert.Equal(0, await Ledger.PurgeAsync(T0.AddDays(-30)));
    }

    [Fact]
    public async Task Keys_OfTwoHundredCharactersWithQuotesAndSemicolons_AreDataNeverSql()
    {
        string key = ("'); DROP TABLE kenyasms_send_ledger; -- \" \\ % _ * ? [ ] ; " + new string('k', 200))[..200];
        string phone = "+254722'000;001";
        Assert.Equal(200, key.Length);

        SmsLedgerEntry claimed = Assert.Single(await Ledger.ClaimAsync([Claim(key, phone, "A';--", hash: "h'\"")], T0));
        Assert.Equal(1, await Ledger.RecordAsync([Outcome(key, phone, "A';--", SmsLedgerState.Uncertain)]));
        Assert.True(await Ledger.MarkSentAsync(key, phone, "q'p", "m';"));

        SmsLedgerEntry stored = await PeekAsync(key, phone);
        Assert.Equal((key, phone, "h'\"", "A';--", "q'p", "m';"), (stored.Key, stored.PhoneNumber, stored.ContentHash, stored.Token, stored.Provider, stored.MessageId));
        Assert.Equal(claimed.Key, stored.Key);
        Assert.Equal(1, (await Ledger.SummarizeAsync(key[..50]))[SmsLedgerState.Sent]);
        Assert.Equal(1, (await Ledger.SummarizeAsync(key))[SmsLedgerState.Sent]);
        Assert.Equal(1, await Ledger.PurgeAsync(T0.AddDays(1)));
        Assert.Single(await Ledger.ClaimAsync([Claim("still-works", Phone, "A")], T0));
    }

    protected static SmsLedgerEntry Claim(string key, string phone, string token, string hash = "h1", DateTimeOffset? lease = null) =>
        new(key, phone, SmsLedgerState.Sending, hash, token) { LeaseExpires = lease ?? T0.AddMinutes(2) };

    protected static SmsLedgerEntry Outcome(string key, string phone, string token, SmsLedgerState state, DateTimeOffset? at = null) =>
        new(key, phone, state, string.Empty, token)
        {
            UpdatedAt = at ?? T0.AddSeconds(30),
            Provider = "synqtel",
            MessageId = state == SmsLedgerState.Sent ? "msg-1" : null,
            Error = state == SmsLedgerState.Sent ? SmsErrorCode.None : SmsErrorCode.Transport,
        };

    /// <summary>
    /// Reads a pair's entry through the interface: a claim with a content hash no test uses, at a time before any lease
    /// ends, leaves every existing entry as it is and returns it.
    /// </summary>
    protected async Task<SmsLedgerEntry> PeekAsync(string key, string phone)
    {
        SmsLedgerEntry entry = Assert.Single(await Ledger.ClaimAsync([Claim(key, phone, "peek", hash: "peek")], T0.AddYears(-10)));
        Assert.NotEqual("peek", entry.Token);
        return entry;
    }

    private async Task<SmsLedgerEntry> ClaimAndRecordAsync(string key, string phone, string token, SmsLedgerState state, DateTimeOffset? recordedAt = null)
    {
        DateTimeOffset at = recordedAt ?? T0.AddSeconds(30);
        await Ledger.ClaimAsync([Claim(key, phone, token, lease: at.AddMinutes(2))], at.AddSeconds(-30));
        Assert.Equal(1, await Ledger.RecordAsync([Outcome(key, phone, token, state, at)]));
        return await PeekAsync(key, phone);
    }

    private static (SmsLedgerState, string, string?) Summary(SmsLedgerEntry entry) => (entry.State, entry.Token, entry.MessageId);
}
