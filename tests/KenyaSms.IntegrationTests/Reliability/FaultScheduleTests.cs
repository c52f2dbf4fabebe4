using System.Globalization;
using KenyaSms.Simulator;
using Xunit.Abstractions;

namespace KenyaSms.IntegrationTests.Reliability;

// reliability.md, "A randomized test": many logical sends (single, bulk, personalised batch; synqtel, qserve, and the
// failover chain synqtel -> qserve), each with a seeded schedule of per-attempt behaviours, played by the simulator
// (which keeps the ledger of accepted messages) or, for a refused connection, by the client's transport; I1-I5 are
// checked for every send against the final ledger. KENYASMS_SCHEDULES (default 2,000) and KENYASMS_SEED run more or
// other schedules; a failure prints each failing schedule with its seed and the command that replays it.
public sealed class FaultScheduleTests(ITestOutputHelper output)
{
    public const int DefaultSeed = 20_250_905;
    public const int DefaultSchedules = 2_000;
    private const int SchedulesPerLane = 100;
    private const int MaxLanesPerSetting = 16;

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
        var audit = new InvariantAudit();

        // A lane runs its schedules one after another on its own simulator, so that the simulator's fault rules (for
        // the next request) belong to that one send; lanes run side by side. A lane's SDK has one MaxRetryAttempts
        // and one RetryAmbiguousSends, so schedules are grouped by those first.
        List<FaultSchedule[]> lanes = [.. Enumerable.Range(0, count)
            .Select(i => FaultSchedule.Create(seed + i))
            .GroupBy(s => (s.MaxRetryAttempts, s.RetryAmbiguousSends))
            .SelectMany(setting => setting.Chunk(Math.Max(SchedulesPerLane, (setting.Count() / MaxLanesPerSetting) + 1)))];
        await Task.WhenAll(lanes.Select(lane => RunLaneAsync(lane, audit)));

        output.WriteLine($"{count} schedules from seed {seed} on {lanes.Count} simulators:");
        output.WriteLine(audit.Figures());
        Assert.True(audit.Violations.Count == 0, audit.Report(
            $"KENYASMS_SEED=<seed> KENYASMS_SCHEDULES=1 dotnet test tests/KenyaSms.IntegrationTests --filter \"FullyQualifiedName~{nameof(FaultScheduleTests)}\""));
        Assert.Equal(count, audit.Count("sends"));
    }

    private static async Task RunLaneAsync(FaultSchedule[] schedules, InvariantAudit audit)
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
            qserve: o => o.MaxRecipientsPerRequest = 2);
        await using (host)
        {
            foreach (FaultSchedule schedule in schedules)
            {
                host.SynqtelTransport.Load(schedule.SynqtelAttempts);
                host.QserveTransport.Load(schedule.QserveAttempts);
                outcomes.Add(await schedule.Send.RunRecordedAsync(host.Gateway(schedule.Send.Route), Guard));
                host.Sim.Faults.Clear(); // rules the send did not use up
            }
        }

        // The simulator has stopped: the ledger is final.
        Dictionary<LogicalSend, FaultSchedule> bySend = schedules.ToDictionary(s => s.Send);
        audit.Audit(outcomes, host.Sim.Ledger.Messages, send => bySend[send].ToString(), duplicatesAllowed: schedules[0].RetryAmbiguousSends);
        audit.AuditLeaks(host.Logs.AllText() + string.Concat(outcomes.Select(o => o.Failure?.ToString() + o.Unexpected)), host.Secrets, bySend.Keys);
        audit.Add("requests the simulator received", host.Sim.Ledger.Requests.Count);
        foreach (SimulatorProvider provider in new[] { SimulatorProvider.Synqtel, SimulatorProvider.Qserve })
        {
            SimulatorTransport transport = host.Transport(provider);
            audit.Add("attempts", transport.Attempts);
            foreach (AttemptBehavior behavior in AttemptBehaviors.All)
            {
                audit.Add($"attempts played: {behavior}", transport.Played(behavior));
            }
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}
