namespace KenyaSms.Tests.Infrastructure;

public class FakeTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_MovesUtcNowAndTimestamp()
    {
        var time = new FakeTimeProvider(Start);
        long before = time.GetTimestamp();

        time.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(Start.AddSeconds(90), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), time.GetElapsedTime(before));
        Assert.Equal(TimeSpan.FromSeconds(90), time.GetElapsedTime(before, time.GetTimestamp()));
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        var time = new FakeTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(time.GetUtcNow().AddSeconds(-1)));
    }

    [Fact]
    public void SetUtcNow_Forward_FiresDueTimers()
    {
        var time = new FakeTimeProvider(Start);
        int fired = 0;
        using ITimer timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        time.SetUtcNow(Start.AddMinutes(2));

        Assert.Equal(1, fired);
        Assert.Equal(Start.AddMinutes(2), time.GetUtcNow());
    }

    [Fact]
    public void Advance_SeveralTimers_FiresDueOnesInDueOrderAtTheirDueTime()
    {
        var time = new FakeTimeProvider(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using ITimer late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow())), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using ITimer early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow())), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using ITimer tieA = time.CreateTimer(_ => fired.Add(("tieA", time.GetUtcNow())), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using ITimer tieB = time.CreateTimer(_ => fired.Add(("tieB", time.GetUtcNow())), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using ITimer never = time.CreateTimer(_ => fired.Add(("never", time.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(
            [("early", Start.AddSeconds(1)), ("tieA", Start.AddSeconds(2)), ("tieB", Start.AddSeconds(2)), ("late", Start.AddSeconds(3))],
            fired);
        Assert.Equal(Start.AddSeconds(5), time.GetUtcNow());
        Assert.Equal(1, time.ArmedTimers);
    }

    [Fact]
    public void Advance_JustBeforeDue_DoesNotFire()
    {
        var time = new FakeTimeProvider();
        int fired = 0;
        using ITimer timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.Equal(0, fired);

        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerElapsedPeriod()
    {
        var time = new FakeTimeProvider(Start);
        var at = new List<DateTimeOffset>();
        using ITimer timer = time.CreateTimer(_ => at.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal([Start.AddSeconds(1), Start.AddSeconds(3), Start.AddSeconds(5)], at);
        Assert.Equal(1, time.ArmedTimers);
    }

    [Fact]
    public void Change_Rearm_UsesNewDueTimeFromNow()
    {
        var time = new FakeTimeProvider();
        int fired = 0;
        using ITimer timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.True(timer.Change(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, fired);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Change_Infinite_DisarmsAndDisposeStopsForGood()
    {
        var time = new FakeTimeProvider();
        int fired = 0;
        ITimer timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, fired);
        Assert.Equal(0, time.ArmedTimers);

        Assert.True(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, fired);
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void CreateTimer_DueZero_FiresImmediately()
    {
        var time = new FakeTimeProvider();
        int fired = 0;

        using ITimer timer = time.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(1, fired);
    }

    [Fact]
    public void CreateTimer_PassesState_AndCallbackMayCreateTimers()
    {
        var time = new FakeTimeProvider();
        var seen = new List<object?>();
        ITimer? inner = null;
        using ITimer outer = time.CreateTimer(
            state =>
            {
                seen.Add(state);
                inner = time.CreateTimer(s => seen.Add(s), "inner", TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
            },
            "outer",
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(["outer", "inner"], seen);
        inner?.Dispose();
    }

    [Fact]
    public void CreateTimer_InvalidDueTime_Throws()
    {
        var time = new FakeTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => time.CreateTimer(_ => { }, null, TimeSpan.FromMilliseconds(-2), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task TaskDelay_WithProvider_CompletesOnlyAfterAdvance()
    {
        var time = new FakeTimeProvider();

        Task delay = Task.Delay(TimeSpan.FromMinutes(1), time);
        Assert.False(delay.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(delay.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CancellationTokenSource_WithProvider_CancelsOnAdvance()
    {
        var time = new FakeTimeProvider();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);

        Task wait = Task.Delay(Timeout.Infinite, timeout.Token);
        time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task WaitForArmedTimersAsync_CompletesOnceCodeArmsATimer()
    {
        var time = new FakeTimeProvider();
        Task armed = time.WaitForArmedTimersAsync(1);
        Assert.False(armed.IsCompleted);

        // Code under test starts a delay on another thread; the test advances only once it is armed.
        Task delay = Task.Run(() => Task.Delay(TimeSpan.FromSeconds(5), time));
        await armed.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(5));

        await delay.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, time.ArmedTimers);
    }
}
