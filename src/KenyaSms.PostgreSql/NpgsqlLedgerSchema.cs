namespace KenyaSms.PostgreSql;

/// <summary>
/// The send ledger's tables (component <c>send_ledger</c>): the embedded <c>Schema/NNN_*.sql</c> files, shipped as the
/// package's <c>sql/*.sql</c>, run by <see cref="NpgsqlSchema"/>.
/// </summary>
internal static class NpgsqlLedgerSchema
{
    internal const string Component = "send_ledger";

    internal const string Table = "kenyasms_send_ledger";

    /// <summary>The migration scripts, in order: (version, SQL).</summary>
    internal static IReadOnlyList<(int Version, string Sql)> Migrations { get; } = NpgsqlSchema.LoadMigrations("KenyaSms.PostgreSql.Schema.");

    internal static NpgsqlSchemaDefinition Definition { get; } = new(Component, "send ledger", Migrations, Log.SchemaMigrated);
}
