using System.Diagnostics.Tracing;
using System.Globalization;
using KenyaSms.Benchmarks.Baselines;
using KenyaSms.Benchmarks.Infrastructure;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.Profiling;

/// <summary>
/// <c>--allocations synqtel|qserve|africastalking|batch|handwritten [operations] [--no-sampling]</c>: runs one operation many times and
/// prints the bytes allocated per operation, the first-chance exceptions per operation, the share of
/// operations that completed without a thread-pool hop, and the types that allocate most, from the
/// runtime's AllocationTick events (one sample each ~100 KB allocated, so each type's share is an
/// estimate). Evidence for where a send's allocations come from.
/// </summary>
public static class AllocationProfiler
{
    public static async Task<int> RunAsync(string[] args)
    {
        string what = args.Length > 1 ? args[1] : "synqtel";
        int operations = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out int n) ? n : 0;

        // --no-sampling: no AllocationTick listener, for running under a CPU profiler (dotnet-trace) undisturbed.
        bool sampling = !args.Contains("--no-sampling", StringComparer.Ordinal);
        using ServiceProvider synqtel = SdkHost.Synqtel(() => new FixtureHandler(Fixtures.SynqtelSendSms));
        using ServiceProvider qserve = SdkHost.Qserve(() => new FixtureHandler(Fixtures.QserveSendSms));
        using ServiceProvider africasTalking = SdkHost.AfricasTalking(() => new FixtureHandler(Fixtures.AfricasTalkingSend, System.Net.HttpStatusCode.Created));
        using ServiceProvider batch = SdkHost.Synqtel(() => new SendMultipleStub());
        using var client = new HttpClient(new FixtureHandler(Fixtures.SynqtelSendSms)) { BaseAddress = new Uri("https://api.synqtel.com/sms/") };
        var handWritten = new HandWrittenSynqtelClient(client, SdkHost.SynqtelApiKey, SdkHost.SenderName);
        var otp = new SmsMessage("+254722310558", SampleMessages.Otp);
        List<SmsMessage> campaign = [.. SampleMessages.Campaign(1_000)];

        Func<Task> operation = what switch
        {
            "synqtel" => () => synqtel.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName).SendAsync(otp),
            "qserve" => () => qserve.GetRequiredKeyedService<ISmsGateway>(QserveSmsGateway.ProviderName).SendAsync(new SmsMessage("254722998999", SampleMessages.Otp)),
            "africastalking" => () => africasTalking.GetRequiredKeyedService<ISmsGateway>(KenyaSms.AfricasTalking.AfricasTalkingSmsGateway.ProviderName).SendAsync(new SmsMessage("+254700072929", SampleMessages.Otp)),
            "batch" => () => batch.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName).SendBatchAsync(campaign),
            "handwritten" => () => handWritten.SendSmsAsync("+254722310558", SampleMessages.Otp),
            _ => throw new ArgumentException("usage: --allocations synqtel|qserve|africastalking|batch|handwritten [operations]", nameof(args)),
        };
        operations = operations > 0 ? operations : what == "batch" ? 200 : 100_000;

        for (int i = 0; i < Math.Min(operations, 1_000); i++)
        {
            await operation().ConfigureAwait(false);
        }

        int exceptions = 0;
        AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref exceptions);
        using AllocationListener? listener = sampling ? new AllocationListener() : null;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        int synchronous = 0;
        for (int i = 0; i < operations; i++)
        {
            Task running = operation();
            synchronous += running.IsCompleted ? 1 : 0;
            await running.ConfigureAwait(false);
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        listener?.Dispose();
        Dictionary<string, long> byType = listener?.ByType ?? [];
        long sampled = byType.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {operations:N0} operations, {(double)allocated / operations:N0} B allocated per operation, {(double)exceptions / operations:N2} first-chance exceptions per operation, {(double)synchronous / operations:P0} completed synchronously (no thread-pool hop)"));
        Console.WriteLine("types by sampled allocation (share of bytes, estimated bytes per operation):");
        foreach ((string type, long bytes) in byType.OrderByDescending(p => p.Value).Take(25))
        {
            double share = sampled == 0 ? 0 : (double)bytes / sampled;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {share,6:P1}  {share * allocated / operations,8:N0} B  {type}"));
        }

        return 0;
    }

    private sealed class AllocationListener : EventListener
    {
        private const int AllocationTick = 10;
        private readonly object _gate = new();

        public Dictionary<string, long> ByType { get; } = new(StringComparer.Ordinal);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventId != AllocationTick || eventData.Payload is null || eventData.PayloadNames is null)
            {
                return;
            }

            int typeAt = eventData.PayloadNames.IndexOf("TypeName");
            int amountAt = eventData.PayloadNames.IndexOf("AllocationAmount64");
            if (typeAt < 0 || amountAt < 0)
            {
                return;
            }

            string type = eventData.Payload[typeAt] as string ?? "?";
            long amount = Convert.ToInt64(eventData.Payload[amountAt], CultureInfo.InvariantCulture);
            lock (_gate)
            {
                ByType[type] = ByType.GetValueOrDefault(type) + amount;
            }
        }
    }
}
