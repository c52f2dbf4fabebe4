using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using KenyaSms.Campaigns;
using KenyaSms.Hangfire.Worker;
using KenyaSms.Ledger.Tests;
using KenyaSms.PostgreSql;
using KenyaSms.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace KenyaSms.Hangfire.Tests;

/// <summary>
/// Issue 12's kill test (reliability.md L2, I6, I7): three worker PROCESSES (KenyaSms.Hangfire.Worker: a Hangfire server
/// each) share one PostgreSQL (Hangfire.PostgreSql storage and the send ledger) and run a campaign of 20,000 personalised
/// messages against this process's simulator on loopback. The simulator accepts one request and never answers it; the
/// worker holding it is SIGKILLed while it waits - mid-window, proven by the simulator: part of that window accepted,
/// not all. Hangfire re-queues its jobs after the (short, sliding) invisibility timeout and the other two finish.
/// Every wait polls the simulator, the ledger or the workers' stdout with a guard; none sleeps.
/// The 1,000,000-message run of docs/benchmarks.md is this test with KENYASMS_CAMPAIGN_MESSAGES=1000000 (not in CI).
/// </summary>
[Collection(HangfireTestGroup.Name)]
public sealed class CampaignKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string CampaignId = "agm-kill";
    private static readonly int Messages = int.TryParse(Environment.GetEnvironmentVariable("KENYASMS_CAMPAIGN_MESSAGES"), out int n) && n >= 20_000 ? n : 20_000;
    private const int WindowSize = 500;
    // Which request (50 messages each) the simulator accepts and never answers: the 61st of 400 in CI (early, so the
    // other workers have most of the campaign left to finish); anywhere in the first nine tenths for a longer run,
    // from a seed printed with the figures (KENYASMS_SEED repeats one).
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("KENYASMS_SEED"), out int seed) ? seed : Random.Shared.Next();
    private static readonly int RequestsBeforeStall = Messages == 20_000 ? 60 : new Random(Seed).Next(60, Messages / 50 * 9 / 10);
    private const int WorkerThreads = 2;       // Hangfire workers per process (KenyaSms.Hangfire.Worker)
    private const int MaxPerCall = 100;         // messages per SendBatchAsync call in a window job (CampaignWindowJob.SendChunk)

    private readonly string _ledgerSchema = PostgresServer.NewSchemaName();
    private readonly string _hangfireSchema = "hangfire_kill_" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await PostgresServer.DropSchemaAsync(_ledgerSchema);
        await PostgresServer.DropSchemaAsync(_hangfireSchema);
    }

    [Fact]
    public async Task L2_ThreeWorkerProcesses_OneKilledMidWindow_EveryMessageOnceOrUncertain_ProgressAgreesWithTheSimulator()
    {
        var clock = Stopwatch.StartNew();
        await using SmsSimulator sim = await SmsSimulator.StartAsync();
        sim.SetCredits(SimulatorProvider.Synqtel, 10_000_000);

        // The campaign is started by this process (an application that is not a worker), before any worker runs.
        await using ServiceProvider starter = BuildStarter(sim);
        ISmsCampaigns campaigns = starter.GetRequiredService<ISmsCampaigns>();
        await campaigns.StartAsync(new SmsCampaign(CampaignId, Messages) { WindowSize = WindowSize, RequireSufficientBalance = false });

        sim.Faults.Inject(SimulatorProvider.Synqtel, "sendmultiple", SimulatorFault.Delay(TimeSpan.Zero), count: RequestsBeforeStall);
        sim.Faults.Inject(SimulatorProvider.Synqtel, "sendmultiple", SimulatorFault.Stall(), count: 1);

        var workers = new List<SendWorkerProcess>();
        try
        {
            TimeSpan startedAt = clock.Elapsed;
            for (int w = 0; w < 3; w++)
            {
                workers.Add(await SendWorkerProcess.StartProjectAsync($"worker-{w}", "KenyaSms.Hangfire.Worker",
                    [sim.SynqtelBaseAddress.ToString(), PostgresServer.ConnectionString, _ledgerSchema, _hangfireSchema, $"worker-{w}"]));
            }

            // The stalled request: accepted by the simulator, its answer never sent.
            using (var guard = new CancellationTokenSource(SendWorkerProcess.Guard))
            {
                await sim.Ledger.WaitUntilAsync(l => l.Requests.Count > RequestsBeforeStall && l.Requests[RequestsBeforeStall].Outcome == SimulatorRequestOutcome.Pending
                    && l.Messages.Any(m => m.RequestIndex == RequestsBeforeStall), guard.Token);
            }

            List<long> stalled = [.. sim.Ledger.Messages.Where(m => m.RequestIndex == RequestsBeforeStall).Select(m => AgmSource.IndexOf(m.Text))];
            int stalledWindow = (int)(stalled[0] / WindowSize);
            SendWorkerProcess victim = workers.Single(w => w.Lines.Contains(Read(stalledWindow)));

            // Kill it now, and prove it was mid-window: the request it waits on is still unanswered (so the window cannot
            // have finished), and the victim never said the window was done. How many of the window's other requests had
            // reached the simulator by then is a race (on a loaded machine all of them had), so it is only bounded.
            int windowAcceptedAtKill = sim.Ledger.Messages.Count(m => AgmSource.IndexOf(m.Text) / WindowSize == stalledWindow);
            SimulatorRequestOutcome stalledAtKill = sim.Ledger.Requests[RequestsBeforeStall].Outcome;
            await victim.KillAsync();
            Assert.Equal(SimulatorRequestOutcome.Pending, stalledAtKill);
            Assert.InRange(windowAcceptedAtKill, stalled.Count, WindowSize);
            Assert.DoesNotContain(victim.Lines, l => l.StartsWith(Done(stalledWindow, 0), StringComparison.Ordinal));
            HashSet<int> inFlightInVictim = [.. Started(victim).Where(w => !victim.Lines.Any(l => l.StartsWith(Done(w, 0), StringComparison.Ordinal)))];
            Assert.Contains(stalledWindow, inFlightInVictim);
            Assert.InRange(inFlightInVictim.Count, 1, WorkerThreads);
            TimeSpan killedAt = clock.Elapsed;

            // The other two finish: Hangfire re-queues the victim's jobs; after the ledger's lease a second look turns
            // the victim's claims from Sending into Uncertain. Done when every message is in a final state.
            ISmsSendLedger ledger = starter.GetRequiredService<ISmsSendLedger>();
            TimeSpan? allClaimedAt = null;
            await CampaignHost.WaitUntilAsync(async () =>
            {
                IReadOnlyDictionary<SmsLedgerState, long> counts = await ledger.SummarizeAsync(CampaignId + ":");
                allClaimedAt ??= counts.Values.Sum() == Messages ? clock.Elapsed : null;
                return counts.Values.Sum() == Messages && counts.GetValueOrDefault(SmsLedgerState.Sending) == 0;
            }, () => string.Join(", ", ledger.SummarizeAsync(CampaignId + ":").GetAwaiter().GetResult()), TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(Messages / 500));
            TimeSpan finishedAt = clock.Elapsed;

            List<LedgerRow> rows = await ReadLedgerAsync();
            IReadOnlyList<SimulatorMessage> accepted = sim.Ledger.Messages;
            SmsCampaignProgress progress = await campaigns.GetProgressAsync(CampaignId);

            // I6: no (key, number) pair accepted twice by the simulator; and only the campaign's own messages.
            Assert.Empty(accepted.GroupBy(m => (m.Text, m.Mobile)).Where(g => g.Count() > 1).Select(g => g.Key));
            Assert.All(accepted, m => Assert.Equal(AgmSource.Number(AgmSource.IndexOf(m.Text)), m.Mobile));

            // I7: every message in exactly one ledger state, the states adding up to the campaign.
            Assert.Equal(Enumerable.Range(0, Messages).Select(i => (long)i), rows.Select(r => r.Index).Order());
            Assert.All(rows, r => Assert.True(r.State is "Sent" or "Uncertain", $"message {r.Index} is {r.State}"));
            List<LedgerRow> uncertain = [.. rows.Where(r => r.State == "Uncertain")];

            // Uncertain only for pairs in flight in the killed worker: its windows in flight, at most one call each; and
            // the stalled request's pairs (accepted, answer lost) are among them, never Sent and never sent again.
            Assert.All(uncertain, r => Assert.Contains((int)(r.Index / WindowSize), inFlightInVictim));
            Assert.InRange(uncertain.Count, stalled.Count, inFlightInVictim.Count * MaxPerCall);
            Assert.Subset(uncertain.Select(r => r.Index).ToHashSet(), stalled.ToHashSet());

            // The ledger and the simulator agree: each Sent pair accepted, with its message id; every accepted pair is
            // Sent, or Uncertain (its answer lost); GetProgressAsync says the same.
            Dictionary<long, string> acceptedIds = accepted.ToDictionary(m => AgmSource.IndexOf(m.Text), m => m.MessageId);
            Assert.All(rows.Where(r => r.State == "Sent"), r => Assert.Equal(acceptedIds.GetValueOrDefault(r.Index), r.MessageId));
            Assert.All(acceptedIds.Keys, i => Assert.Contains(rows[(int)i].State, new[] { "Sent", "Uncertain" }));
            long sent = rows.Count(r => r.State == "Sent");
            Assert.Equal(new SmsCampaignProgress(CampaignId, Messages, sent, 0, uncertain.Count, 0, 0), progress);
            Assert.Equal(sent + uncertain.Count(r => acceptedIds.ContainsKey(r.Index)), accepted.Count);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"campaign {Messages} messages, windows of {WindowSize}, 3 worker processes x {WorkerThreads} Hangfire workers, PostgreSQL {PostgresServer.ConnectionString.Split(';')[1]}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"killed {victim.Name} (SIGKILL) at {killedAt.TotalSeconds:0.0} s, mid-window {stalledWindow}: {windowAcceptedAtKill} of its {WindowSize} messages accepted, request {RequestsBeforeStall} unanswered{(Messages == 20_000 ? string.Empty : $" (seed {Seed})")}; its windows in flight: {string.Join(" ", inFlightInVictim)}"));
            double sending = (allClaimedAt!.Value - startedAt).TotalSeconds;
            foreach (SendWorkerProcess worker in workers)
            {
                string[][] done = [.. worker.Lines.Where(l => l.StartsWith("log 5304 ", StringComparison.Ordinal)).Select(l => l.Split(' '))];
                long workerSent = done.Sum(f => long.Parse(f[5], CultureInfo.InvariantCulture));
                long peak = done.Select(f => long.Parse(f[6], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{worker.Name}{(worker == victim ? " (killed)" : string.Empty)}: {Started(worker).Count()} window runs started, {done.Length} finished, {workerSent} messages sent in finished windows ({workerSent / (worker == victim ? (killedAt - startedAt).TotalSeconds : sending):0} msg/s while it ran), peak working set {peak} MB"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"every message claimed {sending:0.0} s after the workers started ({Messages / sending:0} msg/s overall); every one final at {finishedAt.TotalSeconds:0.0} s (the killed worker's claims wait out the 15 s lease)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{progress}; simulator accepted {accepted.Count} messages in {sim.Ledger.Requests.Count} requests; pairs accepted twice: 0"));
        }
        finally
        {
            foreach (SendWorkerProcess worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private static string Read(int window) => string.Create(CultureInfo.InvariantCulture, $"read {CampaignId} {(long)window * WindowSize} {WindowSize}");

    /// <summary>The start of a worker's line saying that a window's run (pass) finished.</summary>
    private static string Done(int window, int pass) => string.Create(CultureInfo.InvariantCulture, $"log 5304 {CampaignId} {window} {pass} ");

    private static IEnumerable<int> Started(SendWorkerProcess worker) => worker.Lines
        .Where(l => l.StartsWith($"read {CampaignId} ", StringComparison.Ordinal))
        .Select(l => (int)(long.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture) / WindowSize));

    private ServiceProvider BuildStarter(SmsSimulator sim)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKenyaSms().AddSynqtel(o =>
        {
            o.BaseAddress = sim.SynqtelBaseAddress;
            o.ApiKey = sim.SynqtelApiKey;
            o.SenderName = "KENYASMS";
        }).AddPostgreSqlSendLedger(PostgresServer.ConnectionString, o => o.Lease = TimeSpan.FromSeconds(15))
          .AddHangfireCampaigns<AgmSource>();
        services.Configure<PostgreSqlSendLedgerOptions>(o => o.Schema = _ledgerSchema);
        PostgreSqlStorageOptions options = KillTestStorage.Options(_hangfireSchema);
        services.AddSingleton<JobStorage>(new PostgreSqlStorage(new global::Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(PostgresServer.ConnectionString, options), options));
        return services.BuildServiceProvider();
    }

    private async Task<List<LedgerRow>> ReadLedgerAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT key, state, message_id FROM \"{_ledgerSchema}\".kenyasms_send_ledger WHERE key LIKE '{CampaignId}:%'", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<LedgerRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new LedgerRow(long.Parse(reader.GetString(0)[(CampaignId.Length + 1)..], CultureInfo.InvariantCulture), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        rows.Sort((a, b) => a.Index.CompareTo(b.Index));
        return rows;
    }

    private sealed record LedgerRow(long Index, string State, string? MessageId);
}
