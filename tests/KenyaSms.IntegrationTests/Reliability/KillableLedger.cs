using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>What a run of a ledger schedule did with the ledger, and whether its process is dead.</summary>
public sealed class LedgerRun
{
    private readonly TaskCompletionSource _died = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _buried = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _dead;
    private int _claims;
    private int _unwritten;

    public LedgerRun(PlannedRun plan)
    {
        Plan = plan;
        if (plan.Fate == RunFate.KilledMidRequest)
        {
            // The process dies when its token fires: whatever it would write after that is lost.
            Caller.Token.Register(() => Die());
        }
    }

    public PlannedRun Plan { get; }

    /// <summary>The caller's token of the run (fired by <see cref="RunFate.KilledMidRequest"/> and <see cref="RunFate.Stopped"/>).</summary>
    public CancellationTokenSource Caller { get; } = new();

    public bool IsDead => Volatile.Read(ref _dead) != 0;

    /// <summary>Completes when the run's process dies: the job engine stops waiting for it.</summary>
    public Task Died => _died.Task;

    /// <summary>The pairs the run held (its claims answered Sending with its token): (token, key, number).</summary>
    public ConcurrentQueue<(string Token, string Key, string PhoneNumber)> Held { get; } = new();

    /// <summary>The outcomes the run wrote, in order, each with what the simulator had accepted for the pair just before.</summary>
    public ConcurrentQueue<(SmsLedgerEntry Outcome, int AcceptedBefore)> Recorded { get; } = new();

    /// <summary>Outcomes the ledger did not write (its fence refused them).</summary>
    public int Unwritten => Volatile.Read(ref _unwritten);

    internal Task Buried => _buried.Task;

    internal int NextClaim() => Interlocked.Increment(ref _claims);

    internal void AddUnwritten(int count) => Interlocked.Add(ref _unwritten, count);

    /// <summary>Kills the run's process; true the first time.</summary>
    public bool Die()
    {
        if (Interlocked.Exchange(ref _dead, 1) != 0)
        {
            return false;
        }

        _died.TrySetResult();
        return true;
    }

    /// <summary>The schedule is over: the dead run's blocked ledger calls fail (as calls of a dead process would never have been made), so its task can unwind.</summary>
    public void Bury() => _buried.TrySetResult();
}

/// <summary>Thrown to a dead run's ledger calls once it is buried.</summary>
public sealed class ProcessKilledException() : Exception("this run's process was killed; its ledger call never happened");

/// <summary>
/// The registered <see cref="ISmsSendLedger"/> with process kills: each call belongs to the run whose flow makes it
/// (an <see cref="AsyncLocal{T}"/> the run sets), and a dead run's calls never reach the ledger and never return until
/// the schedule buries it. So a run killed between claim and record leaves its pairs <see cref="SmsLedgerState.Sending"/>
/// in the real ledger, exactly as a process killed with SIGKILL would. Also the ledger's clock: <see cref="LetLeasePass"/>
/// moves the <c>now</c> the ledger sees past every lease taken so far (the schedules call it between waves only, when no
/// live run is in flight, so no live claim expires under its owner).
/// </summary>
public sealed class KillableLedger(ISmsSendLedger inner) : ISmsSendLedger
{
    /// <summary>The token of the final read (<see cref="FinalAsync"/>): an entry that answers with it did not exist.</summary>
    public const string ProbeToken = "probe";

    private static readonly AsyncLocal<LedgerRun?> CurrentRun = new();

    private readonly ConcurrentDictionary<string, LedgerRun> _owners = new(StringComparer.Ordinal);
    private long _skewTicks;

    public ISmsSendLedger Inner => inner;

    /// <summary>How many messages the simulator accepted for a (key, number) pair so far; set by the lane.</summary>
    public Func<string, string, int> AcceptedCount { get; set; } = (_, _) => 0;

    private TimeSpan Skew => TimeSpan.FromTicks(Interlocked.Read(ref _skewTicks));

    /// <summary>Replaces the ledger that <c>Add*SendLedger</c> registered (keeping its options and validation) with this decorator around it, or around <paramref name="replacement"/>.</summary>
    public static void Decorate(IServiceCollection services, Func<ISmsSendLedger>? replacement = null)
    {
        ServiceDescriptor original = services.Single(d => d.ServiceType == typeof(ISmsSendLedger));
        services.Remove(original);
        services.AddSingleton<ISmsSendLedger>(sp => new KillableLedger(replacement?.Invoke() ?? (ISmsSendLedger)original.ImplementationFactory!(sp)));
    }

