using System.Diagnostics;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Ledger.Tests;

/// <summary>
/// I6 at the store: the same pairs claimed at once by several processes (KenyaSms.Ledger.ClaimWorker), each pair won by
/// exactly one of them. The workers wait on a start line on stdin, so their claims overlap. Seeded, half the pairs start
/// as NotSent, so the insert and the re-claim paths are both raced; unseeded, the workers also create the schema together.
/// </summary>
public abstract class CrossProcessClaimTests(ProcessLedgerStore store) : IAsyncLifetime
{
    private const int Workers = 4;
    private const int Pairs = 1000;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Claim_SamePairsFromSeveralProcessesAtOnce_EachPairIsWonByExactlyOne(bool seedNotSent)
    {
        string prefix = "race-" + Guid.NewGuid().ToString("N")[..8] + ":";
        if (seedNotSent)
        {
            await using ServiceProvider seeding = store.BuildLedger();
            // Every other key starts NotSent with the workers' content hash, so it is re-claimable.
            ISmsSendLedger ledger = seeding.GetRequiredService<ISmsSendLedger>();
            SmsLedgerEntry[] seeds = [.. Enumerable.Range(0, Pairs).Where(i => i / 4 % 2 == 1).Select(i => Entry(prefix, i, "seed"))];
            await ledger.ClaimAsync(seeds, T0);
            Assert.Equal(seeds.Length, await ledger.RecordAsync([.. seeds.Select(s => s with { State = SmsLedgerState.NotSent, UpdatedAt = T0 })]));
        }

        var workers = new List<Process>();
        var errors = new List<Task<string>>();
        try
        {
            for (int w = 0; w < Workers; w++)
            {
                workers.Add(Start($"worker-{w}", prefix, seed: w));
                errors.Add(workers[w].StandardError.ReadToEndAsync());
            }

            for (int w = 0; w < Workers; w++)
            {
                string? line = await workers[w].StandardOutput.ReadLineAsync();
                if (line != "ready")
                {
                    Assert.Fail($"worker-{w} did not start ({line}): {await errors[w]}");
                }
            }

            foreach (Process worker in workers)
            {
                await worker.StandardInput.WriteLineAsync("go");
                worker.StandardInput.Close();
            }

            var won = new Dictionary<int, string>();
            for (int w = 0; w < Workers; w++)
            {
                Process worker = workers[w];
                string[] lines = (await worker.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                await worker.WaitForExitAsync(hang.Token);
                Assert.True(worker.ExitCode == 0, $"worker-{w} exited with {worker.ExitCode}: {await errors[w]}");
                Assert.Equal("done", lines[^1]);
                foreach (string line in lines[..^1])
                {
                    int pair = int.Parse(line["won ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    Assert.True(won.TryAdd(pair, $"worker-{w}"), $"pair {pair} won by both {won.GetValueOrDefault(pair)} and worker-{w}");
                }
            }

            Assert.Equal(Enumerable.Range(0, Pairs), won.Keys.Order());

            await using ServiceProvider checking = store.BuildLedger();
            ISmsSendLedger check = checking.GetRequiredService<ISmsSendLedger>();
            IReadOnlyList<SmsLedgerEntry> stored = await check.ClaimAsync([.. Enumerable.Range(0, Pairs).Select(i => Entry(prefix, i, "checker") with { ContentHash = "peek" })], T0);
            Assert.All(Enumerable.Range(0, Pairs), i => Assert.Equal((SmsLedgerState.Sending, won[i]), (stored[i].State, stored[i].Token)));
        }
        finally
        {
            foreach (Process worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill(entireProcessTree: true);
                }

                worker.Dispose();
            }
        }
    }

    private static SmsLedgerEntry Entry(string prefix, int i, string token) =>
        new($"{prefix}k{i / 4}", $"+25472200000{i % 4}", SmsLedgerState.Sending, "hash", token) { LeaseExpires = T0.AddMinutes(5) };

    private Process Start(string token, string prefix, int seed)
    {
        // Built beside this project by the solution (and by this project's reference), in the same configuration.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string dll = Path.Combine(TestPaths.RepoRoot, "tests", "KenyaSms.Ledger.ClaimWorker", "bin", configuration, "net10.0", "KenyaSms.Ledger.ClaimWorker.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution (or tests/KenyaSms.Ledger.ClaimWorker) in {configuration}.");
        var start = new ProcessStartInfo("dotnet", [dll, store.Kind, store.ConnectionString, store.Schema, token, prefix, Pairs.ToString(System.Globalization.CultureInfo.InvariantCulture), "100", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(start)!;
    }
}

/// <summary>Four processes racing on one SQLite file.</summary>
public sealed class SqliteCrossProcessClaimTests() : CrossProcessClaimTests(new SqliteProcessStore());

/// <summary>Four processes racing on one PostgreSQL table (a schema of its own).</summary>
public sealed class PostgreSqlCrossProcessClaimTests() : CrossProcessClaimTests(new PostgreSqlProcessStore());
