using KenyaSms.Policies;
using Npgsql;
using NpgsqlTypes;

namespace KenyaSms.PostgreSql;

/// <summary>
/// The suppression list in PostgreSQL (<c>AddPostgreSqlSuppressionList</c>), shared by every machine, in the schema of
/// <see cref="PostgreSqlSendLedgerOptions"/> beside the send ledger. A check is one statement whatever the number of
/// recipients (<c>= ANY($1)</c> with a <c>text[]</c> parameter); an import is one statement too (arrays, <c>unnest</c>).
/// </summary>
internal sealed class NpgsqlSmsSuppressionList : ISmsSuppressionList, ISuppressionListAdmin, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlSchema _schema;
    private readonly TimeProvider _time;
    private readonly string _table;

    public NpgsqlSmsSuppressionList(NpgsqlDataSource dataSource, NpgsqlSchema schema, TimeProvider time)
    {
        _dataSource = dataSource;
        _schema = schema;
        _time = time;
        _table = schema.Qualified(NpgsqlSuppressionSchema.Table);
    }

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

        using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using NpgsqlCommand command = Command(connection, $"SELECT phone_number FROM {_table} WHERE phone_number = ANY($1)", Texts([.. byE164.Keys]));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add(byE164[reader.GetString(0)]);
            }
        }

        return found;
    }

    public async Task SuppressAsync(PhoneNumber number, string reason, CancellationToken cancellationToken = default)
    {
        SuppressionListRegistration.Validate(number, reason);
        await SuppressAsync([number.E164], [reason], cancellationToken).ConfigureAwait(false);
    }

    public async Task UnsuppressAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        SuppressionListRegistration.Validate(number);
        using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using NpgsqlCommand command = Command(connection, $"DELETE FROM {_table} WHERE phone_number = $1", Text(number.E164));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SuppressionEntry?> GetAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        SuppressionListRegistration.Validate(number);
        using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using NpgsqlCommand command = Command(connection, $"SELECT reason, suppressed_at FROM {_table} WHERE phone_number = $1", Text(number.E164));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new SuppressionEntry(number, reader.GetString(0), new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero))
                : null;
        }
    }

    public async Task<int> SuppressAllAsync(IReadOnlyList<(PhoneNumber Number, string Reason)> entries, CancellationToken cancellationToken = default)
    {
        List<(PhoneNumber Number, string Reason)> distinct = SuppressionListRegistration.ValidateAll(entries);
        if (distinct.Count > 0)
        {
            await SuppressAsync([.. distinct.Select(e => e.Number.E164)], [.. distinct.Select(e => e.Reason)], cancellationToken).ConfigureAwait(false);
        }

        return distinct.Count;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    // One statement for one number or a whole import (distinct numbers: ON CONFLICT may touch a row only once), so an
    // import is written whole or not at all.
    private async Task SuppressAsync(string[] phones, string[] reasons, CancellationToken cancellationToken)
    {
        DateTime now = _time.GetUtcNow().UtcDateTime;
        using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using NpgsqlCommand command = Command(connection,
            $"""
            INSERT INTO {_table} (phone_number, reason, suppressed_at)
            SELECT i.phone_number, i.reason, $3 FROM unnest($1::text[], $2::text[]) AS i(phone_number, reason)
            ON CONFLICT (phone_number) DO UPDATE SET reason = EXCLUDED.reason, suppressed_at = EXCLUDED.suppressed_at
            """,
            Texts(phones), Texts(reasons), new NpgsqlParameter<DateTime> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter<string> Text(string value) => new NpgsqlParameter<string> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<string[]> Texts(string[] values) => new NpgsqlParameter<string[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
