using Hangfire.PostgreSql;

namespace KenyaSms.Hangfire.Worker;

/// <summary>
/// Hangfire.PostgreSql as the kill test runs it: sliding invisibility (a running window is never handed to a second
/// worker) with a short timeout, so a killed worker's window is re-queued within seconds; a short poll interval.
/// </summary>
public static class KillTestStorage
{
    public static PostgreSqlStorageOptions Options(string schema) => new()
    {
        SchemaName = schema,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromSeconds(10),
        QueuePollInterval = TimeSpan.FromMilliseconds(200),
    };
}
