using KenyaSms;
using KenyaSms.Ledger;
using KenyaSms.Sqlite;
using Microsoft.Data.Sqlite;
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
        SqliteConnectionStringBuilder parsed = Parse(connectionString);
        return SendLedgerRegistration.Add(builder, sp => new SqliteSmsSendLedger(parsed,
            sp.GetService<ILoggerFactory>()?.CreateLogger("KenyaSms.Sqlite.SqliteSmsSendLedger") ?? NullLogger.Instance), configure);
    }

    // The connection string is never echoed: a message or an inner exception could carry it into a log.
    private static SqliteConnectionStringBuilder Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The SQLite send ledger needs a connection string naming a file, e.g. \"Data Source=sms-ledger.db\".", nameof(connectionString));
        }

        SqliteConnectionStringBuilder parsed;
        try
        {
            parsed = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"The SQLite send ledger's connection string could not be read ({e.GetType().Name}); check its keywords and values. It is not shown because it may hold a secret.", nameof(connectionString));
        }

        if (parsed.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(parsed.DataSource) || parsed.DataSource == ":memory:")
        {
            throw new ArgumentException("The SQLite send ledger needs a file: an in-memory database is lost with its last connection. Use AddInMemorySendLedger for a ledger of one process.", nameof(connectionString));
        }

        return parsed;
    }
}
