using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using KenyaSms.Campaigns;
using KenyaSms.Ledger.Tests;
using KenyaSms.PostgreSql;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Hangfire.Tests;

/// <summary>Where a test's campaign runs: the Hangfire storage, and the send ledger (or none, or the in-memory one).</summary>
public enum Ledger { Sqlite, PostgreSql, InMemory, None }

/// <summary>
/// One application as a test sees it: the simulator on loopback (Synqtel), AddKenyaSms with a send ledger,
/// AddHangfireCampaigns&lt;AgmSource&gt;, Hangfire (Hangfire.NetCore's AddHangfire) on in-memory or PostgreSQL storage, and
/// a Hangfire server started only when the test says so. Waits poll the ledger or the storage with a guard, never sleep.
/// </summary>
internal sealed class CampaignHost : IAsyncDisposable
{
    public static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    private readonly List<IHostedService> _servers = [];
    private readonly string? _sqlitePath;
    private readonly List<string> _schemas = [];

    private CampaignHost(SmsSimulator simulator, ServiceProvider services, JobStorage storage, SourceScript script, FakeLogCollector logs, string? sqlitePath, List<string> schemas)
    {
        Simulator = simulator;
        Services = services;
        Storage = storage;
        Script = script;
        Logs = logs;
        _sqlitePath = sqlitePath;
        _schemas = schemas;
    }

    public SmsSimulator Simulator { get; }

    public ServiceProvider Services { get; }

    public JobStorage Storage { get; }

    public SourceScript Script { get; }

    public FakeLogCollector Logs { get; }

    public ISmsCampaigns Campaigns => Services.GetRequiredService<ISmsCampaigns>();

    public IBackgroundJobClient Client => Services.GetRequiredService<IBackgroundJobClient>();

