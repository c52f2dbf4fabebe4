using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using KenyaSms.Benchmarks.Baselines;
using KenyaSms.Benchmarks.Infrastructure;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.Campaign;

/// <summary>
/// <c>--campaign N [--handwritten | --stream | --messages-only]</c>: sends one N-message personalised campaign from a lazy
/// IEnumerable&lt;SmsMessage&gt; through SendBatchAsync (or SendBatchStreamAsync, keeping every result in a list, or
/// the hand-written chunked sender) with the
/// sendmultiple stub, once, outside BenchmarkDotNet, and prints the process's working set before,
/// at its peak and after, the size of the result kept, GC counts and allocations. <c>--messages-only</c>
/// prints what the N messages alone weigh when held in a list.
/// </summary>
public static class CampaignRunner
{
    private const long TargetBytes = 100L * 1024 * 1024;
    private const int WarmupMessages = 2_000;

    public static async Task<int> RunAsync(string[] args)
    {
        int count = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException("usage: --campaign COUNT [--handwritten | --stream | --messages-only]", nameof(args));
        bool handWritten = args.Contains("--handwritten", StringComparer.Ordinal);
        bool stream = args.Contains("--stream", StringComparer.Ordinal);
        if (args.Contains("--messages-only", StringComparer.Ordinal))
        {
            return MessagesOnly(count);
        }

        using ServiceProvider services = SdkHost.Synqtel(() => new SendMultipleStub());
        ISmsGateway sdk = services.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName);
        using var client = new HttpClient(new SendMultipleStub()) { BaseAddress = new Uri("https://api.synqtel.com/sms/") };
        var baseline = new HandWrittenSynqtelClient(client, SdkHost.SynqtelApiKey, SdkHost.SenderName);
        Func<IEnumerable<SmsMessage>, Task<object>> send = handWritten
            ? async messages => await baseline.SendBatchAsync(messages, 500).ConfigureAwait(false)
            : stream ? async messages => await StreamAsync(sdk, messages).ConfigureAwait(false)
            : async messages => await sdk.SendBatchAsync(messages).ConfigureAwait(false);

        // Warm up (JIT, pools, the HttpClient chain), then settle the heap and take the baseline.
        await send(SampleMessages.Campaign(WarmupMessages)).ConfigureAwait(false);
        Settle();
        using Process process = Process.GetCurrentProcess();
        process.Refresh();
        long baselineWorkingSet = process.WorkingSet64;
        long baselineManaged = GC.GetTotalMemory(forceFullCollection: true);
        bool peakReset = ResetPeakWorkingSet();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        using var sampler = new Sampler();
        var clock = Stopwatch.StartNew();
        object result = await send(SampleMessages.Campaign(count)).ConfigureAwait(false);
        clock.Stop();
        sampler.Stop();

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        int[] collections = [GC.CollectionCount(0) - collectionsBefore[0], GC.CollectionCount(1) - collectionsBefore[1], GC.CollectionCount(2) - collectionsBefore[2]];
        process.Refresh();
        long peakWorkingSet = Math.Max(sampler.PeakWorkingSet, peakReset ? process.PeakWorkingSet64 : 0);
        Settle();
        long retainedResult = GC.GetTotalMemory(forceFullCollection: true) - baselineManaged;
        process.Refresh();
        long afterWorkingSet = process.WorkingSet64;
        int results = result switch
        {
            SmsSendResult r => r.AcceptedCount,
            List<BatchOutcome> o => o.Count(x => x.Accepted),
            List<SmsRecipientResult> r => r.Count(x => x.IsAccepted),
            _ => -1,
        };
        GC.KeepAlive(result);

        long overBaseline = peakWorkingSet - baselineWorkingSet;
        long overBaselineLessResult = overBaseline - retainedResult;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            campaign: {count:N0} personalised messages from a lazy IEnumerable<SmsMessage>, {(handWritten ? "hand-written chunked sender" : stream ? "SendBatchStreamAsync (Synqtel, windows of 1,000, 500 a request), results kept in a list" : "ISmsGateway.SendBatchAsync (Synqtel, 500 a request)")}
            accepted: {results:N0}; elapsed {clock.Elapsed.TotalSeconds:N2} s ({clock.Elapsed.TotalMilliseconds * 1000 / count:N2} us a message)
            GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}; collections gen0/1/2 during the send: {collections[0]}/{collections[1]}/{collections[2]}
            allocated during the send: {Mb(allocated)} ({(double)allocated / count:N0} B a message)
            working set: baseline {Mb(baselineWorkingSet)}, peak {Mb(peakWorkingSet)} ({(peakReset ? "sampled every 5 ms and VmHWM reset at the baseline" : "sampled every 5 ms")}), after {Mb(afterWorkingSet)}
            managed heap: baseline {Mb(baselineManaged)}, peak sampled {Mb(sampler.PeakManaged)}; result kept after the send {Mb(retainedResult)} ({(double)retainedResult / count:N0} B a message)
            peak over baseline: {Mb(overBaseline)}; less the result kept: {Mb(overBaselineLessResult)}
            target (peak <= baseline + result + 100 MB): {(overBaselineLessResult <= TargetBytes ? "met" : $"missed by {Mb(overBaselineLessResult - TargetBytes)} ({(double)overBaselineLessResult / TargetBytes:N2}x the 100 MB allowance)")}
            """));
        return 0;
    }

    // The streaming entry point, keeping every result (what a caller recording outcomes would do).
    private static async Task<object> StreamAsync(ISmsGateway gateway, IEnumerable<SmsMessage> messages)
    {
        var results = new List<SmsRecipientResult>();
        await foreach (SmsRecipientResult r in gateway.SendBatchStreamAsync(messages).ConfigureAwait(false))
        {
            results.Add(r);
        }

        return results;
    }

    // What the caller's messages alone weigh once held in memory (what validating a whole batch before
    // the first request must keep alive, since the input is enumerated once).
    private static int MessagesOnly(int count)
    {
        Settle();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        List<SmsMessage> messages = [.. SampleMessages.Campaign(count)];
        Settle();
        long held = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(messages);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} campaign messages held in a list: {Mb(held)} ({(double)held / count:N0} B a message)"));
        return 0;
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N1} MB");

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    // Linux: writing 5 to /proc/self/clear_refs resets the peak resident set size (VmHWM) to the current one.
    private static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Samples the working set and the managed heap on its own thread until stopped.</summary>
    private sealed class Sampler : IDisposable
    {
        private readonly Thread _thread;
        private readonly ManualResetEventSlim _stop = new();
        private long _peakWorkingSet;
        private long _peakManaged;

        public Sampler()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "working-set sampler" };
            _thread.Start();
        }

        public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

        public long PeakManaged => Interlocked.Read(ref _peakManaged);

        public void Stop()
        {
            _stop.Set();
            _thread.Join();
        }

        public void Dispose()
        {
            Stop();
            _stop.Dispose();
        }

        private void Run()
        {
            using Process process = Process.GetCurrentProcess();
            do
            {
                process.Refresh();
                Interlocked.Exchange(ref _peakWorkingSet, Math.Max(_peakWorkingSet, process.WorkingSet64));
                Interlocked.Exchange(ref _peakManaged, Math.Max(_peakManaged, GC.GetTotalMemory(forceFullCollection: false)));
            }
            while (!_stop.Wait(5));
        }
    }
}
