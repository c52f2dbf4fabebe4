using KenyaSms.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Sqlite;

/// <summary>
/// Creates and migrates the ledger's tables on first use, once per process. The file's version is kept in
/// <c>kenyasms_schema_version</c> (one row per component), and migrations run inside <c>BEGIN IMMEDIATE</c>, so
/// processes starting together migrate once. WAL mode lets readers and one writer share the file across processes.
/// </summary>
internal sealed class SqliteLedgerSchema(Func<CancellationToken, Task<SqliteConnection>> open, ILogger logger)
{
    internal const string Component = "send_ledger";

    /// <summary>Migration N (1-based) brings the schema from version N-1 to N. Append only; never edit a shipped one.</summary>
    internal static readonly string[] Migrations =
    [
        """
        CREATE TABLE kenyasms_send_ledger (
            key TEXT NOT NULL,
            phone_number TEXT NOT NULL,
            state TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            token TEXT NOT NULL,
            lease_expires INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            provider TEXT,
            message_id TEXT,
            cost TEXT,
            status_code TEXT,
            error TEXT NOT NULL,
            PRIMARY KEY (key, phone_number)
        ) WITHOUT ROWID;
        CREATE INDEX kenyasms_send_ledger_updated_at ON kenyasms_send_ledger (updated_at);
        """,
    ];

    private readonly FirstUse _firstUse = new(() => MigrateAsync(open, logger));

    /// <summary>Migrates the file on the first call; a failed attempt (file locked past the timeout, disk full) is tried again by the next.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken) => _firstUse.EnsureAsync(cancellationToken);

    private static async Task MigrateAsync(Func<CancellationToken, Task<SqliteConnection>> open, ILogger logger)
    {
        using SqliteConnection connection = await open(CancellationToken.None).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL").ConfigureAwait(false);
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS kenyasms_schema_version (component TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL)").ConfigureAwait(false);
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "SELECT version FROM kenyasms_schema_version WHERE component = $component";
        read.Parameters.AddWithValue("$component", Component);
        long version = await read.ExecuteScalarAsync().ConfigureAwait(false) is long v ? v : 0;
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException($"The SQLite send ledger's schema is at version {version}, newer than this KenyaSms.Sqlite knows ({Migrations.Length}): a newer version of the package has used this file; upgrade this one.");
        }

        for (long next = version + 1; next <= Migrations.Length; next++)
        {
            await ExecuteAsync(connection, Migrations[next - 1]).ConfigureAwait(false);
        }

        if (version < Migrations.Length)
        {
            using SqliteCommand write = connection.CreateCommand();
            write.CommandText = "INSERT OR REPLACE INTO kenyasms_schema_version (component, version) VALUES ($component, $version)";
            write.Parameters.AddWithValue("$component", Component);
            write.Parameters.AddWithValue("$version", Migrations.Length);
            await write.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        if (version < Migrations.Length)
        {
            Log.SchemaMigrated(logger, version, Migrations.Length);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
