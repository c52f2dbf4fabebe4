using System.Diagnostics;
using System.Globalization;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KenyaSms.IntegrationTests.Reliability;

// reliability.md I6 and I7 with the send ledger (api.md 8b): many logical sends whose messages carry idempotency keys
// (single, bulk, personalised batch; synqtel, qserve, the failover chain), each run 1-5 times, in waves of concurrent
// runs, through the per-attempt fault schedules of FaultScheduleTests; some runs are killed between claim and record
// (KillableLedger: the dead run's ledger calls never happen, its task is abandoned), some are stopped by their token.
// After every run, per (key, number) pair: at most one accepted message (I6), exactly one final ledger entry that
// agrees with the simulator and is Uncertain only for a kill or a lost answer (I7), and every live run's result honest.
// KENYASMS_SEED and KENYASMS_LEDGER_SCHEDULES (default 1,000) run other or more schedules; a failure prints each failing
// schedule with its seed and the command that replays it. A naive ledger (LedgerMutation) must be caught. The
// schedules come from CsCheck generators (LedgerSchedule.Generator) with a fixed default seed, for the reasons given in
// FaultScheduleTests (the audit reads the final ledgers, after the runs) and because the mutation check counts on the
// default seed drawing kills the naive ledger mishandles.
public sealed class LedgerScheduleTests(ITestOutputHelper output)
{
    public const int DefaultSchedules = 1_000;

    private const int SchedulesPerLane = 20;

    // The mutation checks run fewer schedules: enough that the default seed draws several kills the naive ledger mishandles.
    private const int MutationSchedules = 60;

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan GracePeriod = TimeSpan.FromMilliseconds(500);

    // Must exceed TotalTimeout + CancellationGracePeriod (the options validator); the schedules let it pass between waves
    // by moving the ledger's clock (KillableLedger.LetLeasePass), never by waiting.
    private static readonly TimeSpan Lease = TotalTimeout + GracePeriod + TimeSpan.FromSeconds(1);

    // A hang guard, not a timing assertion: a failover send may use two providers' total budgets, and the grace period.
    private static readonly TimeSpan Guard = (2 * TotalTimeout) + GracePeriod + TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Send_WithLedger_RandomRunsKillsAndFaults_KeepsI6AndI7()
    {
        int seed = FaultScheduleTests.Setting("KENYASMS_SEED", FaultScheduleTests.DefaultSeed);
        int count = FaultScheduleTests.Setting("KENYASMS_LEDGER_SCHEDULES", DefaultSchedules);
        LedgerAudit audit = await RunAsync(seed, count, mutation: null);

        Assert.True(audit.Violations.Count == 0, audit.Report(
            $"KENYASMS_SEED=<seed> KENYASMS_LEDGER_SCHEDULES=1 dotnet test tests/KenyaSms.IntegrationTests --filter \"FullyQualifiedName~{nameof(LedgerScheduleTests)}.{nameof(Send_WithLedger_RandomRunsKillsAndFaults_KeepsI6AndI7)}\""));
        Assert.Equal(count, audit.Count("schedules"));
        Assert.True(count < 100 || audit.Count("runs killed") > 0, "no run was killed: the schedules test nothing of kills");
    }

    // reliability.md: "a deliberately naive variant (re-send expired claims) must make the kill tests fail". A ledger
    // whose claim takes over a Sending entry past its lease re-sends what a killed run may have sent: duplicates (I6).
    [Fact]
    public async Task NaiveLedger_ReclaimsExpiredClaims_TheSchedulesReportDuplicates()
    {
        LedgerAudit audit = await RunAsync(FaultScheduleTests.DefaultSeed, MutationSchedules, LedgerMutation.ReclaimExpired);

        Assert.True(audit.Count("duplicates found") > 0, "the naive ledger re-sent expired claims and no duplicate was found:\n" + audit.Figures());
        Assert.True(audit.Count("violations I6") > 0);
    }

    private async Task<LedgerAudit> RunAsync(int seed, int count, LedgerMutation? mutation)
    {
        var audit = new LedgerAudit();
        List<LedgerSchedule[]> lanes = [.. Enumerable.Range(0, count)
            .Select(i => LedgerSchedule.Create(seed + i))
            .GroupBy(s => s.MaxRetryAttempts)
            .SelectMany(setting => setting.Chunk(LaneSize(setting.Count())))];
        await using LoopbackServer redirectTarget = await LoopbackServer.StartAsync();
        long started = Stopwatch.GetTimestamp();
        await Task.WhenAll(lanes.Select(lane => RunLaneAsync(lane, audit, mutation, redirectTarget.BaseAddress)));
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        audit.AuditRedirectTarget(redirectTarget.ConnectionsAccepted, redirectTarget.Requests.Count);

        output.WriteLine($"{count} ledger schedules from seed {seed} on {lanes.Count} simulators in {elapsed.TotalSeconds:F1} s"
            + (mutation is { } m ? $", on a naive ledger ({m})" : string.Empty) + ":");
        output.WriteLine(audit.Figures());
        if (mutation is not null)
        {
            foreach (string v in audit.Violations.Take(3))
            {
                output.WriteLine("\nfor example: " + v);
            }
        }

        return audit;
    }

    private static int LaneSize(int schedules)
    {
        int lanes = (schedules + SchedulesPerLane - 1) / SchedulesPerLane;
        return (schedules + lanes - 1) / lanes;
    }

