using KenyaSms.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KenyaSms.Ledger.Tests;

/// <summary>
/// Senders that die, as real processes (reliability.md L1, L11, I6, I7): KenyaSms.Ledger.SendWorker sends a keyed job
/// through the SDK and a send ledger, this process's <see cref="SmsSimulator"/> plays the gateway and counts every
/// message it accepted, and a worker is killed with SIGKILL while its request is in flight. Tests wait on the workers'
/// stdout lines, on the simulator's ledger and on process exits; every wait has a guard against hangs, none a sleep.
/// </summary>
public abstract class KillTests(ProcessLedgerStore store, ITestOutputHelper output) : IAsyncLifetime
{
    // L11: the job's messages go out one request each, in order (stream mode, a window of one message); the gateway
    // accepts message K's request and never answers it.
    private const int Messages = 6;
    private const int Recipients = 2;
    private const int K = 3;

    // Past the worker's lease (90 s): a run "after the lease", by moving the worker's clock instead of waiting.
    private static readonly TimeSpan AfterLease = TimeSpan.FromHours(1);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task L11_GatewayAcceptsMessageKThenHangs_SenderKilled_KEndsUncertainAndIsNeverSentAgain()
    {
        KillRun run = await RunKillScenarioAsync(naive: false);
        AssertL11(run);
    }

