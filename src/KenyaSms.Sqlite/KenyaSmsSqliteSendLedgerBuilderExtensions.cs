using KenyaSms;
using KenyaSms.Ledger;
using KenyaSms.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite send ledger: sends with an <see cref="SmsMessage.IdempotencyKey"/> happen once across restarts on one machine.</summary>
public static class KenyaSmsSqliteSendLedgerBuilderExtensions
{
    /// <summary>
    /// A ledger in one SQLite file, shared by every process on this machine that registers the same file
    /// (e.g. <c>"Data Source=/var/lib/myapp/sms-ledger.db"</c>). The tables are created on first use; the file runs
    /// in WAL mode and waits up to the connection string's <c>Default Timeout</c> (30 s) for another process's write.
    /// Use <c>AddPostgreSqlSendLedger</c> when several machines send.
    /// </summary>
    /// <param name="builder">The KenyaSms builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file (not <c>:memory:</c>).</param>
    /// <param name="configure">Adjusts the lease and retention.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty, unreadable or names an in-memory database.</exception>
    public static IKenyaSmsBuilder AddSqliteSendLedger(this IKenyaSmsBuilder builder, string connectionString, Action<SmsSendLedgerOptions>? configure = null)
    {
        SqliteConnector connector = SqliteConnector.Parse(connectionString, "send ledger", "AddInMemorySendLedger");
        return SendLedgerRegistration.Add(builder, sp => new SqliteSmsSendLedger(connector,
            sp.GetService<ILoggerFactory>()?.CreateLogger("KenyaSms.Sqlite.SqliteSmsSendLedger") ?? NullLogger.Instance), configure);
    }
}
