namespace KenyaSms.Sqlite;

/// <summary>
/// The suppression list's table (component <c>suppression_list</c>), created and migrated by <see cref="SqliteSchema"/>
/// on first use, also in a file that already holds a send ledger.
/// </summary>
internal static class SqliteSuppressionSchema
{
    internal const string Component = "suppression_list";

    internal const string Table = "kenyasms_suppression_list";

    /// <summary>Migration N (1-based) brings the table from version N-1 to N. Append only; never edit a shipped one.</summary>
    /// <remarks>
    /// <c>phone_number</c> is E.164 (a row typed by hand in another form would never match, so it is refused);
    /// <c>suppressed_at</c> is ISO 8601 UTC text (sorts as time, reads in the sqlite3 shell).
    /// </remarks>
    internal static readonly string[] Migrations =
    [
        """
        CREATE TABLE kenyasms_suppression_list (
            phone_number TEXT NOT NULL PRIMARY KEY CHECK (phone_number GLOB '+254[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
            reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
            suppressed_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ];

    internal static readonly SqliteSchemaDefinition Definition = new(Component, "suppression list", Migrations, Log.SuppressionSchemaMigrated);
}