    private static async Task RunLaneAsync(LedgerSchedule[] schedules, LedgerAudit audit, LedgerMutation? mutation, Uri redirectTarget)
    {
        Dictionary<string, string> textOfKey = schedules.SelectMany(s => s.Send.Messages).ToDictionary(m => m.IdempotencyKey!, m => m.Text, StringComparer.Ordinal);
        ReliabilityHost host = await ReliabilityHost.StartAsync(
            o =>
            {
                o.AttemptTimeout = AttemptTimeout;
                o.TotalTimeout = TotalTimeout;
                o.CancellationGracePeriod = GracePeriod;
                o.MaxRetryAttempts = schedules[0].MaxRetryAttempts;
                o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(1);
                o.CircuitBreakerMinimumThroughput = 100_000; // as in FaultScheduleTests: the breaker would end the schedules
            },
            synqtel: o => o.MaxMessagesPerRequest = 2, // batches span several requests: a run can die between two of them
            qserve: o => o.MaxRecipientsPerRequest = 2,
            redirectTarget: redirectTarget,
            sdk: b =>
            {
                b.AddInMemorySendLedger(o => o.Lease = Lease);
                KillableLedger.Decorate(b.Services, mutation is { } m ? () => new NaiveSendLedger(m) : null);
            });
        var ledger = (KillableLedger)host.Services.GetRequiredService<ISmsSendLedger>();
        ledger.AcceptedCount = (key, phone) => textOfKey.TryGetValue(key, out string? text)
            ? host.Sim.Ledger.Messages.Count(m => m.Mobile == phone && m.Text == text)
            : 0;

        var played = new List<(LedgerSchedule Schedule, List<(LedgerRun Run, RunOutcome? Outcome)> Outcomes)>(schedules.Length);
        await using (host)
        {
            foreach (LedgerSchedule schedule in schedules)
            {
                string label = "seed-" + schedule.Seed.ToString(CultureInfo.InvariantCulture);
                host.SynqtelTransport.Load(schedule.SynqtelAttempts, label);
                host.QserveTransport.Load(schedule.QserveAttempts, label);
                played.Add((schedule, await PlayAsync(schedule, host.Gateway(schedule.Send.Route), ledger)));
                host.Sim.Faults.Clear();
            }
        }

        // The simulator has stopped: what it accepted is final. Read every pair as the next claim would see it.
        ILookup<(string Text, string Mobile), SimulatorMessage> accepted = host.Sim.Ledger.Messages.ToLookup(m => (m.Text, m.Mobile));
        List<(string Key, string PhoneNumber)> pairs = [.. schedules.SelectMany(s => LedgerAudit.Pairs(s.Send)).Select(p => (p.Key, p.PhoneNumber))];
        IReadOnlyList<SmsLedgerEntry> entries = await ledger.FinalAsync(pairs);
        Dictionary<(string Key, string PhoneNumber), SmsLedgerEntry> final = pairs.Zip(entries).ToDictionary(p => p.First, p => p.Second);
        audit.Add("requests the simulator received", host.Sim.Ledger.Requests.Count);
        audit.Add("messages the simulator accepted", host.Sim.Ledger.Messages.Count);
        audit.Add("attempts", host.SynqtelTransport.Attempts + host.QserveTransport.Attempts);
        foreach ((LedgerSchedule schedule, List<(LedgerRun, RunOutcome?)> outcomes) in played)
        {
            audit.AuditSchedule(schedule, outcomes, final, accepted, ledger);
        }
    }

    // Plays the runs of one schedule wave by wave; returns each run with its outcome (null for a live run that hung).
    private static async Task<List<(LedgerRun Run, RunOutcome? Outcome)>> PlayAsync(LedgerSchedule schedule, ISmsGateway gateway, KillableLedger ledger)
    {
        var runs = new List<(LedgerRun Run, Task<RunOutcome> Task)>();
        var hung = new HashSet<LedgerRun>();
        for (int wave = 0; wave < schedule.Waves; wave++)
        {
            if (schedule.LeasePassesBeforeWave[wave])
            {
                ledger.LetLeasePass(Lease);
            }

            List<(LedgerRun Run, Task<RunOutcome> Task)> started = [.. schedule.Runs.Where(r => r.Wave == wave).Select(plan =>
            {
                var run = new LedgerRun(plan);
                return (run, Task.Run(() => ExecuteAsync(gateway, schedule.Send, run)));
            })];
            runs.AddRange(started);

            // The wave is over when each of its runs ended or died (a job engine stops waiting for a dead worker).
            foreach ((LedgerRun run, Task<RunOutcome> task) in started)
            {
                try
                {
                    await Task.WhenAny(task, run.Died).WaitAsync(Guard);
                }
                catch (TimeoutException)
                {
                    hung.Add(run);
                }
            }
        }

        // The schedule is over: dead runs' blocked calls fail, so their tasks unwind (their outcomes stay unseen).
        foreach ((LedgerRun run, _) in runs)
        {
            run.Bury();
        }

        var outcomes = new List<(LedgerRun, RunOutcome?)>(runs.Count);
        foreach ((LedgerRun run, Task<RunOutcome> task) in runs)
        {
            try
            {
                outcomes.Add((run, hung.Contains(run) ? null : await task.WaitAsync(Guard)));
            }
            catch (TimeoutException)
            {
                outcomes.Add((run, null));
            }
        }

        return outcomes;
    }

    private static async Task<RunOutcome> ExecuteAsync(ISmsGateway gateway, LogicalSend send, LedgerRun run)
    {
        KillableLedger.Enter(run);
        try
        {
            return new RunOutcome(run, send, await send.RunAsync(gateway, run.Caller.Token), null, null, null);
        }
        catch (SmsGatewayException ex)
        {
            return new RunOutcome(run, send, null, ex, null, null);
        }
        catch (SmsSendCanceledException ex)
        {
            return new RunOutcome(run, send, null, null, ex, null);
        }
#pragma warning disable CA1031 // Anything else escaping is an I2 violation, reported by the audit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new RunOutcome(run, send, null, null, null, ex);
        }
    }
}
