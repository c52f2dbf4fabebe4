using System.Diagnostics;
using System.Globalization;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KenyaSms.IntegrationTests.Reliability;

// reliability.md, "A randomized test": many logical sends (single, bulk, personalised batch; synqtel, qserve, and the
// failover chain synqtel -> qserve), each with a seeded schedule of per-attempt behaviours, played by the simulator
// (which keeps the ledger of accepted messages) or, for a refused connection, by the client's transport; I1-I5 are
// checked for every send against the final ledger. Redirects are behaviours too (302 to the same URL, 307 to a host
// that must never be reached), and each schedule draws the handlers the application adds around the SDK's clients
// (none, a body logger, Microsoft's standard resilience handler, a naive retry). KENYASMS_SCHEDULES (default 2,000)
// and KENYASMS_SEED run more or other schedules; a failure prints each failing schedule with its seed and the
// command that replays it. The schedules are drawn by CsCheck generators (FaultSchedule.Generator), each from a PCG
// seeded with its own seed: the seed stays fixed by default because the invariants are audited per lane once its
// simulator has stopped (a message may still be accepted after the client gave up), so there is no per-schedule
// verdict for CsCheck to shrink; the generators themselves are checked with shrinking in ScheduleGeneratorTests.
public sealed class FaultScheduleTests(ITestOutputHelper output)
{
    public const int DefaultSeed = 20_250_905;
    public const int DefaultSchedules = 2_000;

    // At the default count; more schedules make lanes longer in proportion, not more numerous: about 50 simulators run
    // at once whatever the count (each is a Kestrel host with a file watcher, and Linux allows 128 inotify instances).
    private const int SchedulesPerLane = 100;

    // The standard resilience handler answers a refusal (429, 503, a refused connection) with its own 2 s backoff, which
    // the SDK's attempt timeout (outermost) cuts at 200 ms: its sends take longer, so its lanes are shorter.
    private const int SchedulesPerStandardResilienceLane = 30;

    // Short enough that a delayed answer costs little, long enough that a normal one never needs it (if it ever does,
    // that attempt is simply one more fault: the invariants hold whatever the timing).
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(3);

    // A hang guard, not a timing assertion: a failover send may use two providers' total budgets.
    private static readonly TimeSpan Guard = (2 * TotalTimeout) + TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Send_RandomFaultSchedules_KeepsInvariantsI1ToI5()
    {
        int seed = Setting("KENYASMS_SEED", DefaultSeed);
        int count = Setting("KENYASMS_SCHEDULES", DefaultSchedules);
        Dictionary<ApplicationHandlers, InvariantAudit> audits = ApplicationHandlerSettings.All.ToDictionary(h => h, _ => new InvariantAudit());

        // A lane runs its schedules one after another on its own simulator, so that the simulator's fault rules (for
        // the next request) belong to that one send; lanes run side by side. A lane's SDK has one MaxRetryAttempts,
        // one RetryAmbiguousSends and one set of application handlers, so schedules are grouped by those first, then
        // split into lanes of about equal size.
        List<FaultSchedule[]> lanes = [.. Enumerable.Range(0, count)
            .Select(i => FaultSchedule.Create(seed + i))
            .GroupBy(s => (s.MaxRetryAttempts, s.RetryAmbiguousSends, s.Handlers))
            .SelectMany(setting => setting.Chunk(LaneSize(setting.Count(), setting.Key.Handlers, Math.Max(1, count / DefaultSchedules))))];
        await using LoopbackServer redirectTarget = await LoopbackServer.StartAsync();
        long started = Stopwatch.GetTimestamp();
        TimeSpan[] laneTimes = await Task.WhenAll(lanes.Select(lane => RunLaneAsync(lane, audits[lane[0].Handlers], redirectTarget.BaseAddress)));
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);

        InvariantAudit total = InvariantAudit.Sum(audits.Values);
        total.AuditRedirectTarget(redirectTarget.ConnectionsAccepted, redirectTarget.Requests);
        output.WriteLine($"{count} schedules from seed {seed} on {lanes.Count} simulators in {elapsed.TotalSeconds:F1} s:");
        output.WriteLine(total.Figures());
        foreach ((ApplicationHandlers handlers, InvariantAudit audit) in audits)
        {
            TimeSpan[] times = [.. laneTimes.Where((_, i) => lanes[i][0].Handlers == handlers)];
            output.WriteLine($"\napplication handlers {handlers}: {audit.Count("sends")} schedules on {times.Length} simulators, the longest lane {times.DefaultIfEmpty().Max().TotalSeconds:F1} s");
            output.WriteLine(audit.Figures());
        }

