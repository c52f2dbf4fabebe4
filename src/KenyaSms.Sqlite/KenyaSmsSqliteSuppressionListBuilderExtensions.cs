using KenyaSms.Policies;
using KenyaSms.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite suppression list: opt-outs kept across restarts, checked by every gateway of the container.</summary>
public static class KenyaSmsSqliteSuppressionListBuilderExtensions
{
    /// <summary>
    /// A suppression list in one SQLite file, shared by every process on this machine that registers the same file; it
    /// may be the send ledger's file (e.g. <c>"Data Source=/var/lib/myapp/sms.db"</c>), which then gains the
    /// <c>kenyasms_suppression_list</c> table on first use. Every check is one statement, whatever the number of
    /// recipients. <c>KenyaSms:Suppression:AutoSuppress</c> (true/false) adds numbers from do-not-disturb rejections
    /// and from delivery reports saying the subscriber blacklisted the sender. Use
    /// <c>AddPostgreSqlSuppressionList</c> when several machines send.
    /// </summary>
    /// <param name="builder">The KenyaSms builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file (not <c>:memory:</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty, unreadable or names an in-memory database (the message never shows it).</exception>
    /// <exception cref="InvalidOperationException">Another suppression list is already registered.</exception>
    public static IKenyaSmsBuilder AddSqliteSuppressionList(this IKenyaSmsBuilder builder, string connectionString)
    {
        SqliteConnector connector = SqliteConnector.Parse(connectionString, "suppression list", "AddInMemorySuppressionList");
        return SuppressionListRegistration.Add(builder, sp => new SqliteSmsSuppressionList(connector, sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILoggerFactory>()?.CreateLogger("KenyaSms.Sqlite.SqliteSmsSuppressionList") ?? NullLogger.Instance));
    }
}
