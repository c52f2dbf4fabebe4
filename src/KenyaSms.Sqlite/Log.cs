using Microsoft.Extensions.Logging;

namespace KenyaSms.Sqlite;

/// <summary>Every log line of the SQLite stores; EventIds 51xx. Never the connection string.</summary>
internal static partial class Log
{
    [LoggerMessage(5101, LogLevel.Information, "SQLite send ledger schema migrated from version {FromVersion} to {ToVersion}")]
    public static partial void SchemaMigrated(ILogger logger, long fromVersion, long toVersion);

    [LoggerMessage(5102, LogLevel.Information, "SQLite suppression list schema migrated from version {FromVersion} to {ToVersion}")]
    public static partial void SuppressionSchemaMigrated(ILogger logger, long fromVersion, long toVersion);
}
