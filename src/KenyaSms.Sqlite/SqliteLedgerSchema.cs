namespace KenyaSms.Sqlite;

/// <summary>The send ledger's tables (component <c>send_ledger</c>), created and migrated by <see cref="SqliteSchema"/>.</summary>
internal static class SqliteLedgerSchema
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

    internal static readonly SqliteSchemaDefinition Definition = new(Component, "send ledger", Migrations, Log.SchemaMigrated);
}
