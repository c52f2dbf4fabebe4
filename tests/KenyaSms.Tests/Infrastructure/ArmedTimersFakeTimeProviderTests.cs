namespace KenyaSms.Tests.Infrastructure;

// The clock itself is Microsoft.Extensions.TimeProvider.Testing's; these test only the armed-timer count added on top.
public class ArmedTimersFakeTimeProviderTests
{
    [Fact]
    public void ArmedTimers_CountsOneShotsUntilTheyFireAndPeriodicTimersUntilDisposed()
    {
        var time = new ArmedTimersFakeTimeProvider();
        int fired = 0;
        using ITimer late = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using ITimer early = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        ITimer periodic = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        using ITimer never = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        Assert.Equal(4, time.ArmedTimers);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(5, fired); // early, late, periodic at 1 s, 3 s and 5 s
        Assert.Equal(2, time.ArmedTimers); // periodic and never
        periodic.Dispose();
        Assert.Equal(1, time.ArmedTimers);
    }

    [Fact]
    public void Change_Infinite_DisarmsAndDisposeStopsForGood()
    {
        var time = new ArmedTimersFakeTimeProvider();
        int fired = 0;
        ITimer timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, fired);
        Assert.Equal(0, time.ArmedTimers);

        Assert.True(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        Assert.Equal(1, time.ArmedTimers);
        timer.Dispose();
        Assert.Equal(0, time.ArmedTimers);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, fired);
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public void CreateTimer_DueZero_FiresImmediatelyAndIsNotLeftArmed()
    {
        var time = new ArmedTimersFakeTimeProvider();
        int fired = 0;

        using ITimer timer = time.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(1, fired);
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public async Task WaitForArmedTimersAsync_CompletesOnceCodeArmsATimer()
    {
        var time = new ArmedTimersFakeTimeProvider();
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
