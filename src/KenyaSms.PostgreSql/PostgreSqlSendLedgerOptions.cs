namespace KenyaSms.PostgreSql;

/// <summary>
/// Where the PostgreSQL send ledger keeps its tables. Set with
/// <c>services.Configure&lt;PostgreSqlSendLedgerOptions&gt;(o =&gt; ...)</c> or bind from configuration.
/// </summary>
public sealed class PostgreSqlSendLedgerOptions
{
    /// <summary>
    /// Whether the ledger creates and migrates its tables on first use (default true). Set false when your team applies
    /// schema changes itself: run the package's <c>sql/*.sql</c> files (also embedded in the assembly) in order.
    /// </summary>
    public bool CreateSchema { get; set; } = true;

    /// <summary>The schema that holds the tables (default <c>public</c>); created on first use when missing and <see cref="CreateSchema"/> is true.</summary>
    public string Schema { get; set; } = "public";

    /// <inheritdoc/>
    public override string ToString() => $"PostgreSqlSendLedgerOptions {{ CreateSchema = {CreateSchema}, Schema = {Schema} }}";
}