    public static async Task<CampaignHost> StartAsync(Ledger ledger = Ledger.Sqlite, bool postgresStorage = false, TimeProvider? time = null,
        Action<PostgreSqlStorageOptions>? storageOptions = null, long credits = 10_000_000)
    {
        // Hangfire's log provider is static: AddHangfire points it at a container's LoggerFactory, which an earlier test disposed.
        global::Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        SmsSimulator simulator = await SmsSimulator.StartAsync();
        simulator.SetCredits(SimulatorProvider.Synqtel, credits);
        var logs = new FakeLogCollector();
        var script = new SourceScript();
        var schemas = new List<string>();
        string? sqlitePath = null;

        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Debug));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSingleton(script);
        IKenyaSmsBuilder builder = services.AddKenyaSms(o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
        }).AddSynqtel(o =>
        {
            o.BaseAddress = simulator.SynqtelBaseAddress;
            o.ApiKey = simulator.SynqtelApiKey;
            o.SenderName = "KENYASMS";
            o.MaxMessagesPerRequest = 50;
        });
        switch (ledger)
        {
            case Ledger.Sqlite:
                sqlitePath = LedgerStores.NewSqlitePath();
                builder.AddSqliteSendLedger($"Data Source={sqlitePath}");
                break;
            case Ledger.PostgreSql:
                string schema = PostgresServer.NewSchemaName();
                schemas.Add(schema);
                builder.AddPostgreSqlSendLedger(PostgresServer.ConnectionString);
                services.Configure<PostgreSqlSendLedgerOptions>(o => o.Schema = schema);
                break;
            case Ledger.InMemory:
                builder.AddInMemorySendLedger();
                break;
        }

        builder.AddHangfireCampaigns<AgmSource>();

        JobStorage storage;
        if (postgresStorage)
        {
            string schema = "hangfire_test_" + Guid.NewGuid().ToString("N")[..12];
            schemas.Add(schema);
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = schema,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                QueuePollInterval = TimeSpan.FromMilliseconds(200),
            };
            storageOptions?.Invoke(options);
            storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(PostgresServer.ConnectionString, options), options);
        }
        else
        {
            storage = new InMemoryStorage();
        }

        services.AddSingleton(storage);
        services.AddHangfire(c => c.UseStorage(storage).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings());
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = 2;
            o.SchedulePollingInterval = TimeSpan.FromMilliseconds(200);
            o.ServerName = "test-" + Guid.NewGuid().ToString("N")[..6];
        });
        return new CampaignHost(simulator, services.BuildServiceProvider(), storage, script, logs, sqlitePath, schemas);
    }

    /// <summary>Starts a Hangfire server in this process (AddHangfireServer's hosted service): jobs start running.</summary>
    public async Task StartServerAsync()
    {
        foreach (IHostedService service in Services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            _servers.Add(service);
        }
    }

    /// <summary>Polls until <paramref name="done"/> holds, failing after <see cref="Guard"/> with <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> done, Func<string> what, TimeSpan? within = null)
    {
        using var guard = new CancellationTokenSource(within ?? Guard);
        while (!await done())
        {
            if (guard.IsCancellationRequested)
            {
                Assert.Fail($"not reached within {within ?? Guard}: {what()}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Waits until every message of the campaign is in a final ledger state (or reported missing: <paramref name="missing"/>).</summary>
    public Task WaitForCampaignAsync(string campaignId, long missing = 0) => WaitUntilAsync(
        async () => await Campaigns.GetProgressAsync(campaignId) is { Uncertain: 0 } p && p.Pending == missing && AllWindowsDone(campaignId),
        () => $"{Campaigns.GetProgressAsync(campaignId).GetAwaiter().GetResult()}, jobs: {JobSummary()}");

    public bool AllWindowsDone(string campaignId)
    {
        using IStorageConnection connection = Storage.GetConnection();
        Dictionary<string, string> fields = connection.GetAllEntriesFromHash("kenyasms:campaign:" + campaignId) ?? [];
        long count = long.Parse(fields["MessageCount"], System.Globalization.CultureInfo.InvariantCulture);
        int size = int.Parse(fields["WindowSize"], System.Globalization.CultureInfo.InvariantCulture);
        return fields.Keys.Count(k => k.StartsWith("done:", StringComparison.Ordinal)) == (count + size - 1) / size;
    }

    /// <summary>The job ids the campaign's record names, by window.</summary>
    public Dictionary<int, string> WindowJobs(string campaignId)
    {
        using IStorageConnection connection = Storage.GetConnection();
        return (connection.GetAllEntriesFromHash("kenyasms:campaign:" + campaignId) ?? [])
            .Where(f => f.Key.StartsWith("job:", StringComparison.Ordinal))
            .ToDictionary(f => int.Parse(f.Key[4..], System.Globalization.CultureInfo.InvariantCulture), f => f.Value);
    }

    public string? JobState(string jobId)
    {
        using IStorageConnection connection = Storage.GetConnection();
        return connection.GetJobData(jobId)?.State;
    }

    public StateData? JobStateData(string jobId)
    {
        using IStorageConnection connection = Storage.GetConnection();
        return connection.GetStateData(jobId);
    }

    /// <summary>Counts of jobs by state in the storage (every job this host ever created).</summary>
    public StatisticsDto Statistics() => Storage.GetMonitoringApi().GetStatistics();

    public string JobSummary()
    {
        StatisticsDto s = Statistics();
        return $"enqueued {s.Enqueued}, scheduled {s.Scheduled}, processing {s.Processing}, succeeded {s.Succeeded}, failed {s.Failed}, deleted {s.Deleted}";
    }

    /// <summary>The simulator's accepted messages of a campaign: (index, number) of each.</summary>
    public List<(long Index, string Number)> Accepted(string campaignId) =>
        [.. Simulator.Ledger.Messages.Where(m => m.Text.StartsWith(campaignId + " member ", StringComparison.Ordinal)).Select(m => (AgmSource.IndexOf(m.Text), m.Mobile))];

    public async ValueTask DisposeAsync()
    {
        foreach (IHostedService server in _servers)
        {
            await server.StopAsync(CancellationToken.None);
        }

        await Services.DisposeAsync();
        global::Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        await Simulator.DisposeAsync();
        if (_sqlitePath is not null)
        {
            LedgerStores.DeleteSqlite(_sqlitePath);
        }

        foreach (string schema in _schemas)
        {
            await PostgresServer.DropSchemaAsync(schema);
        }
    }
}
