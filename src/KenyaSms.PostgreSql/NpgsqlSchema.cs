using System.Reflection;
using KenyaSms.Ledger;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KenyaSms.PostgreSql;

/// <summary>One component's tables: its row in <c>kenyasms_schema_version</c>, its migrations, and how it logs a migration.</summary>
/// <param name="Component">The component's row in <c>kenyasms_schema_version</c>, e.g. <c>send_ledger</c>.</param>
/// <param name="Store">The store for messages, e.g. "send ledger".</param>
/// <param name="Migrations">The migration scripts, in order: (version, SQL).</param>
/// <param name="LogMigrated">Logs a migration of a schema from one version to another.</param>
internal sealed record NpgsqlSchemaDefinition(string Component, string Store, IReadOnlyList<(int Version, string Sql)> Migrations, Action<ILogger, string, int, int> LogMigrated);

/// <summary>
/// Creates and migrates one component's tables on first use, once per process, unless
/// <see cref="PostgreSqlSendLedgerOptions.CreateSchema"/> is false. Migrations are embedded <c>NNN_*.sql</c> files
/// (shipped in the package's <c>sql/</c> folder too), run in order in one transaction under an advisory lock per
/// schema, so processes starting together migrate once; each file records its version in
/// <c>kenyasms_schema_version</c> (one row per component, so a schema holding the ledger gains the suppression list's
/// table when that is first used, and the other way round).
/// </summary>
internal sealed class NpgsqlSchema
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlSendLedgerOptions _options;
    private readonly NpgsqlSchemaDefinition _definition;
    private readonly ILogger _logger;
    private readonly FirstUse _firstUse;

    public NpgsqlSchema(NpgsqlDataSource dataSource, PostgreSqlSendLedgerOptions options, NpgsqlSchemaDefinition definition, ILogger logger)
    {
        _dataSource = dataSource;
        _options = options;
        _definition = definition;
        _logger = logger;
        QuotedSchema = Quote(options.Schema);
        _firstUse = options.CreateSchema ? new FirstUse(MigrateAsync) : FirstUse.Done;
    }

    /// <summary>The schema as a quoted identifier (<c>"public"</c>): any name, never a way into the SQL.</summary>
    public string QuotedSchema { get; }

    /// <summary><paramref name="table"/> (a name of ours, not quoted) qualified by the configured schema.</summary>
    public string Qualified(string table) => QuotedSchema + "." + table;

    /// <summary>Migrates on the first call; a failed attempt (database down, no CREATE privilege) is tried again by the next.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken) => _firstUse.EnsureAsync(cancellationToken);

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The embedded scripts whose resource names are <paramref name="prefix"/> followed by <c>NNN_name.sql</c> (those
    /// of a sub-folder, with another dot, are another component's), in version order.
    /// </summary>
    internal static (int, string)[] LoadMigrations(string prefix)
    {
        Assembly assembly = typeof(NpgsqlSchema).Assembly;
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)
                    && n.IndexOf('.', prefix.Length) == n.Length - ".sql".Length)
                .Select(n => (int.Parse(n.AsSpan(prefix.Length, 3), provider: System.Globalization.CultureInfo.InvariantCulture), Read(assembly, n)))
                .OrderBy(m => m.Item1),
        ];
    }

    private async Task MigrateAsync()
    {
        using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        using NpgsqlTransaction transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('kenyasms_schema:' || $1))", _options.Schema).ConfigureAwait(false);

        // CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege on the database; an existing schema needs none.
        if (await ExecuteScalarAsync(connection, "SELECT 1 FROM pg_namespace WHERE nspname = $1", _options.Schema).ConfigureAwait(false) is null)
        {
            await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {QuotedSchema}").ConfigureAwait(false);
        }

        await ExecuteAsync(connection, $"SET LOCAL search_path TO {QuotedSchema}").ConfigureAwait(false);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS kenyasms_schema_version (component text PRIMARY KEY, version integer NOT NULL)").ConfigureAwait(false);
        int version = await ExecuteScalarAsync(connection, "SELECT version FROM kenyasms_schema_version WHERE component = $1", _definition.Component).ConfigureAwait(false) is int v ? v : 0;
        int latest = _definition.Migrations[^1].Version;
        if (version > latest)
        {
            throw new InvalidOperationException($"The PostgreSQL {_definition.Store}'s schema {_options.Schema} is at version {version}, newer than this KenyaSms.PostgreSql knows ({latest}): upgrade this package.");
        }

        foreach ((int Version, string Sql) migration in _definition.Migrations.Where(m => m.Version > version))
        {
            await ExecuteAsync(connection, migration.Sql).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        if (version < latest)
        {
            _definition.LogMigrated(_logger, _options.Schema, version, latest);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        using NpgsqlCommand command = Command(connection, sql, values);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task<object?> ExecuteScalarAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        using NpgsqlCommand command = Command(connection, sql, values);
        return await command.ExecuteScalarAsync().ConfigureAwait(false);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static string Read(Assembly assembly, string name)
    {
        using Stream stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
