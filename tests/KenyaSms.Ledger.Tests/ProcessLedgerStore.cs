using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Ledger.Tests;

/// <summary>
/// A store that worker processes share with the test: how a worker names it on its command line (kind, connection
/// string, schema), a ledger over it in the test's own process (to seed and to check), and its removal afterwards.
/// </summary>
public abstract class ProcessLedgerStore : IAsyncDisposable
{
    public abstract string Kind { get; }

    public abstract string ConnectionString { get; }

    public virtual string Schema => "public";

    /// <summary>A ledger in this process over the same storage.</summary>
    public abstract ServiceProvider BuildLedger();

    public abstract ValueTask DisposeAsync();
}

/// <summary>One SQLite file.</summary>
public sealed class SqliteProcessStore : ProcessLedgerStore
{
    private readonly string _path = LedgerStores.NewSqlitePath();

    public override string Kind => "sqlite";

    public override string ConnectionString => $"Data Source={_path}";

    public override ServiceProvider BuildLedger() => LedgerStores.Sqlite(_path);

    public override ValueTask DisposeAsync()
    {
        LedgerStores.DeleteSqlite(_path);
        return ValueTask.CompletedTask;
    }
}

/// <summary>One PostgreSQL table, in a schema of its own.</summary>
public sealed class PostgreSqlProcessStore : ProcessLedgerStore
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    public override string Kind => "postgres";

    public override string ConnectionString => PostgresServer.ConnectionString;

    public override string Schema => _schema;

    public override ServiceProvider BuildLedger() => LedgerStores.PostgreSql(_schema);

    public override async ValueTask DisposeAsync() => await PostgresServer.DropSchemaAsync(_schema);
}
