using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.Ledger;

/// <summary>The registered ledger, its options and clock, as the gateways use them; null when no ledger is registered.</summary>
internal sealed class SendLedgerContext
{
    // Who claims: this host and process, and a random part so that two runs of one process never share a token.
    private static readonly string OwnerPrefix = $"{Environment.MachineName}/{ProcessId()}/{Guid.NewGuid().ToString("N").Substring(0, 12)}/";

    // Per process, not per context: every gateway (and every container) of a process has a context of its own, and a
    // token two of them shared would let one owner's late write through the other's fence.
    private static long s_claims;

    public SendLedgerContext(ISmsSendLedger ledger, IOptionsMonitor<SmsSendLedgerOptions> options, TimeProvider time, ILogger logger, LedgerRetention? retention = null)
    {
        Ledger = ledger;
        Options = options;
        Time = time;
        Logger = logger;
        Retention = retention ?? new LedgerRetention(ledger, options, logger);
    }

    public ISmsSendLedger Ledger { get; }

    public IOptionsMonitor<SmsSendLedgerOptions> Options { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    /// <summary>The container's purge schedule (a ledger registered by hand, without <c>Add*SendLedger</c>, gets one per context).</summary>
    public LedgerRetention Retention { get; }

    /// <summary>The ledger context of <paramref name="services"/>, or null when no ledger is registered.</summary>
    public static SendLedgerContext? From(IServiceProvider services) =>
        services.GetService<ISmsSendLedger>() is { } ledger
            ? new SendLedgerContext(ledger, services.GetRequiredService<IOptionsMonitor<SmsSendLedgerOptions>>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("KenyaSms.Ledger"), services.GetService<LedgerRetention>())
            : null;

    /// <summary>A new claim token: owner, then a per-process sequence number.</summary>
    public static string NextToken() => OwnerPrefix + Interlocked.Increment(ref s_claims).ToString(CultureInfo.InvariantCulture);

    private static int ProcessId()
    {
#if NETSTANDARD2_0
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.Id;
#else
        return Environment.ProcessId;
#endif
    }
}