        Assert.True(total.Violations.Count == 0, total.Report(
            $"KENYASMS_SEED=<seed> KENYASMS_SCHEDULES=1 dotnet test tests/KenyaSms.IntegrationTests --filter \"FullyQualifiedName~{nameof(FaultScheduleTests)}\""));
        Assert.Equal(count, total.Count("sends"));
        Assert.All(audits.Values, a => Assert.True(a.Count("sends") > 0 || count < 100, "a setting of application handlers drew no schedule"));
    }

    // Lanes of at most about SchedulesPerLane x scale, all of one setting about the same size.
    private static int LaneSize(int schedules, ApplicationHandlers handlers, int scale)
    {
        int perLane = scale * (handlers == ApplicationHandlers.StandardResilienceOnEveryClient ? SchedulesPerStandardResilienceLane : SchedulesPerLane);
        int lanes = (schedules + perLane - 1) / perLane;
        return (schedules + lanes - 1) / lanes;
    }

    // Returns how long the lane's sends took (a figure for the output, never asserted).
    private static async Task<TimeSpan> RunLaneAsync(FaultSchedule[] schedules, InvariantAudit audit, Uri redirectTarget)
    {
        var outcomes = new List<SendOutcome>(schedules.Length);
        ReliabilityHost host = await ReliabilityHost.StartAsync(
            o =>
            {
                o.AttemptTimeout = AttemptTimeout;
                o.TotalTimeout = TotalTimeout;
                o.MaxRetryAttempts = schedules[0].MaxRetryAttempts;
                o.RetryAmbiguousSends = schedules[0].RetryAmbiguousSends;
                o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(1);
                o.CircuitBreakerMinimumThroughput = 100_000; // the breaker has its own tests (CircuitBreakerTests); here it would end the schedules
            },
            synqtel: o => o.MaxMessagesPerRequest = 2, // batches span several requests, so one request can fail while another succeeds
            qserve: o => o.MaxRecipientsPerRequest = 2,
            handlers: schedules[0].Handlers,
            redirectTarget: redirectTarget);
        long started = Stopwatch.GetTimestamp();
        await using (host)
        {
            foreach (FaultSchedule schedule in schedules)
            {
                string label = "seed-" + schedule.Seed.ToString(CultureInfo.InvariantCulture);
                host.SynqtelTransport.Load(schedule.SynqtelAttempts, label);
                host.QserveTransport.Load(schedule.QserveAttempts, label);
                outcomes.Add(await schedule.Send.RunRecordedAsync(host.Gateway(schedule.Send.Route), Guard));
                host.Sim.Faults.Clear(); // rules the send did not use up
            }
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);

        // The simulator has stopped: the ledger is final.
        Dictionary<LogicalSend, FaultSchedule> bySend = schedules.ToDictionary(s => s.Send);
        string lane = $"the lane of {schedules.Length} schedules from seed {schedules[0].Seed} ({schedules[0].Handlers}, MaxRetryAttempts {schedules[0].MaxRetryAttempts}, RetryAmbiguousSends {schedules[0].RetryAmbiguousSends})";
        audit.Audit(outcomes, host.Sim.Ledger.Messages, send => bySend[send].ToString(), duplicatesAllowed: schedules[0].RetryAmbiguousSends);
        audit.AuditLeaks(host.Logs.AllText() + string.Concat(outcomes.Select(o => o.Failure?.ToString() + o.Unexpected)), host.Secrets, bySend.Keys);
        audit.Add("requests the simulator received", host.Sim.Ledger.Requests.Count);
        foreach (SimulatorProvider provider in new[] { SimulatorProvider.Synqtel, SimulatorProvider.Qserve })
        {
            SimulatorTransport transport = host.Transport(provider);
            audit.AuditRequestsSent($"{provider} in {lane}", [.. host.Sim.Ledger.Requests.Where(r => r.Provider == provider)], transport.Sent);
            audit.Add("attempts", transport.Attempts);
            foreach (AttemptBehavior behavior in AttemptBehaviors.All)
            {
                audit.Add($"attempts played: {behavior}", transport.Played(behavior));
            }
        }

        return elapsed;
    }

    internal static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}
