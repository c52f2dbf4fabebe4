using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Sending;

public class ChunkRunnerTests
{
    [Fact]
    public async Task StartAsync_MaxInFlight_WaitsForOneToFinishBeforeStartingAnother()
    {
        var runner = new ChunkRunner(CancellationToken.None);
        TaskCompletionSource[] gates = [.. Enumerable.Range(0, ChunkRunner.MaxConcurrentChunks + 1).Select(_ => new TaskCompletionSource())];
        int started = 0;
        for (int i = 0; i < ChunkRunner.MaxConcurrentChunks; i++)
        {
            TaskCompletionSource gate = gates[i];
            await runner.StartAsync(_ => { started++; return gate.Task; }, _ => { }, _ => { });
        }

        Task next = runner.StartAsync(_ => { started++; return gates[^1].Task; }, _ => { }, _ => { });

        Assert.False(next.IsCompleted);
        Assert.Equal(ChunkRunner.MaxConcurrentChunks, started);
        gates[2].SetResult();
        await next;
        Assert.Equal(ChunkRunner.MaxConcurrentChunks + 1, started);
        foreach (TaskCompletionSource gate in gates)
        {
            gate.TrySetResult();
        }

        await runner.CompleteAsync();
    }

    [Fact]
    public async Task CompleteAsync_SomeFailed_ReportsThemAndDoesNotThrow()
    {
        var runner = new ChunkRunner(CancellationToken.None);
        var failed = new List<int>();
        for (int i = 0; i < 6; i++)
        {
            int index = i;
            await runner.StartAsync(_ => index % 2 == 0 ? Task.CompletedTask : Task.FromException(Failure(mayHaveBeenSent: false)), _ => failed.Add(index), _ => { });
        }

        await runner.CompleteAsync();
        Assert.Equal([1, 3, 5], failed);
    }

    [Fact]
    public async Task CompleteAsync_AllFailed_ThrowsTheFirstInBatchOrderSayingAnyMayHaveBeenSent()
    {
        var runner = new ChunkRunner(CancellationToken.None);
        var first = new TaskCompletionSource();
        await runner.StartAsync(_ => first.Task, _ => { }, _ => { });
        await runner.StartAsync(_ => Task.FromException(Failure(mayHaveBeenSent: true)), _ => { }, _ => { });
        first.SetException(Failure(mayHaveBeenSent: false, "first"));

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(runner.CompleteAsync);

        Assert.True(ex.MayHaveBeenSent);
        Assert.Contains("All 2 requests", ex.Message, StringComparison.Ordinal);
        Assert.Equal("first", ex.InnerException!.Message);
    }

    [Fact]
    public async Task StartAsync_Cancelled_WaitsForTheRequestsInFlightThenThrows()
    {
        using var cts = new CancellationTokenSource();
        var runner = new ChunkRunner(cts.Token);
        var inFlight = new TaskCompletionSource();
        await runner.StartAsync(_ => inFlight.Task, _ => { }, _ => { });
        await cts.CancelAsync();
        bool ranAfterCancel = false;

        Task next = runner.StartAsync(_ => { ranAfterCancel = true; return Task.CompletedTask; }, _ => { }, _ => { });

        Assert.False(next.IsCompleted);
        inFlight.SetResult();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        Assert.False(ranAfterCancel);
    }

    private static SmsGatewayException Failure(bool mayHaveBeenSent, string message = "failed") =>
        new("synqtel", SmsErrorCode.Transport, message, isTransient: true, mayHaveBeenSent: mayHaveBeenSent);
}
