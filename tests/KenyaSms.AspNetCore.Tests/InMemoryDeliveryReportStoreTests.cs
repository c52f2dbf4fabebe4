using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.AspNetCore.Tests;

public sealed class InMemoryDeliveryReportStoreTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task TryRecordAsync_FirstReport_IsRecordedAndTheSameAgainIsNot()
    {
        var store = new InMemoryDeliveryReportStore(_time);

        Assert.True(await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default));
        Assert.False(await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default));
        Assert.Equal(1, store.Count);
    }

    // Unknown < Submitted < final; a final never changes.
    [Theory]
    [InlineData(DeliveryStatus.Unknown, DeliveryStatus.Submitted, true)]
    [InlineData(DeliveryStatus.Unknown, DeliveryStatus.Delivered, true)]
    [InlineData(DeliveryStatus.Submitted, DeliveryStatus.Delivered, true)]
    [InlineData(DeliveryStatus.Submitted, DeliveryStatus.Failed, true)]
    [InlineData(DeliveryStatus.Submitted, DeliveryStatus.Expired, true)]
    [InlineData(DeliveryStatus.Submitted, DeliveryStatus.Rejected, true)]
    [InlineData(DeliveryStatus.Submitted, DeliveryStatus.Unknown, false)]
    [InlineData(DeliveryStatus.Submitted, DeliveryStatus.Submitted, false)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Submitted, false)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Unknown, false)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Failed, false)]
    [InlineData(DeliveryStatus.Failed, DeliveryStatus.Delivered, false)]
    [InlineData(DeliveryStatus.Expired, DeliveryStatus.Delivered, false)]
    [InlineData(DeliveryStatus.Rejected, DeliveryStatus.Expired, false)]
    public async Task TryRecordAsync_SecondReport_RecordedOnlyWhenItMovesForward(DeliveryStatus first, DeliveryStatus second, bool recorded)
    {
        var store = new InMemoryDeliveryReportStore(_time);
        await store.TryRecordAsync(Report("1", first), default);

        Assert.Equal(recorded, await store.TryRecordAsync(Report("1", second), default));
    }

    [Fact]
    public async Task TryRecordAsync_SameIdOtherProvider_IsAnotherMessage()
    {
        var store = new InMemoryDeliveryReportStore(_time);

        Assert.True(await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default));
        Assert.True(await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered, provider: "other"), default));
    }

    [Fact]
    public async Task TryRecordAsync_OverMaxMessages_ForgetsTheLeastRecentlyChanged()
    {
        var store = new InMemoryDeliveryReportStore(_time, maxMessages: 3, maxAge: TimeSpan.FromDays(7));
        foreach (string id in new[] { "1", "2", "3" })
        {
            await store.TryRecordAsync(Report(id, DeliveryStatus.Submitted), default);
        }

        await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default); // "1" changed last now
        await store.TryRecordAsync(Report("4", DeliveryStatus.Submitted), default);

        Assert.Equal(3, store.Count);
        Assert.True(await store.TryRecordAsync(Report("2", DeliveryStatus.Submitted), default)); // "2" was forgotten
        Assert.False(await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task TryRecordAsync_DefaultBounds_RemembersSevenDays()
    {
        var store = new InMemoryDeliveryReportStore(_time);
        await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default);

        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.False(await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default));
    }

    [Fact]
    public async Task TryRecordAsync_OldEntries_AreDroppedAsTimePasses()
    {
        var store = new InMemoryDeliveryReportStore(_time, maxMessages: 100, maxAge: TimeSpan.FromHours(1));
        await store.TryRecordAsync(Report("old", DeliveryStatus.Submitted), default);
        _time.Advance(TimeSpan.FromMinutes(30));
        await store.TryRecordAsync(Report("newer", DeliveryStatus.Submitted), default);
        _time.Advance(TimeSpan.FromMinutes(30));

        await store.TryRecordAsync(Report("newest", DeliveryStatus.Submitted), default);

        Assert.Equal(2, store.Count);
        Assert.True(await store.TryRecordAsync(Report("old", DeliveryStatus.Submitted), default));
        Assert.False(await store.TryRecordAsync(Report("newer", DeliveryStatus.Submitted), default));
    }

    [Fact]
    public async Task TryRecordAsync_AStepForward_RestartsTheAgeClock()
    {
        var store = new InMemoryDeliveryReportStore(_time, maxMessages: 100, maxAge: TimeSpan.FromHours(1));
        await store.TryRecordAsync(Report("1", DeliveryStatus.Submitted), default);
        _time.Advance(TimeSpan.FromMinutes(50));
        await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default);
        _time.Advance(TimeSpan.FromMinutes(50));

        Assert.False(await store.TryRecordAsync(Report("1", DeliveryStatus.Submitted), default));
    }

    [Fact]
    public async Task RemoveAsync_AfterAStepForward_RestoresTheStatusBefore()
    {
        var store = new InMemoryDeliveryReportStore(_time);
        await store.TryRecordAsync(Report("1", DeliveryStatus.Submitted), default);
        await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default);

        await store.RemoveAsync(Report("1", DeliveryStatus.Delivered), default);

        Assert.False(await store.TryRecordAsync(Report("1", DeliveryStatus.Submitted), default));
        Assert.True(await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default));
    }

    [Fact]
    public async Task RemoveAsync_OfTheFirstReport_ForgetsTheMessage()
    {
        var store = new InMemoryDeliveryReportStore(_time);
        await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default);

        await store.RemoveAsync(Report("1", DeliveryStatus.Delivered), default);

        Assert.Equal(0, store.Count);
        Assert.True(await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default));
    }

    [Fact]
    public async Task RemoveAsync_OfAStatusNoLongerCurrent_ChangesNothing()
    {
        var store = new InMemoryDeliveryReportStore(_time);
        await store.TryRecordAsync(Report("1", DeliveryStatus.Submitted), default);
        await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default);

        await store.RemoveAsync(Report("1", DeliveryStatus.Submitted), default);
        await store.RemoveAsync(Report("2", DeliveryStatus.Submitted), default);

        Assert.False(await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task TryRecordAsync_ManyThreadsSameReport_ExactlyOneRecords()
    {
        var store = new InMemoryDeliveryReportStore(_time);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<bool>[] attempts = [.. Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), default);
        }))];
        start.SetResult();
        bool[] results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task TryRecordAsync_CancelledToken_Throws()
    {
        var store = new InMemoryDeliveryReportStore(_time);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TryRecordAsync(Report("1", DeliveryStatus.Delivered), new CancellationToken(true)).AsTask());
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Constructor_InvalidBounds_Throw()
    {
        Assert.Throws<ArgumentNullException>("timeProvider", () => new InMemoryDeliveryReportStore(null!));
        Assert.Throws<ArgumentOutOfRangeException>("maxMessages", () => new InMemoryDeliveryReportStore(_time, 0, TimeSpan.FromDays(1)));
        Assert.Throws<ArgumentOutOfRangeException>("maxAge", () => new InMemoryDeliveryReportStore(_time, 10, TimeSpan.Zero));
    }

    private static DeliveryReport Report(string messageId, DeliveryStatus status, string provider = "synqtel") =>
        new(provider, messageId, "+254722123456", status, "1");
}
