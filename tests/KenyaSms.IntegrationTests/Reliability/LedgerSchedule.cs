using System.Globalization;
using CsCheck;
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
/// from the seed (drawn by <see cref="Generator"/>), except which concurrent request takes which behaviour and where
/// a timed cancellation lands.
/// </summary>
public sealed record LedgerSchedule(int Seed, int MaxRetryAttempts, LogicalSend Send, IReadOnlyList<PlannedRun> Runs, IReadOnlyList<bool> LeasePassesBeforeWave, AttemptBehavior[] SynqtelAttempts, AttemptBehavior[] QserveAttempts)
{
    /// <summary>Attempts scripted per provider and run; later attempts are answered normally.</summary>
    private const int AttemptsPerRun = 6;

    public int Waves => Runs[^1].Wave + 1;

    /// <summary>The PCG stream the ledger schedules are drawn on (not the fault schedules' one).</summary>
    private const uint Stream = 104_729;

    private static readonly Gen<int> RunCount = Gen.Frequency([(15, 1), (25, 2), (25, 3), (20, 4), (15, 5)]);

    // How a run that is not the last ends.
    private static readonly Gen<RunFate> Fates = Gen.Frequency(
        [(16, RunFate.KilledAfterClaim), (16, RunFate.KilledBeforeRecord), (10, RunFate.KilledMidRequest), (8, RunFate.Stopped), (50, RunFate.Lives)]);

    // Per run: whether it starts a new wave (55 %; never the first run), its fate, its last claim, when its token fires.
    private static readonly Gen<(bool NewWave, RunFate Fate, int KillAtClaim, int CancelAfterMs)> Run =
        Gen.Select(Gen.Frequency([(55, true), (45, false)]), Fates, Gen.Int[1, 2], Gen.Int[0, 119]);

    /// <summary>
    /// The ledger schedules, drawn by CsCheck generators: the send of <see cref="FaultSchedule.Generator"/> with an
    /// idempotency key per message, then the runs, the lease passes and the per-run attempts.
    /// </summary>
    public static Gen<LedgerSchedule> Generator(int seed)
    {
        string hex = seed.ToString("x", CultureInfo.InvariantCulture);
        return FaultSchedule.Generator(seed).SelectMany(faults => RunCount.SelectMany(count => Gen.Select(
            Run.Array[count],
            Gen.Frequency([(50, true), (50, false)]).Array[count],
            FaultSchedule.Attempts(AttemptsPerRun * count),
            FaultSchedule.Attempts(AttemptsPerRun * count),
            (drawn, passes, synqtel, qserve) =>
            {
                // One key per message: a bulk message's recipients share it (pairs are (key, number)).
                PlannedMessage[] messages = [.. faults.Send.Messages.Select((m, k) => m with { IdempotencyKey = $"ks:{hex}:m{k}" })];
                LogicalSend send = faults.Send with { Id = "ledger seed " + seed.ToString(CultureInfo.InvariantCulture), Messages = messages };
                var runs = new List<PlannedRun>(count);
                int wave = 0;
                for (int i = 0; i < count; i++)
                {
                    if (i > 0 && drawn[i].NewWave)
                    {
                        wave++;
                    }

                    // The last run lives: the engine re-runs the job until it succeeds.
                    RunFate fate = i == count - 1 ? RunFate.Lives : drawn[i].Fate;
                    runs.Add(new PlannedRun(i, wave, fate, drawn[i].KillAtClaim, TimeSpan.FromMilliseconds(drawn[i].CancelAfterMs)));
                }

                // No lease passes before the first wave: nothing has claimed yet.
                bool[] leasePasses = [.. Enumerable.Range(0, wave + 1).Select(w => w > 0 && passes[w])];
                return new LedgerSchedule(seed, faults.MaxRetryAttempts, send, runs, leasePasses, synqtel, qserve);
            })));
    }

    /// <summary>The schedule of <paramref name="seed"/>, the same every time (KENYASMS_SEED replays it).</summary>
    public static LedgerSchedule Create(int seed) => Generator(seed).Generate(new PCG(Stream, (ulong)seed), null, out _);

    public AttemptBehavior[] AttemptsOf(SimulatorProvider provider) => provider == SimulatorProvider.Synqtel ? SynqtelAttempts : QserveAttempts;

    public override string ToString() =>
        $"seed {Seed}: {Send} (MaxRetryAttempts {MaxRetryAttempts})\n  runs: {string.Join("; ", Runs)}\n"
        + $"  lease passes before wave: {string.Join(", ", LeasePassesBeforeWave.Select((p, w) => p ? w.ToString(CultureInfo.InvariantCulture) : null).Where(w => w is not null).DefaultIfEmpty("none"))}\n"
        + $"  synqtel attempts: {string.Join(", ", SynqtelAttempts)}\n  qserve attempts: {string.Join(", ", QserveAttempts)}";
}
