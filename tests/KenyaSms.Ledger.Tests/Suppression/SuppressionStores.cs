using KenyaSms.PostgreSql;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Ledger.Tests.Suppression;

/// <summary>Builds each suppression list the way an app does: through AddKenyaSms and its Add*SuppressionList, logging captured.</summary>
internal static class SuppressionStores
{
    public static ServiceProvider Sqlite(string path, FakeLogCollector? logs = null) =>
        LedgerStores.Build(b => b.AddSqliteSuppressionList($"Data Source={path}"), logs);

    public static ServiceProvider PostgreSql(string schema, FakeLogCollector? logs = null, bool createSchema = true) =>
        LedgerStores.Build(b => b.AddPostgreSqlSuppressionList(PostgresServer.ConnectionString), logs,
            s => s.Configure<PostgreSqlSendLedgerOptions>(o => { o.Schema = schema; o.CreateSchema = createSchema; }));

    public static ServiceProvider InMemory() => LedgerStores.Build(b => b.AddInMemorySuppressionList());
}
