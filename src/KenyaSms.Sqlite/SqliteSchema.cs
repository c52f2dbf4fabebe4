using KenyaSms.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Sqlite;

/// <summary>One component's tables in a SQLite file: its name in <c>kenyasms_schema_version</c>, its migrations, and how it logs a migration.</summary>
/// <param name="Component">The component's row in <c>kenyasms_schema_version</c>, e.g. <c>send_ledger</c>.</param>
/// <param name="Store">The store for messages, e.g. "send ledger".</param>
/// <param name="Migrations">Migration N (1-based) brings the component from version N-1 to N. Append only; never edit a shipped one.</param>
/// <param name="LogMigrated">Logs a migration from one version to another.</param>
internal sealed record SqliteSchemaDefinition(string Component, string Store, string[] Migrations, Action<ILogger, long, long> LogMigrated);

/// <summary>
/// Creates and migrates one component's tables on first use, once per process. The file's versions are kept in
/// <c>kenyasms_schema_version</c> (one row per component, so a file holding one store gains another's tables when that
/// store is first used on it), and migrations run inside <c>BEGIN IMMEDIATE</c>, so processes starting together migrate
/// once. WAL mode lets readers and one writer share the file across processes.
/// </summary>
internal sealed class SqliteSchema(SqliteSchemaDefinition definition, SqliteConnector connector, ILogger logger)
{
    private readonly FirstUse _firstUse = new(() => MigrateAsync(definition, connector, logger));

    /// <summary>Migrates the file on the first call; a failed attempt (file locked past the timeout, disk full) is tried again by the next.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken) => _firstUse.EnsureAsync(cancellationToken);

    private static async Task MigrateAsync(SqliteSchemaDefinition definition, SqliteConnector connector, ILogger logger)
    {
        string[] migrations = definition.Migrations;
        using SqliteConnection connection = await connector.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL").ConfigureAwait(false);
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS kenyasms_schema_version (component TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL)").ConfigureAwait(false);
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "SELECT version FROM kenyasms_schema_version WHERE component = $component";
        read.Parameters.AddWithValue("$component", definition.Component);
        long version = await read.ExecuteScalarAsync().ConfigureAwait(false) is long v ? v : 0;
        if (version > migrations.Length)
        {
            throw new InvalidOperationException($"The SQLite {definition.Store}'s schema is at version {version}, newer than this KenyaSms.Sqlite knows ({migrations.Length}): a newer version of the package has used this file; upgrade this one.");
        }

        for (long next = version + 1; next <= migrations.Length; next++)
        {
            await ExecuteAsync(connection, migrations[next - 1]).ConfigureAwait(false);
        }

        if (version < migrations.Length)
        {
            using SqliteCommand write = connection.CreateCommand();
            write.CommandText = "INSERT OR REPLACE INTO kenyasms_schema_version (component, version) VALUES ($component, $version)";
            write.Parameters.AddWithValue("$component", definition.Component);
            write.Parameters.AddWithValue("$version", migrations.Length);
            await write.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        if (version < migrations.Length)
        {
            definition.LogMigrated(logger, version, migrations.Length);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
