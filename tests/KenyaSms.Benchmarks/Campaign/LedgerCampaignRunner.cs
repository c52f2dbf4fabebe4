using System.Diagnostics;
using System.Globalization;
using KenyaSms.Benchmarks.Infrastructure;
using KenyaSms.Simulator;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.Campaign;

/// <summary>
/// <c>--ledger-campaign N</c>: what the send ledger costs a campaign. Sends one N-message keyed campaign through
/// <c>SendBatchStreamAsync</c> (windows of 1,000) with the in-process sendmultiple stub, once per ledger: none, in-memory,
/// SQLite (a temp file) and, when <c>KENYASMS_POSTGRES</c> is set, PostgreSQL; then runs the campaign again to time the
/// replay (every pair answered from the ledger, no request). Prints messages per second and the ratio to no ledger.
/// With <c>--loopback</c> the provider is the simulator over loopback HTTP (Kestrel on 127.0.0.1, in this process)
/// instead of the stub, so each request pays a real socket and the simulator's own work.
/// Outside BenchmarkDotNet: one run each, after a warm-up; the figures go to docs/benchmarks.md with the machine's load.
/// </summary>
public static class LedgerCampaignRunner
{
    private const int Window = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        int count = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException("usage: --ledger-campaign COUNT [--loopback]", nameof(args));
        bool loopback = args.Contains("--loopback");
        await using SmsSimulator? simulator = loopback
            ? await SmsSimulator.StartAsync(new SmsSimulatorOptions { SynqtelCredits = long.MaxValue / 4 }).ConfigureAwait(false)
            : null;
        Console.WriteLine(loopback ? "provider: the simulator over loopback HTTP" : "provider: the in-process sendmultiple stub");
        string file = Path.Combine(Path.GetTempPath(), $"kenyasms-bench-{Environment.ProcessId}.db");
        string? postgres = Environment.GetEnvironmentVariable("KENYASMS_POSTGRES");
        var ledgers = new List<(string Name, Action<IKenyaSmsBuilder>? Add)>
        {
            ("none", null),
            ("in-memory", b => b.AddInMemorySendLedger()),
            ("sqlite", b => b.AddSqliteSendLedger($"Data Source={file}")),
        };
        if (!string.IsNullOrEmpty(postgres))
        {
            ledgers.Add(("postgresql", b => b.AddPostgreSqlSendLedger(postgres)));
        }

        double? baseline = null;
        try
        {
            foreach ((string name, Action<IKenyaSmsBuilder>? add) in ledgers)
            {
                string run = name + "-" + Guid.NewGuid().ToString("N")[..8];
                Action<IServiceCollection> more = s =>
                {
                    if (add is not null)
                    {
                        add(s.AddKenyaSms());
                    }
                };
                using ServiceProvider services = simulator is null
                    ? SdkHost.Synqtel(() => new SendMultipleStub(), more: more)
                    : SdkHost.Synqtel(primary: null, simulator.SynqtelBaseAddress, simulator.SynqtelApiKey, more: more);
                ISmsGateway sms = services.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName);
                await SendAsync(sms, "warmup-" + run, 2 * Window).ConfigureAwait(false);

                (double rate, int accepted) = await TimeAsync(sms, run, count).ConfigureAwait(false);
                baseline ??= rate;
                string replay = string.Empty;
                if (add is not null)
                {
                    (double replayRate, int replayed) = await TimeAsync(sms, run, count, countReplays: true).ConfigureAwait(false);
                    replay = string.Create(CultureInfo.InvariantCulture, $"; replay {replayRate:N0} msg/s ({replayed:N0} replayed)");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-10} {count:N0} messages: {rate:N0} msg/s ({rate / baseline.Value:0.00}x no ledger), {accepted:N0} accepted{replay}"));
                simulator?.Reset(); // its ledger of accepted messages would otherwise grow through the runs
            }
        }
        finally
        {
            foreach (string f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }

        return 0;
    }

    private static async Task<(double Rate, int Counted)> TimeAsync(ISmsGateway sms, string run, int count, bool countReplays = false)
    {
        var clock = Stopwatch.StartNew();
        int counted = await SendAsync(sms, run, count, countReplays).ConfigureAwait(false);
        clock.Stop();
        return (count / clock.Elapsed.TotalSeconds, counted);
    }

    private static async Task<int> SendAsync(ISmsGateway sms, string run, int count, bool countReplays = false)
    {
        int counted = 0;
        IEnumerable<SmsMessage> campaign = SampleMessages.Campaign(count).Select((m, i) => new SmsMessage(m.To, m.Text) { IdempotencyKey = $"{run}:{i}" });
        await foreach (SmsRecipientResult r in sms.SendBatchStreamAsync(campaign, Window).ConfigureAwait(false))
        {
            counted += countReplays ? (r.IsReplay ? 1 : 0) : (r.IsAccepted ? 1 : 0);
        }

        return counted;
    }
}
