using Microsoft.Extensions.Logging;

namespace KenyaSms.PostgreSql;

/// <summary>Every log line of the PostgreSQL stores; EventIds 52xx. Never the connection string.</summary>
internal static partial class Log
{
    [LoggerMessage(5201, LogLevel.Information, "PostgreSQL send ledger schema {Schema} migrated from version {FromVersion} to {ToVersion}")]
    public static partial void SchemaMigrated(ILogger logger, string schema, int fromVersion, int toVersion);

    [LoggerMessage(5202, LogLevel.Information, "PostgreSQL suppression list schema {Schema} migrated from version {FromVersion} to {ToVersion}")]
    public static partial void SuppressionSchemaMigrated(ILogger logger, string schema, int fromVersion, int toVersion);
}
