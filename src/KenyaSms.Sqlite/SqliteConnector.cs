using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KenyaSms.Sqlite;

/// <summary>
/// How every store of this package reaches its file: the connection string checked once at registration (never echoed:
/// it may hold a password), and pooled connections that wait up to the string's <c>Default Timeout</c> for another
/// process's write lock (<c>PRAGMA busy_timeout</c>, on top of Microsoft.Data.Sqlite's own retries).
/// </summary>
internal sealed class SqliteConnector
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;

    private SqliteConnector(SqliteConnectionStringBuilder connectionString)
    {
        _connectionString = connectionString.ConnectionString;
        _busyTimeoutMilliseconds = checked(connectionString.DefaultTimeout * 1000);
    }

    /// <summary>Tests only: called with every connection as soon as it is open, before anything runs on it.</summary>
    internal Action<SqliteConnection>? Opened { get; set; }

    /// <summary>Checks <paramref name="connectionString"/> for the store named <paramref name="store"/> (e.g. "send ledger").</summary>
    /// <exception cref="ArgumentException">The connection string is empty, unreadable or names an in-memory database; the message never shows it.</exception>
    public static SqliteConnector Parse(string connectionString, string store, string inMemoryAlternative)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"The SQLite {store} needs a connection string naming a file, e.g. \"Data Source=sms.db\".", nameof(connectionString));
        }

        SqliteConnectionStringBuilder parsed;
        try
        {
            parsed = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"The SQLite {store}'s connection string could not be read ({e.GetType().Name}); check its keywords and values. It is not shown because it may hold a secret.", nameof(connectionString));
        }

        if (parsed.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(parsed.DataSource) || parsed.DataSource == ":memory:")
        {
            throw new ArgumentException($"The SQLite {store} needs a file: an in-memory database is lost with its last connection. Use {inMemoryAlternative} for one process.", nameof(connectionString));
        }

        return new SqliteConnector(parsed);
    }

    /// <summary>An open connection with the busy timeout set; dispose it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Opened?.Invoke(connection);

            // SQLite's own wait for another process's write lock, on top of Microsoft.Data.Sqlite's retries.
            using SqliteCommand busy = connection.CreateCommand();
            busy.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}");
            await busy.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
