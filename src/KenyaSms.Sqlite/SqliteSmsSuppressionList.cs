using System.Globalization;
using System.Text.Json;
using KenyaSms.Policies;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Sqlite;

/// <summary>
/// The suppression list in a SQLite file (<c>AddSqliteSuppressionList</c>), shared by the processes of one machine and
/// possibly by the file of the send ledger (its own table and schema version). A check is one statement whatever the
/// number of recipients: the numbers go in as one JSON array parameter, read by <c>json_each</c>.
/// </summary>
internal sealed class SqliteSmsSuppressionList : ISmsSuppressionList, ISuppressionListAdmin
{
    private const string Table = SqliteSuppressionSchema.Table;

    private const string Upsert =
        $"INSERT INTO {Table} (phone_number, reason, suppressed_at) VALUES ($phone, $reason, $at) "
        + "ON CONFLICT (phone_number) DO UPDATE SET reason = excluded.reason, suppressed_at = excluded.suppressed_at";

    private readonly SqliteSchema _schema;
    private readonly TimeProvider _time;

    public SqliteSmsSuppressionList(SqliteConnector connector, TimeProvider time, ILogger logger)
    {
        Connector = connector;
        _time = time;
        _schema = new SqliteSchema(SqliteSuppressionSchema.Definition, connector, logger);
    }

    /// <summary>How this list opens its connections (tests watch what the engine runs on them).</summary>
    internal SqliteConnector Connector { get; }

    public async Task<IReadOnlyCollection<PhoneNumber>> FindSuppressedAsync(IReadOnlyCollection<PhoneNumber> numbers, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(numbers);
        var byE164 = new Dictionary<string, PhoneNumber>(numbers.Count, StringComparer.Ordinal);
        foreach (PhoneNumber number in numbers)
        {
            if (number != default)
            {
                byE164[number.E164] = number;
            }
        }

        var found = new HashSet<PhoneNumber>();
        if (byE164.Count == 0)
        {
            return found;
        }

        using SqliteConnection connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT phone_number FROM {Table} WHERE phone_number IN (SELECT value FROM json_each($numbers))";
        command.Parameters.AddWithValue("$numbers", JsonArray(byE164.Keys));
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(byE164[reader.GetString(0)]);
        }

        return found;
    }

    public async Task SuppressAsync(PhoneNumber number, string reason, CancellationToken cancellationToken = default)
    {
        SuppressionListRegistration.Validate(number, reason);
        using SqliteConnection connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = UpsertCommand(connection);
        Set(command, number, reason, Text(_time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UnsuppressAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        SuppressionListRegistration.Validate(number);
        using SqliteConnection connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {Table} WHERE phone_number = $phone";
        command.Parameters.AddWithValue("$phone", number.E164);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SuppressionEntry?> GetAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        SuppressionListRegistration.Validate(number);
        using SqliteConnection connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT reason, suppressed_at FROM {Table} WHERE phone_number = $phone";
        command.Parameters.AddWithValue("$phone", number.E164);
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new SuppressionEntry(number, reader.GetString(0), Time(reader.GetString(1)))
            : null;
    }

    public async Task<int> SuppressAllAsync(IReadOnlyList<(PhoneNumber Number, string Reason)> entries, CancellationToken cancellationToken = default)
    {
        List<(PhoneNumber Number, string Reason)> distinct = SuppressionListRegistration.ValidateAll(entries);
        if (distinct.Count == 0)
        {
            return 0;
        }

        string at = Text(_time.GetUtcNow());
        using SqliteConnection connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using SqliteCommand command = UpsertCommand(connection);
        foreach ((PhoneNumber number, string reason) in distinct)
        {
            Set(command, number, reason, at);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return distinct.Count;
    }

    /// <summary>The time as stored: ISO 8601 in UTC with seven decimals, so text order is time order.</summary>
    internal static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static SqliteCommand UpsertCommand(SqliteConnection connection)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = Upsert;
        command.Parameters.Add(new SqliteParameter("$phone", SqliteType.Text));
        command.Parameters.Add(new SqliteParameter("$reason", SqliteType.Text));
        command.Parameters.Add(new SqliteParameter("$at", SqliteType.Text));
        return command;
    }

    private static void Set(SqliteCommand upsert, PhoneNumber number, string reason, string at)
    {
        upsert.Parameters[0].Value = number.E164;
        upsert.Parameters[1].Value = reason;
        upsert.Parameters[2].Value = at;
    }

    // ["+254722000001","+254722000002",...]: written without reflection (AOT), one parameter whatever the count.
    private static string JsonArray(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private async Task<SqliteConnection> OpenReadyAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await Connector.OpenAsync(cancellationToken).ConfigureAwait(false);
    }
}
