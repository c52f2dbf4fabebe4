using System.Globalization;
using BenchmarkDotNet.Attributes;
using KenyaSms.Benchmarks.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.Ledger;

/// <summary>
/// What one claim costs as the ledger grows (issue 11: "claim cost at 10k and 1M existing rows, flat"): a provider
/// request's claim of 500 pairs, new ones (the first run of a window) and existing ones (a re-run: every pair is
/// answered from its entry), in a ledger already holding <see cref="Rows"/> entries. SQLite (a temp file, WAL) always;
/// PostgreSQL when <c>KENYASMS_POSTGRES</c> names a server (<c>tests/postgres.sh start</c>). The row counts come from
/// <c>KENYASMS_LEDGER_ROWS</c> (default "10000,1000000"; CI's dry run uses a small one). Seeding a million rows takes
/// a minute per store; it goes through <see cref="ISmsSendLedger.ClaimAsync"/> like real claims.
/// </summary>
[MemoryDiagnoser]
[FewerIterations(warmupCount: 2, iterationCount: 8, invocationCount: 16)]
public class LedgerClaimBenchmarks
{
    private const int PerRequest = 500;
    private const int SeedBatch = 5000;
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FarLease = Now.AddYears(1); // seeded claims never expire into Uncertain

    private ServiceProvider _services = null!;
    private ISmsSendLedger _ledger = null!;
    private string? _file;
    private int _next;
    private Random _random = null!;

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "sqlite";

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    public static IEnumerable<string> Stores() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KENYASMS_POSTGRES")) ? ["sqlite"] : ["sqlite", "postgresql"];

    public static IEnumerable<int> RowCounts() =>
        (Environment.GetEnvironmentVariable("KENYASMS_LEDGER_ROWS") ?? "10000,1000000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => int.Parse(r, NumberStyles.None, CultureInfo.InvariantCulture));

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        IKenyaSmsBuilder builder = services.AddKenyaSms();
        string run = Guid.NewGuid().ToString("N")[..8];
        if (Store == "postgresql")
        {
            // A schema of its own per run, so the table holds exactly the seeded rows.
            builder.AddPostgreSqlSendLedger(Environment.GetEnvironmentVariable("KENYASMS_POSTGRES")!);
            services.Configure<KenyaSms.PostgreSql.PostgreSqlSendLedgerOptions>(o => o.Schema = "bench_" + run);
        }
        else
        {
            _file = Path.Combine(Path.GetTempPath(), $"kenyasms-claims-{run}.db");
            builder.AddSqliteSendLedger($"Data Source={_file}");
        }

        _services = services.BuildServiceProvider();
        _ledger = _services.GetRequiredService<ISmsSendLedger>();
        for (int from = 0; from < Rows; from += SeedBatch)
        {
            IReadOnlyList<SmsLedgerEntry> entries = _ledger.ClaimAsync(Claims("seed", from, Math.Min(SeedBatch, Rows - from)), Now).GetAwaiter().GetResult();
            Check.Equal(SmsLedgerState.Sending, entries[0].State, "seeded claim");
        }

        _random = new Random(42);
        Check.Equal(PerRequest, ClaimNew().GetAwaiter().GetResult(), "pairs claimed by a new claim");
        Check.Equal(0, ClaimExisting().GetAwaiter().GetResult(), "pairs claimed again");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        if (_file is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string f in new[] { _file, _file + "-wal", _file + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    /// <summary>500 pairs the ledger has never seen: the claim inserts them. Returns how many this call now holds.</summary>
    [Benchmark(Baseline = true, Description = "claim 500 new pairs")]
    public async Task<int> ClaimNew()
    {
        int from = Interlocked.Add(ref _next, PerRequest) - PerRequest;
        IReadOnlyList<SmsLedgerEntry> entries = await _ledger.ClaimAsync(Claims("new", from, PerRequest), Now).ConfigureAwait(false);
        return entries.Count(e => e.State == SmsLedgerState.Sending && e.Token.StartsWith("new", StringComparison.Ordinal));
    }

    /// <summary>500 seeded pairs, spread over the table (a re-run): nothing inserted, each answered from its entry.</summary>
    [Benchmark(Description = "claim 500 existing pairs")]
    public async Task<int> ClaimExisting()
    {
        int from = _random.Next(0, Math.Max(1, Rows - PerRequest));
        IReadOnlyList<SmsLedgerEntry> entries = await _ledger.ClaimAsync(Claims("seed", from, Math.Min(PerRequest, Rows), token: "rerun"), Now).ConfigureAwait(false);
        return entries.Count(e => e.Token == "rerun");
    }

    private static List<SmsLedgerEntry> Claims(string prefix, int from, int count, string? token = null)
    {
        var claims = new List<SmsLedgerEntry>(count);
        for (int i = from; i < from + count; i++)
        {
            string number = "+2547" + (10_000_000 + (i % 89_999_999)).ToString(CultureInfo.InvariantCulture);
            claims.Add(new SmsLedgerEntry($"{prefix}:{i}", number, SmsLedgerState.Sending, "content-hash", token ?? prefix + ":" + (i / SeedBatch).ToString(CultureInfo.InvariantCulture))
            {
                LeaseExpires = FarLease,
                UpdatedAt = Now,
            });
        }

        return claims;
    }
}
