using KenyaSms.Ledger;
using Npgsql;

namespace KenyaSms.PostgreSql;

/// <summary>
/// The ledger in PostgreSQL (<c>AddPostgreSqlSendLedger</c>), shared by every machine. Each claim and each record is
/// one round trip whatever the batch size (arrays, <c>unnest</c>), decided by the database row by row under its
/// primary key, so concurrent claimants never both win a pair, and no lock outlives the call. The rules are
/// <see cref="InMemorySmsSendLedger"/>'s.
/// </summary>
internal sealed class NpgsqlSmsSendLedger : ISmsSendLedger, IAsyncDisposable, IDisposable
{
    private const string Columns = "key, phone_number, state, content_hash, token, lease_expires, updated_at, provider, message_id, cost, status_code, error";

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlSchema _schema;
    private readonly string _table;

    public NpgsqlSmsSendLedger(NpgsqlDataSource dataSource, NpgsqlSchema schema)
    {
        _dataSource = dataSource;
        _schema = schema;
        _table = schema.Qualified(NpgsqlLedgerSchema.Table);
    }

    public async Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (claims.Count == 0)
        {
            return [];
        }

        // One row per pair in SQL (a repeated pair would make ON CONFLICT touch a row twice); repeats read the same row back.
        SmsLedgerEntry[] distinct = [.. claims.DistinctBy(c => (c.Key, c.PhoneNumber))];
        string[] keys = [.. distinct.Select(c => c.Key)];
        string[] phones = [.. distinct.Select(c => c.PhoneNumber)];

