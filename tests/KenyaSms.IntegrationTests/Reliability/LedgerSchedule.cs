using System.Globalization;
using KenyaSms.Simulator;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>How one run of a ledger schedule ends (the process that runs it, as a job engine would see it).</summary>
public enum RunFate
{
    /// <summary>Runs to the end; its result (or exception) is what the job sees.</summary>
    Lives,

    /// <summary>
    /// The process dies right after the ledger committed one of its claims (the <c>KillAtClaim</c>-th): the answer never
    /// arrives, nothing of that request goes out, and nothing more of the run reaches the ledger.
    /// </summary>
    KilledAfterClaim,

    /// <summary>The process dies after a request's answer (or failure) and before its outcome is recorded: the provider may have it, the ledger never learns.</summary>
    KilledBeforeRecord,

    /// <summary>The process dies while its requests are on the wire: the run's token fires a little after its first claim, and every later ledger write is lost.</summary>
    KilledMidRequest,

    /// <summary>The host stops gracefully (a deploy): the run's token fires a little after its first claim; its records are written (L5).</summary>
    Stopped,
}

/// <summary>One run of a ledger schedule: when it starts (its wave) and how it ends.</summary>
/// <param name="Index">The run's number in its schedule, from 0.</param>
/// <param name="Wave">Runs of one wave run concurrently; a wave starts when every run of the one before ended or died.</param>
/// <param name="Fate">How the run ends.</param>
/// <param name="KillAtClaim">For <see cref="RunFate.KilledAfterClaim"/>: which of its claims (from 1) is the last; a run that makes fewer lives.</param>
/// <param name="CancelAfter">For <see cref="RunFate.KilledMidRequest"/> and <see cref="RunFate.Stopped"/>: how long after its first claim its token fires.</param>
public sealed record PlannedRun(int Index, int Wave, RunFate Fate, int KillAtClaim, TimeSpan CancelAfter)
{
    public override string ToString() => Fate switch
    {
        RunFate.KilledAfterClaim => $"run {Index} (wave {Wave}): killed after claim {KillAtClaim}",
        RunFate.KilledMidRequest or RunFate.Stopped => $"run {Index} (wave {Wave}): {Fate} {CancelAfter.TotalMilliseconds:F0} ms after its first claim",
        _ => $"run {Index} (wave {Wave}): {Fate}",
    };
}

/// <summary>
/// One randomized case of the send-ledger schedules: a logical send of <see cref="FaultSchedule"/> (same route, kind,
/// numbers and per-attempt odds) whose messages carry idempotency keys, run 1-5 times, in waves of concurrent runs,
/// some runs killed between claim and record (<see cref="RunFate"/>); between waves the lease of the claims left by
/// the dead may pass or not. The last run lives (the engine re-runs the job until it succeeds). Everything follows
/// from the seed, except which concurrent request takes which behaviour and where a timed cancellation lands.
/// </summary>
public sealed record LedgerSchedule(int Seed, int MaxRetryAttempts, LogicalSend Send, IReadOnlyList<PlannedRun> Runs, IReadOnlyList<bool> LeasePassesBeforeWave, AttemptBehavior[] SynqtelAttempts, AttemptBehavior[] QserveAttempts)
{
    /// <summary>Attempts scripted per provider and run; later attempts are answered normally.</summary>
    private const int AttemptsPerRun = 6;

    public int Waves => Runs[^1].Wave + 1;

    public static LedgerSchedule Create(int seed)
    {
        FaultSchedule faults = FaultSchedule.Create(seed);
        var random = new Random(unchecked((seed * 7919) + 104_729));
        string hex = seed.ToString("x", CultureInfo.InvariantCulture);

        // One key per message: a bulk message's recipients share it (pairs are (key, number)).
        PlannedMessage[] messages = [.. faults.Send.Messages.Select((m, k) => m with { IdempotencyKey = $"ks:{hex}:m{k}" })];
        LogicalSend send = faults.Send with { Id = "ledger seed " + seed.ToString(CultureInfo.InvariantCulture), Messages = messages };

        int count = random.Next(100) switch
        {
            < 15 => 1,
            < 40 => 2,
            < 65 => 3,
            < 85 => 4,
            _ => 5,
        };
        var runs = new List<PlannedRun>(count);
        int wave = 0;
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && random.Next(100) < 55)
            {
                wave++;
            }

            RunFate fate = i == count - 1 ? RunFate.Lives : random.Next(100) switch
            {
                < 16 => RunFate.KilledAfterClaim,
                < 32 => RunFate.KilledBeforeRecord,
                < 42 => RunFate.KilledMidRequest,
                < 50 => RunFate.Stopped,
                _ => RunFate.Lives,
            };
            runs.Add(new PlannedRun(i, wave, fate, random.Next(1, 3), TimeSpan.FromMilliseconds(random.Next(0, 120))));
        }

        bool[] leasePasses = [.. Enumerable.Range(0, wave + 1).Select(w => w > 0 && random.Next(100) < 50)];
        return new LedgerSchedule(seed, faults.MaxRetryAttempts, send, runs, leasePasses,
            FaultSchedule.DrawAttempts(random, AttemptsPerRun * count), FaultSchedule.DrawAttempts(random, AttemptsPerRun * count));
    }

    public AttemptBehavior[] AttemptsOf(SimulatorProvider provider) => provider == SimulatorProvider.Synqtel ? SynqtelAttempts : QserveAttempts;

    public override string ToString() =>
        $"seed {Seed}: {Send} (MaxRetryAttempts {MaxRetryAttempts})\n  runs: {string.Join("; ", Runs)}\n"
        + $"  lease passes before wave: {string.Join(", ", LeasePassesBeforeWave.Select((p, w) => p ? w.ToString(CultureInfo.InvariantCulture) : null).Where(w => w is not null).DefaultIfEmpty("none"))}\n"
        + $"  synqtel attempts: {string.Join(", ", SynqtelAttempts)}\n  qserve attempts: {string.Join(", ", QserveAttempts)}";
}
