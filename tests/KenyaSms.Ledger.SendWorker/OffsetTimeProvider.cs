namespace KenyaSms.Ledger.SendWorker;

/// <summary>The system clock moved forward: a run "after the lease" without sleeping through it. Timers are the system's.</summary>
internal sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
