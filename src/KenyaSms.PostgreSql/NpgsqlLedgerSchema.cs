using System.Reflection;
using KenyaSms.Ledger;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KenyaSms.PostgreSql;

/// <summary>
/// Creates and migrates the ledger's tables on first use, once per process, unless
/// <see cref="PostgreSqlSendLedgerOptions.CreateSchema"/> is false. Migrations are the embedded <c>Schema/NNN_*.sql</c>
/// files (shipped in the package's <c>sql/</c> folder too), run in order in one transaction under an advisory lock, so
/// processes starting together migrate once; each file records its version in <c>kenyasms_schema_version</c>.
/// </summary>
internal sealed class NpgsqlLedgerSchema
{
    internal const string Component = "send_ledger";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlSendLedgerOptions _options;
    private readonly ILogger _logger;
    private readonly FirstUse _firstUse;

    public NpgsqlLedgerSchema(NpgsqlDataSource dataSource, PostgreSqlSendLedgerOptions options, ILogger logger)
    {
        _dataSource = dataSource;
        _options = options;
        _logger = logger;
        QuotedSchema = Quote(options.Schema);
        QualifiedTable = QuotedSchema + ".kenyasms_send_ledger";
        _firstUse = options.CreateSchema ? new FirstUse(MigrateAsync) : FirstUse.Done;
    }

    /// <summary>The schema as a quoted identifier (<c>"public"</c>): any name, never a way into the SQL.</summary>
    public string QuotedSchema { get; }

    /// <summary>The ledger table, schema-qualified.</summary>
    public string QualifiedTable { get; }

    /// <summary>The migration scripts, in order: (version, SQL).</summary>
    internal static IReadOnlyList<(int Version, string Sql)> Migrations { get; } = LoadMigrations();

    /// <summary>Migrates on the first call; a failed attempt (database down, no CREATE privilege) is tried again by the next.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken) => _firstUse.EnsureAsync(cancellationToken);

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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
        int version = await ExecuteScalarAsync(connection, "SELECT version FROM kenyasms_schema_version WHERE component = $1", Component).ConfigureAwait(false) is int v ? v : 0;
        int latest = Migrations[^1].Version;
        if (version > latest)
        {
            throw new InvalidOperationException($"The PostgreSQL send ledger's schema {_options.Schema} is at version {version}, newer than this KenyaSms.PostgreSql knows ({latest}): upgrade this package.");
        }

        foreach ((int Version, string Sql) migration in Migrations.Where(m => m.Version > version))
        {
            await ExecuteAsync(connection, migration.Sql).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        if (version < latest)
        {
            Log.SchemaMigrated(_logger, _options.Schema, version, latest);
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

    private static (int, string)[] LoadMigrations()
    {
        Assembly assembly = typeof(NpgsqlLedgerSchema).Assembly;
        const string prefix = "KenyaSms.PostgreSql.Schema.";
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                .Select(n => (int.Parse(n.AsSpan(prefix.Length, 3), provider: System.Globalization.CultureInfo.InvariantCulture), Read(assembly, n)))
                .OrderBy(m => m.Item1),
        ];
    }

    private static string Read(Assembly assembly, string name)
    {
        using Stream stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
