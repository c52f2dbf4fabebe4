using System.Reflection;
using Hangfire;

namespace KenyaSms.Campaigns;

/// <summary>
/// Refuses a Hangfire storage on which a dead worker's window would run twice at once or wait half an hour (api.md 8c).
/// Hangfire.PostgreSql re-queues a fetched job after its invisibility timeout (30 minutes by default); without sliding
/// invisibility a window running longer than the timeout is handed to a second worker while the first still sends it,
/// and with a long timeout a killed worker's window sits idle. The option cannot be set after the storage is built (its
/// heartbeat process is created in the constructor), so it is checked, not set. Read by reflection: this package does
/// not depend on Hangfire.PostgreSql (any storage works), and the storage keeps its options non-public.
/// </summary>
internal static class StorageCheck
{
    /// <summary>The longest invisibility timeout accepted: a dead worker's window is re-queued within this.</summary>
    public static readonly TimeSpan MaxInvisibilityTimeout = TimeSpan.FromMinutes(10);

    public static void ThrowIfUnsafe(JobStorage storage)
    {
        if (storage.GetType().FullName != "Hangfire.PostgreSql.PostgreSqlStorage")
        {
            return;
        }

        object? options = storage.GetType().GetProperty("Options", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(storage);
        if (options?.GetType().GetProperty("UseSlidingInvisibilityTimeout")?.GetValue(options) is not bool sliding
            || options.GetType().GetProperty("InvisibilityTimeout")?.GetValue(options) is not TimeSpan timeout)
        {
            return; // another version that keeps its options elsewhere: nothing to check against
        }

        if (!sliding)
        {
            throw new InvalidOperationException(
                "Campaigns on Hangfire.PostgreSql need PostgreSqlStorageOptions.UseSlidingInvisibilityTimeout = true: without it, a window job that runs "
                + "longer than InvisibilityTimeout is given to a second worker while the first is still sending it. Set it where the storage is built, "
                + "with an InvisibilityTimeout of a few minutes (how long a dead worker's window waits before another worker takes it over; 5 minutes is a good start).");
        }

        if (timeout > MaxInvisibilityTimeout)
        {
            throw new InvalidOperationException(
                $"Campaigns on Hangfire.PostgreSql need PostgreSqlStorageOptions.InvisibilityTimeout of at most {MaxInvisibilityTimeout.TotalMinutes:0} minutes "
                + $"(it is {timeout}): it is how long a dead worker's window waits before another worker takes it over. With sliding invisibility a few minutes is safe.");
        }
    }
}
