namespace KenyaSms.PostgreSql;

/// <summary>
/// The suppression list's table (component <c>suppression_list</c>): the embedded
/// <c>Schema/SuppressionList/NNN_*.sql</c> files, shipped as the package's <c>sql/suppression-list/*.sql</c>, run by
/// <see cref="NpgsqlSchema"/> in the schema of <see cref="PostgreSqlSendLedgerOptions"/>, beside the ledger's tables.
/// </summary>
internal static class NpgsqlSuppressionSchema
{
    internal const string Component = "suppression_list";

    internal const string Table = "kenyasms_suppression_list";

    /// <summary>The migration scripts, in order: (version, SQL).</summary>
    internal static IReadOnlyList<(int Version, string Sql)> Migrations { get; } = NpgsqlSchema.LoadMigrations("KenyaSms.PostgreSql.Schema.SuppressionList.");

    internal static NpgsqlSchemaDefinition Definition { get; } = new(Component, "suppression list", Migrations, Log.SuppressionSchemaMigrated);
}