    [Fact]
    public async Task L11_NaiveLedgerThatResendsExpiredClaims_IsCaughtByTheKillTest()
    {
        // The mutation check of reliability.md: the same scenario, the later runs with a ledger that takes an expired
        // claim as abandoned and sends it again. The L11 assertions must fail, and for the right reason: K went out twice.
        KillRun run = await RunKillScenarioAsync(naive: true);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertL11(run));
        Assert.All(Enumerable.Range(0, Recipients), r =>
            Assert.Equal(2, run.Accepted.Count(m => m.Text == run.Job.Text(K) && m.Mobile == SendJob.Number(K, r))));
        Assert.All(run.Third.Where(x => x.Key == run.Job.Key(K)), x => Assert.True(x.Accepted && !x.Replay, x.ToString()));
    }

    [Fact]
    public async Task L1_SameJobInThreeProcessesAtOnce_EachPairAcceptedOnce_EveryRunReportsEveryRecipient()
    {
        SendJob job = SendJob.New("l1", messages: 40, recipients: 2);
        await using SmsSimulator sim = await SmsSimulator.StartAsync();
        var workers = new List<SendWorkerProcess>();
        try
        {
            for (int w = 0; w < 3; w++)
            {
                workers.Add(await SendWorkerProcess.StartAsync($"worker-{w}", sim.SynqtelBaseAddress, store.Kind, store.ConnectionString, store.Schema, job, "batch"));
            }

            foreach (SendWorkerProcess worker in workers)
            {
                await worker.GoAsync();
            }

            var runs = new List<IReadOnlyList<WorkerResult>>();
            foreach (SendWorkerProcess worker in workers)
            {
                runs.Add(await worker.FinishAsync());
            }

            // The gateway accepted every pair exactly once, in all.
            IReadOnlyList<SimulatorMessage> accepted = sim.Ledger.Messages;
            AssertEachPairAcceptedOnce(job, accepted);
            Dictionary<(string Text, string Mobile), string> ids = accepted.ToDictionary(m => (m.Text, m.Mobile), m => m.MessageId);

            // Every run reports every input recipient once: accepted (by its own request, or a replay of another's), or
            // "in flight elsewhere" (OutcomeUnknown, MayHaveBeenSent); an accepted one carries the id the gateway gave.
            var fresh = new List<(string Key, string Number)>();
            for (int w = 0; w < runs.Count; w++)
            {
                AssertEveryPairReportedOnce(job, runs[w], workers[w].Name);
                foreach (WorkerResult x in runs[w])
                {
                    if (x.Accepted)
                    {
                        Assert.Equal(ids[(job.Text(job.MessageOf(x.Key)), x.Number)], x.MessageId);
                        if (!x.Replay)
                        {
                            fresh.Add((x.Key, x.Number));
                        }
                    }
                    else
                    {
                        Assert.True(x is { Replay: true, MayHaveBeenSent: true, Error: nameof(SmsErrorCode.OutcomeUnknown) }, $"{workers[w].Name}: {x}");
                    }
                }
            }

            foreach ((SendWorkerProcess worker, IReadOnlyList<WorkerResult> results) in workers.Zip(runs))
            {
                output.WriteLine($"{worker.Name}: sent {results.Count(x => x.Accepted && !x.Replay)}, replayed {results.Count(x => x.Accepted && x.Replay)}, in flight elsewhere {results.Count(x => !x.Accepted)}");
            }

            // Each pair was sent by exactly one of the runs.
            Assert.Equal(job.Pairs.Select(p => (job.Key(p.Message), SendJob.Number(p.Message, p.Recipient))).Order(), fresh.Order());

            // A later run replays all of it and sends nothing.
            await using (SendWorkerProcess again = await SendWorkerProcess.StartAsync("worker-later", sim.SynqtelBaseAddress, store.Kind, store.ConnectionString, store.Schema, job, "batch"))
            {
                await again.GoAsync();
                IReadOnlyList<WorkerResult> later = await again.FinishAsync();
                AssertEveryPairReportedOnce(job, later, again.Name);
                Assert.All(later, x => Assert.True(x.Accepted && x.Replay && x.MessageId == ids[(job.Text(job.MessageOf(x.Key)), x.Number)], x.ToString()));
            }

            Assert.Equal(accepted.Count, sim.Ledger.Messages.Count);
            Assert.Equal(new Dictionary<SmsLedgerState, long> { [SmsLedgerState.Sent] = job.Messages * job.Recipients }, await SummarizeAsync(job.Name + ":"));
        }
        finally
        {
            foreach (SendWorkerProcess worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    // L9: a worker frozen by the OS (SIGSTOP) past its lease while its request is out, then resumed (SIGCONT). The re-run
    // in between marks the frozen pairs Uncertain and sends none of them; the resumed worker's late answer is recorded
    // under its own token (Uncertain becomes Sent), and the rest of its job, meanwhile sent by the re-run, replays. The
    // simulator's clock is the test's, so message K's answer comes exactly when the test says, not after some time.
    [Fact]
    public async Task L9_WorkerFrozenPastItsLeaseThenResumed_ReRunSendsNoneOfItsPairs_ItsLateAnswerIsRecorded()
    {
        SendJob job = SendJob.New("l9", Messages, Recipients);
        var simulatorClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using SmsSimulator sim = await SmsSimulator.StartAsync(new SmsSimulatorOptions { TimeProvider = simulatorClock });
        sim.Faults.Inject(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, SimulatorFault.Delay(TimeSpan.Zero), count: K);
        sim.Faults.Inject(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, SimulatorFault.Delay(TimeSpan.FromHours(1)), count: 1); // accepted, answered later

        await using SendWorkerProcess frozen = await SendWorkerProcess.StartAsync("frozen", sim.SynqtelBaseAddress, store.Kind, store.ConnectionString, store.Schema, job, "stream");
        using (var guard = new CancellationTokenSource(SendWorkerProcess.Guard))
        {
            Task acceptedK = sim.Ledger.WaitUntilAsync(l => l.Messages.Count(m => m.Text == job.Text(K)) == Recipients, guard.Token);
            await frozen.GoAsync();
            if (await Task.WhenAny(acceptedK, frozen.Exited) != acceptedK)
            {
                Assert.Fail($"{frozen.Name} exited ({frozen.ExitCode}) before the gateway accepted message {K}: {string.Join(" | ", frozen.Lines)}");
            }

            await acceptedK;
        }

        frozen.Freeze();
        Assert.Equal(SimulatorRequestOutcome.Pending, sim.Ledger.Requests[K].Outcome); // K's answer not given yet

        // The re-run, after the frozen worker's lease (its clock an hour on).
        IReadOnlyList<WorkerResult> rerun = await RunAsync("rerun", sim, job, AfterLease, naive: false);
        IReadOnlyDictionary<SmsLedgerState, long> kWhileFrozen = await SummarizeAsync(job.Key(K));
        int requestsAfterRerun = sim.Ledger.Requests.Count;

        frozen.Resume();
        simulatorClock.Advance(TimeSpan.FromHours(1)); // the gateway answers K now
        IReadOnlyList<WorkerResult> resumed = await frozen.FinishAsync();

        AssertEachPairAcceptedOnce(job, sim.Ledger.Messages);
        Dictionary<(string Text, string Mobile), string> ids = sim.Ledger.Messages.ToDictionary(m => (m.Text, m.Mobile), m => m.MessageId);
        Assert.All(sim.Ledger.Messages.Where(m => m.Text == job.Text(K)), m => Assert.Equal(K, m.RequestIndex));
        Assert.Equal(Messages, requestsAfterRerun);            // the re-run sent K+1.. and not K
        Assert.Equal(Messages, sim.Ledger.Requests.Count);     // the resumed worker sent nothing more

        AssertEveryPairReportedOnce(job, rerun, "rerun");
        AssertEveryPairReportedOnce(job, resumed, "resumed");
        foreach (WorkerResult x in rerun)
        {
            int message = job.MessageOf(x.Key);
            Assert.True(message == K
                ? x is { Accepted: false, Replay: true, MayHaveBeenSent: true, Error: nameof(SmsErrorCode.OutcomeUnknown) }
                : x.Accepted && x.Replay == (message < K) && x.MessageId == ids[(job.Text(message), x.Number)], $"rerun: {x}");
        }

        // The resumed worker learns K's real outcome (accepted by its own request) and replays what the re-run sent.
        foreach (WorkerResult x in resumed)
        {
            int message = job.MessageOf(x.Key);
            Assert.True(x.Accepted && x.Replay == (message > K) && x.MessageId == ids[(job.Text(message), x.Number)], $"resumed: {x}");
        }

        Assert.Equal(new Dictionary<SmsLedgerState, long> { [SmsLedgerState.Uncertain] = Recipients }, kWhileFrozen);
        Assert.Equal(new Dictionary<SmsLedgerState, long> { [SmsLedgerState.Sent] = Messages * Recipients }, await SummarizeAsync(job.Name + ":"));
        output.WriteLine($"L9: K Uncertain while frozen, Sent after resume; {sim.Ledger.Requests.Count} requests, {sim.Ledger.Messages.Count} messages accepted, none twice");
    }

    private async Task<KillRun> RunKillScenarioAsync(bool naive)
    {
        SendJob job = SendJob.New("l11", Messages, Recipients);
        await using SmsSimulator sim = await SmsSimulator.StartAsync();
        // Requests 0..K-1 answered at once (a zero delay), request K (message K) accepted, then never answered.
        sim.Faults.Inject(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, SimulatorFault.Delay(TimeSpan.Zero), count: K);
        sim.Faults.Inject(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, SimulatorFault.Stall(), count: 1);

        // Run 1: SIGKILLed once the gateway has accepted message K (its answer stalled, so the worker waits on it).
        IReadOnlyList<WorkerResult> first;
        int killExitCode;
        IReadOnlyList<SimulatorRequest> atKill;
        await using (SendWorkerProcess w1 = await SendWorkerProcess.StartAsync("first", sim.SynqtelBaseAddress, store.Kind, store.ConnectionString, store.Schema, job, "stream"))
        {
            using var guard = new CancellationTokenSource(SendWorkerProcess.Guard);
            Task acceptedK = sim.Ledger.WaitUntilAsync(l => l.Messages.Count(m => m.Text == job.Text(K)) == Recipients, guard.Token);
            await w1.GoAsync();
            if (await Task.WhenAny(acceptedK, w1.Exited) != acceptedK)
            {
                Assert.Fail($"{w1.Name} exited ({w1.ExitCode}) before the gateway accepted message {K}: {string.Join(" | ", w1.Lines)}");
            }

            await acceptedK;
            atKill = sim.Ledger.Requests;
            await w1.KillAsync();
            first = w1.Results;
            killExitCode = w1.ExitCode;
            Assert.DoesNotContain("done", w1.Lines);
        }

        int requestsAfterKill = sim.Ledger.Requests.Count;
        output.WriteLine($"first worker killed (exit code {killExitCode}) after {first.Count} results and {requestsAfterKill} requests");

        // Run 2: the same job at once, from another process (message K's claim is still within its lease).
        IReadOnlyList<WorkerResult> second = await RunAsync("second", sim, job, TimeSpan.Zero, naive);
        IReadOnlyDictionary<SmsLedgerState, long> kAfterSecond = await SummarizeAsync(job.Key(K));
        int requestsAfterSecond = sim.Ledger.Requests.Count;

        // Run 3: the same job after the lease (the worker's clock moved past it).
        IReadOnlyList<WorkerResult> third = await RunAsync("third", sim, job, AfterLease, naive);
        output.WriteLine($"naive = {naive}: gateway accepted {sim.Ledger.Messages.Count} messages in {sim.Ledger.Requests.Count} requests");
        return new KillRun(job, killExitCode, first, second, third, sim.Ledger.Messages, atKill, requestsAfterKill, requestsAfterSecond, sim.Ledger.Requests.Count,
            kAfterSecond, await SummarizeAsync(job.Key(K)), await SummarizeAsync(job.Name + ":"));
    }

    private async Task<IReadOnlyList<WorkerResult>> RunAsync(string name, SmsSimulator sim, SendJob job, TimeSpan clockOffset, bool naive)
    {
        await using SendWorkerProcess worker = await SendWorkerProcess.StartAsync(name, sim.SynqtelBaseAddress, store.Kind, store.ConnectionString, store.Schema, job, "stream", clockOffset, naive);
        await worker.GoAsync();
        return await worker.FinishAsync();
    }

    private static void AssertL11(KillRun run)
    {
        SendJob job = run.Job;

        // I6: every pair accepted by the gateway exactly once over the three runs; K only by the first run's request.
        AssertEachPairAcceptedOnce(job, run.Accepted);
        Dictionary<(string Text, string Mobile), string> ids = run.Accepted.ToDictionary(m => (m.Text, m.Mobile), m => m.MessageId);

        // The first worker died by the signal, having reported messages 0..K-1 (accepted by their requests) and nothing more.
        Assert.NotEqual(0, run.KillExitCode);
        Assert.Equal(
            job.Pairs.Where(p => p.Message < K).Select(p => (job.Key(p.Message), SendJob.Number(p.Message, p.Recipient), true, false)),
            run.First.Select(x => (x.Key, x.Number, x.Accepted, x.Replay)));
        Assert.All(run.First, x => Assert.Equal(ids[(job.Text(job.MessageOf(x.Key)), x.Number)], x.MessageId));

        Assert.Equal(K + 1, run.RequestsAfterKill);
        Assert.Equal(K + 1, run.AtKill.Count);
        Assert.Equal(SimulatorRequestOutcome.Pending, run.AtKill[K].Outcome);   // the kill came while K's answer was awaited
        Assert.Equal(Messages, run.RequestsAfterSecond);     // run 2 sent only the messages after K, one request each
        Assert.Equal(Messages, run.RequestsAfterThird);      // run 3 sent nothing
        Assert.All(run.Accepted.Where(m => m.Text == job.Text(K)), m => Assert.Equal(K, m.RequestIndex));

        // Run 2 (right after the kill) and run 3 (after the lease): every recipient reported; before K a replay of
        // what was sent; K "may have been sent", never accepted by a new request; after K sent by run 2, replayed by run 3.
        foreach ((string name, IReadOnlyList<WorkerResult> results, bool laterRun) in new[] { ("second", run.Second, false), ("third", run.Third, true) })
        {
            AssertEveryPairReportedOnce(job, results, name);
            foreach (WorkerResult x in results)
            {
                int message = job.MessageOf(x.Key);
                if (message == K)
                {
                    Assert.True(x is { Accepted: false, Replay: true, MayHaveBeenSent: true, Error: nameof(SmsErrorCode.OutcomeUnknown) }, $"{name}: {x}");
                }
                else
                {
                    Assert.True(x.Accepted && x.Replay == (message < K || laterRun), $"{name}: {x}");
                    Assert.Equal(ids[(job.Text(message), x.Number)], x.MessageId);
                }
            }
        }

        // I7: K's pairs read Sending within the lease, Uncertain after it (never NotSent, never Sent by another
        // request); the rest of the job is Sent.
        Assert.Equal(new Dictionary<SmsLedgerState, long> { [SmsLedgerState.Sending] = Recipients }, run.KAfterSecond);
        Assert.Equal(new Dictionary<SmsLedgerState, long> { [SmsLedgerState.Uncertain] = Recipients }, run.KAfterThird);
        Assert.Equal(new Dictionary<SmsLedgerState, long> { [SmsLedgerState.Sent] = (Messages - 1) * Recipients, [SmsLedgerState.Uncertain] = Recipients }, run.JobCounts);
    }

    private static void AssertEachPairAcceptedOnce(SendJob job, IReadOnlyList<SimulatorMessage> accepted)
    {
        Assert.Equal(
            job.Pairs.Select(p => (job.Text(p.Message), SendJob.Number(p.Message, p.Recipient))).Order(),
            accepted.Select(m => (m.Text, m.Mobile)).Order());
    }

    private static void AssertEveryPairReportedOnce(SendJob job, IReadOnlyList<WorkerResult> results, string name)
    {
        Assert.True(
            job.Pairs.Select(p => (job.Key(p.Message), SendJob.Number(p.Message, p.Recipient))).Order().SequenceEqual(results.Select(x => (x.Key, x.Number)).Order()),
            $"{name} did not report every input recipient once: {string.Join(" | ", results)}");
    }

    private async Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix)
    {
        await using ServiceProvider services = store.BuildLedger();
        IReadOnlyDictionary<SmsLedgerState, long> counts = await services.GetRequiredService<ISmsSendLedger>().SummarizeAsync(keyPrefix);
        return counts.Where(c => c.Value != 0).ToDictionary();
    }

    private sealed record KillRun(
        SendJob Job,
        int KillExitCode,
        IReadOnlyList<WorkerResult> First,
        IReadOnlyList<WorkerResult> Second,
        IReadOnlyList<WorkerResult> Third,
        IReadOnlyList<SimulatorMessage> Accepted,
        IReadOnlyList<SimulatorRequest> AtKill,
        int RequestsAfterKill,
        int RequestsAfterSecond,
        int RequestsAfterThird,
        IReadOnlyDictionary<SmsLedgerState, long> KAfterSecond,
        IReadOnlyDictionary<SmsLedgerState, long> KAfterThird,
        IReadOnlyDictionary<SmsLedgerState, long> JobCounts);
}

/// <summary>The kill tests on a SQLite file shared by the worker processes.</summary>
public sealed class SqliteKillTests(ITestOutputHelper output) : KillTests(new SqliteProcessStore(), output);

/// <summary>The kill tests on a PostgreSQL table (a schema of its own) shared by the worker processes.</summary>
public sealed class PostgreSqlKillTests(ITestOutputHelper output) : KillTests(new PostgreSqlProcessStore(), output);