    /// <summary>Makes the calls of this flow (the run's task) belong to <paramref name="run"/>.</summary>
    public static void Enter(LedgerRun run) => CurrentRun.Value = run;

    /// <summary>The run that took the claim with <paramref name="token"/>, if a run did.</summary>
    public LedgerRun? OwnerOf(string token) => _owners.GetValueOrDefault(token);

    public void LetLeasePass(TimeSpan lease) => Interlocked.Add(ref _skewTicks, (lease + TimeSpan.FromSeconds(1)).Ticks);

    /// <summary>
    /// How each pair finally reads, as the next claim would see it a day later (a Sending claim past its lease reads as
    /// Uncertain): a claim with another content hash, so that nothing is re-claimed. A pair with no entry answers with
    /// <see cref="ProbeToken"/>.
    /// </summary>
    public async Task<IReadOnlyList<SmsLedgerEntry>> FinalAsync(IReadOnlyList<(string Key, string PhoneNumber)> pairs)
    {
        DateTimeOffset later = DateTimeOffset.UtcNow + Skew + TimeSpan.FromDays(1);
        SmsLedgerEntry[] probes = [.. pairs.Select(p => new SmsLedgerEntry(p.Key, p.PhoneNumber, SmsLedgerState.Sending, "probe", ProbeToken) { LeaseExpires = later, UpdatedAt = later })];
        return probes.Length == 0 ? [] : await inner.ClaimAsync(probes, later);
    }

    public async Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        LedgerRun? run = CurrentRun.Value;
        if (run is { IsDead: true })
        {
            await DeadAsync(run);
        }

        IReadOnlyList<SmsLedgerEntry> entries = await inner.ClaimAsync(claims, now + Skew, cancellationToken);
        if (run is null || claims.Count == 0)
        {
            return entries;
        }

        string token = claims[0].Token;
        _owners[token] = run;
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i].State == SmsLedgerState.Sending && entries[i].Token == token)
            {
                run.Held.Enqueue((token, claims[i].Key, claims[i].PhoneNumber));
            }
        }

        int claim = run.NextClaim();
        if (claim == 1 && run.Plan.Fate is RunFate.KilledMidRequest or RunFate.Stopped)
        {
            run.Caller.CancelAfter(run.Plan.CancelAfter);
        }

        if (run.Plan.Fate == RunFate.KilledAfterClaim && claim == run.Plan.KillAtClaim)
        {
            run.Die(); // committed, and the answer never reaches the process
        }

        if (run.IsDead)
        {
            await DeadAsync(run);
        }

        return entries;
    }

    public async Task<int> RecordAsync(IReadOnlyList<SmsLedgerEntry> outcomes, CancellationToken cancellationToken = default)
    {
        LedgerRun? run = CurrentRun.Value;
        if (run is not null && (run.IsDead || (run.Plan.Fate == RunFate.KilledBeforeRecord && run.Die())))
        {
            await DeadAsync(run);
        }

        int[] before = [.. outcomes.Select(o => AcceptedCount(o.Key, o.PhoneNumber))];
        int written = await inner.RecordAsync(outcomes, cancellationToken);
        if (run is not null)
        {
            for (int i = 0; i < outcomes.Count; i++)
            {
                run.Recorded.Enqueue((outcomes[i], before[i]));
            }

            run.AddUnwritten(outcomes.Count - written);
        }

        return written;
    }

    public Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default) => inner.ReleaseAsync(key, phoneNumber, cancellationToken);

    public Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default) =>
        inner.MarkSentAsync(key, phoneNumber, provider, messageId, cancellationToken);

    public Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default) => inner.SummarizeAsync(keyPrefix, cancellationToken);

    public Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default) => inner.PurgeAsync(updatedBefore, cancellationToken);

    // A dead process makes no more calls: this one waits until the schedule is over, then fails without touching the ledger.
    private static async Task DeadAsync(LedgerRun run)
    {
        await run.Buried;
        throw new ProcessKilledException();
    }
}