        // Statement 1 locks every pair's row in key order (an unchanged row too: ON CONFLICT DO UPDATE locks it), so
        // concurrent claims queue instead of deadlocking, and inserts, re-claims NotSent rows with the same content hash,
        // or turns Sending rows past their lease Uncertain (keeping the token). Statement 2, in the same implicit
        // transaction, reads every row as it now stands. Npgsql sends both in one round trip.
        using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(
            $"""
            INSERT INTO {_table} AS l ({Columns})
            SELECT i.key, i.phone_number, 'Sending', i.content_hash, i.token, i.lease_expires, $1, i.provider, i.message_id, i.cost, i.status_code, i.error
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::numeric[], $10::text[], $11::text[])
                AS i(key, phone_number, content_hash, token, lease_expires, provider, message_id, cost, status_code, error)
            ORDER BY i.key, i.phone_number
            ON CONFLICT (key, phone_number) DO UPDATE SET
                state = CASE WHEN l.state = 'NotSent' THEN 'Sending' ELSE 'Uncertain' END,
                updated_at = $1,
                content_hash = CASE WHEN l.state = 'NotSent' THEN EXCLUDED.content_hash ELSE l.content_hash END,
                token = CASE WHEN l.state = 'NotSent' THEN EXCLUDED.token ELSE l.token END,
                lease_expires = CASE WHEN l.state = 'NotSent' THEN EXCLUDED.lease_expires ELSE l.lease_expires END,
                provider = CASE WHEN l.state = 'NotSent' THEN EXCLUDED.provider ELSE l.provider END,
                message_id = CASE WHEN l.state = 'NotSent' THEN EXCLUDED.message_id ELSE l.message_id END,
                cost = CASE WHEN l.state = 'NotSent' THEN EXCLUDED.cost ELSE l.cost END,
                status_code = CASE WHEN l.state = 'NotSent' THEN EXCLUDED.status_code ELSE l.status_code END,
                error = CASE WHEN l.state = 'NotSent' THEN EXCLUDED.error ELSE l.error END
            WHERE (l.state = 'NotSent' AND l.content_hash = EXCLUDED.content_hash)
               OR (l.state = 'Sending' AND l.lease_expires <= $1)
            """,
            Utc(now), keys, phones,
            Array(distinct, c => c.ContentHash), Array(distinct, c => c.Token), Array(distinct, c => Utc(c.LeaseExpires)),
            Array(distinct, c => c.Provider), Array(distinct, c => c.MessageId), Array(distinct, c => c.Cost),
            Array(distinct, c => c.StatusCode), Array(distinct, c => c.Error.ToString())));
        batch.BatchCommands.Add(Command(
            $"""
            SELECT {Prefixed("l.")} FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS i(key, phone_number, n)
            JOIN {_table} AS l ON l.key = i.key AND l.phone_number = i.phone_number
            ORDER BY i.n
            """,
            keys, phones));

        var stored = new Dictionary<(string, string), SmsLedgerEntry>(distinct.Length);
        NpgsqlDataReader reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                SmsLedgerEntry entry = Read(reader);
                stored[(entry.Key, entry.PhoneNumber)] = entry;
            }
        }

        var result = new SmsLedgerEntry[claims.Count];
        for (int i = 0; i < claims.Count; i++)
        {
            result[i] = stored.TryGetValue((claims[i].Key, claims[i].PhoneNumber), out SmsLedgerEntry? entry)
                ? entry
                : throw new InvalidOperationException("The send ledger lost a row it had just claimed; the claim is not certain.");
        }

        return result;
    }

    public async Task<int> RecordAsync(IReadOnlyList<SmsLedgerEntry> outcomes, CancellationToken cancellationToken = default)
    {
        if (outcomes.Count == 0)
        {
            return 0;
        }

        // UPDATE ... FROM writes a row once however many input rows match it: the first outcome of a pair counts.
        SmsLedgerEntry[] distinct = [.. outcomes.DistinctBy(o => (o.Key, o.PhoneNumber))];
        using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using NpgsqlCommand command = new(
            $"""
            UPDATE {_table} AS l SET state = i.state, updated_at = i.updated_at, provider = i.provider, message_id = i.message_id,
                cost = i.cost, status_code = i.status_code, error = i.error
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::numeric[], $9::text[], $10::text[])
                AS i(key, phone_number, token, state, updated_at, provider, message_id, cost, status_code, error)
            WHERE l.key = i.key AND l.phone_number = i.phone_number AND l.token = i.token AND l.state IN ('Sending', 'Uncertain')
            """,
            connection);
        AddParameters(command.Parameters,
            Array(distinct, o => o.Key), Array(distinct, o => o.PhoneNumber), Array(distinct, o => o.Token), Array(distinct, o => o.State.ToString()),
            Array(distinct, o => Utc(o.UpdatedAt)), Array(distinct, o => o.Provider), Array(distinct, o => o.MessageId), Array(distinct, o => o.Cost),
            Array(distinct, o => o.StatusCode), Array(distinct, o => o.Error.ToString()));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default) =>
        await ExecuteAsync($"UPDATE {_table} SET state = 'NotSent', token = '' WHERE key = $1 AND phone_number = $2 AND state = 'Uncertain'",
            cancellationToken, key, phoneNumber).ConfigureAwait(false) > 0;

    public async Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync($"UPDATE {_table} SET state = 'Sent', provider = $3, message_id = $4, error = 'None', status_code = 'manual' WHERE key = $1 AND phone_number = $2 AND state = 'Uncertain'",
            cancellationToken, key, phoneNumber, provider, messageId).ConfigureAwait(false) > 0;

    public async Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // LIKE on a COLLATE "C" key is a range scan of the primary key; the prefix's own % _ \ are escaped.
        using NpgsqlCommand command = new($"SELECT state, count(*) FROM {_table} WHERE key LIKE $1 ESCAPE '\\' GROUP BY state", connection);
        AddParameters(command.Parameters, LikePrefix(keyPrefix));
        var counts = new Dictionary<SmsLedgerState, long>();
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[LedgerText.State(reader.GetString(0))] = reader.GetInt64(1);
            }
        }

        return counts;
    }

    public Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"DELETE FROM {_table} WHERE updated_at < $1 AND state <> 'Sending'", cancellationToken, Utc(updatedBefore));

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    internal static string LikePrefix(string prefix) =>
        prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        using NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using NpgsqlCommand command = new(sql, connection);
        AddParameters(command.Parameters, values);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddParameters(command.Parameters, values);
        return command;
    }

    private static void AddParameters(NpgsqlParameterCollection parameters, params object?[] values)
    {
        foreach (object? value in values)
        {
            parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }

    private static T[] Array<T>(SmsLedgerEntry[] entries, Func<SmsLedgerEntry, T> select) => [.. entries.Select(select)];

    // timestamptz takes only UTC offsets.
    private static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    private static string Prefixed(string alias) => string.Join(", ", Columns.Split(", ").Select(c => alias + c));

    private static SmsLedgerEntry Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), LedgerText.State(reader.GetString(2)), reader.GetString(3), reader.GetString(4))
        {
            LeaseExpires = reader.GetFieldValue<DateTimeOffset>(5),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(6),
            Provider = reader.IsDBNull(7) ? null : reader.GetString(7),
            MessageId = reader.IsDBNull(8) ? null : reader.GetString(8),
            Cost = reader.IsDBNull(9) ? null : reader.GetDecimal(9),
            StatusCode = reader.IsDBNull(10) ? null : reader.GetString(10),
            Error = LedgerText.Error(reader.GetString(11)),
        };
}
