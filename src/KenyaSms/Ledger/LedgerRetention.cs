using KenyaSms.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.Ledger;

/// <summary>
/// Keeps <see cref="SmsSendLedgerOptions.Retention"/>'s promise without a host: the first claim of a process, and then
/// the first claim an <see cref="Interval"/> after the last purge, starts <see cref="ISmsSendLedger.PurgeAsync"/> in the
/// background for entries last written before now minus the retention. The send never waits for it; a failed purge is
/// logged and tried again an interval later. One per container (a singleton), so gateways share the schedule.
/// </summary>
internal sealed class LedgerRetention
{
    /// <summary>How often a process purges at most.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly ISmsSendLedger _ledger;
    private readonly IOptionsMonitor<SmsSendLedgerOptions> _options;
    private readonly ILogger _logger;
    private long _nextTicks = long.MinValue;
    private Task _last = Task.CompletedTask;

    public LedgerRetention(ISmsSendLedger ledger, IOptionsMonitor<SmsSendLedgerOptions> options, ILogger logger)
    {
        _ledger = ledger;
        _options = options;
        _logger = logger;
    }

    /// <summary>The purge started last (a completed task before the first); it never faults.</summary>
    public Task Last => Volatile.Read(ref _last);

    /// <summary>Called at each claim: starts a purge when one is due, and returns at once.</summary>
    public void OnClaim(DateTimeOffset now)
    {
        long due = Volatile.Read(ref _nextTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextTicks, now.UtcTicks + Interval.Ticks, due) != due)
        {
            return; // not due, or another claim of this moment started it
        }

        DateTimeOffset cutoff = now - _options.CurrentValue.Retention;
        Volatile.Write(ref _last, Task.Run(() => PurgeAsync(cutoff)));
    }

    private async Task PurgeAsync(DateTimeOffset cutoff)
    {
        try
        {
            long purged = await _ledger.PurgeAsync(cutoff, CancellationToken.None).ConfigureAwait(false);
            Log.LedgerPurged(_logger, purged, cutoff);
        }
#pragma warning disable CA1031 // A purge that fails is retried at the next interval; it must never surface in a send.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.LedgerPurgeFailed(_logger, ex.GetType().Name, Interval);
        }
    }
}
