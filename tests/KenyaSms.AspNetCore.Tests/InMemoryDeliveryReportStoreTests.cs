using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.AspNetCore.Tests;

public sealed class InMemoryDeliveryReportStoreTests
{
    private const string Synqtel = "synqtel";

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task TryReplaceAsync_NoRecordExpectingNone_AddsItAndASecondAddFails()
    {
        var store = new InMemoryDeliveryReportStore(_time);

        Assert.True(await store.TryReplaceAsync(Synqtel, "1", null, "a", default));
        Assert.False(await store.TryReplaceAsync(Synqtel, "1", null, "b", default));
        Assert.Equal("a", await store.GetAsync(Synqtel, "1", default));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task TryReplaceAsync_ExpectedIsStored_Replaces()
    {
        var store = new InMemoryDeliveryReportStore(_time);
        await store.TryReplaceAsync(Synqtel, "1", null, "a", default);

        Assert.True(await store.TryReplaceAsync(Synqtel, "1", "a", "b", default));
        Assert.Equal("b", await store.GetAsync(Synqtel, "1", default));
    }

    [Theory]
    [InlineData("b")]
    [InlineData("A")] // compared ordinally
    [InlineData(null)]
    public async Task TryReplaceAsync_ExpectedIsNotStored_ChangesNothing(string? expected)
    {
        var store = new InMemoryDeliveryReportStore(_time);
        await store.TryReplaceAsync(Synqtel, "1", null, "a", default);

        Assert.False(await store.TryReplaceAsync(Synqtel, "1", expected, "c", default));
        Assert.Equal("a", await store.GetAsync(Synqtel, "1", default));
    }

    [Fact]
    public async Task TryReplaceAsync_NoRecordExpectingOne_Fails()
    {
        var store = new InMemoryDeliveryReportStore(_time);

        Assert.False(await store.TryReplaceAsync(Synqtel, "1", "a", "b", default));
        Assert.Null(await store.GetAsync(Synqtel, "1", default));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task TryReplaceAsync_SameIdOtherProvider_IsAnotherMessage()
    {
        var store = new InMemoryDeliveryReportStore(_time);

        Assert.True(await store.TryReplaceAsync(Synqtel, "1", null, "a", default));
        Assert.True(await store.TryReplaceAsync("other", "1", null, "b", default));
        Assert.Equal(("a", "b"), (await store.GetAsync(Synqtel, "1", default), await store.GetAsync("other", "1", default)));
    }

    [Fact]
    public async Task TryReplaceAsync_OverMaxMessages_ForgetsTheLeastRecentlyChanged()
    {
        var store = new InMemoryDeliveryReportStore(_time, maxMessages: 3, maxAge: TimeSpan.FromDays(7));
        foreach (string id in new[] { "1", "2", "3" })
        {
            await store.TryReplaceAsync(Synqtel, id, null, "a", default);
        }

        await store.TryReplaceAsync(Synqtel, "1", "a", "b", default); // "1" changed last now
        await store.TryReplaceAsync(Synqtel, "4", null, "a", default);

        Assert.Equal(3, store.Count);
        Assert.Null(await store.GetAsync(Synqtel, "2", default));
        Assert.Equal("b", await store.GetAsync(Synqtel, "1", default));
    }

    [Fact]
    public async Task GetAsync_DefaultBounds_RemembersSevenDays()
    {
        var store = new InMemoryDeliveryReportStore(_time);
        await store.TryReplaceAsync(Synqtel, "1", null, "a", default);

        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal("a", await store.GetAsync(Synqtel, "1", default));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.GetAsync(Synqtel, "1", default));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task TryReplaceAsync_AReplace_RestartsTheAgeClock()
    {
        var store = new InMemoryDeliveryReportStore(_time, maxMessages: 100, maxAge: TimeSpan.FromHours(1));
        await store.TryReplaceAsync(Synqtel, "1", null, "a", default);
        await store.TryReplaceAsync(Synqtel, "2", null, "a", default);
        _time.Advance(TimeSpan.FromMinutes(50));
        await store.TryReplaceAsync(Synqtel, "1", "a", "b", default);
        _time.Advance(TimeSpan.FromMinutes(50));

        Assert.Equal("b", await store.GetAsync(Synqtel, "1", default));
        Assert.Null(await store.GetAsync(Synqtel, "2", default));
    }

    [Fact]
    public async Task TryReplaceAsync_ManyThreadsSameExpected_ExactlyOneReplaces()
    {
        var store = new InMemoryDeliveryReportStore(_time);
        await store.TryReplaceAsync(Synqtel, "1", null, "a", default);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<bool>[] attempts = [.. Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await store.TryReplaceAsync(Synqtel, "1", "a", $"b{i}", default);
        }))];
        start.SetResult();
        bool[] results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task Calls_CancelledToken_ThrowAndChangeNothing()
    {
        var store = new InMemoryDeliveryReportStore(_time);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TryReplaceAsync(Synqtel, "1", null, "a", new CancellationToken(true)).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(Synqtel, "1", new CancellationToken(true)).AsTask());
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Constructor_InvalidBounds_Throw()
    {
        Assert.Throws<ArgumentNullException>("timeProvider", () => new InMemoryDeliveryReportStore(null!));
        Assert.Throws<ArgumentOutOfRangeException>("maxMessages", () => new InMemoryDeliveryReportStore(_time, 0, TimeSpan.FromDays(1)));
        Assert.Throws<ArgumentOutOfRangeException>("maxAge", () => new InMemoryDeliveryReportStore(_time, 10, TimeSpan.Zero));
    }
}
