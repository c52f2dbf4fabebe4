using KenyaSms.PostgreSql;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Ledger.Tests;

/// <summary>Builds each store the way an app does: through AddKenyaSms and its Add*SendLedger, logging captured.</summary>
internal static class LedgerStores
{
    public static ServiceProvider Build(Action<IKenyaSmsBuilder> addLedger, FakeLogCollector? logs = null, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs ?? new FakeLogCollector())).SetMinimumLevel(LogLevel.Trace));
        addLedger(services.AddKenyaSms());
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static ServiceProvider Sqlite(string path, FakeLogCollector? logs = null) =>
        Build(b => b.AddSqliteSendLedger($"Data Source={path}"), logs);

    public static ServiceProvider PostgreSql(string schema, FakeLogCollector? logs = null, bool createSchema = true) =>
        Build(b => b.AddPostgreSqlSendLedger(PostgresServer.ConnectionString), logs,
            s => s.Configure<PostgreSqlSendLedgerOptions>(o => { o.Schema = schema; o.CreateSchema = createSchema; }));

    public static string NewSqlitePath() => Path.Combine(Path.GetTempPath(), "kenyasms-ledger-" + Guid.NewGuid().ToString("N") + ".db");

    public static void DeleteSqlite(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
