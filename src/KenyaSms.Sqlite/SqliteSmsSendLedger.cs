using System.Globalization;
using KenyaSms.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Sqlite;

/// <summary>
/// The ledger in one SQLite file (<c>AddSqliteSendLedger</c>), shared by the processes of one machine. Every call
/// opens a pooled connection and ends its own transaction, so no lock is held between calls; claims and records take
/// the write lock at once (<c>BEGIN IMMEDIATE</c>), so each batch is decided as a whole against the file as it stands.
/// The rules are <see cref="Ledger.InMemorySmsSendLedger"/>'s.
/// </summary>
internal sealed class SqliteSmsSendLedger : ISmsSendLedger
{
    private const string Columns = "key, phone_number, state, content_hash, token, lease_expires, updated_at, provider, message_id, cost, status_code, error";

    private readonly SqliteConnector _connector;
    private readonly SqliteSchema _schema;

    public SqliteSmsSendLedger(SqliteConnector connector, ILogger logger)
    {
        _connector = connector;
        _schema = new SqliteSchema(SqliteLedgerSchema.Definition, connector, logger);
    }

    public async Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var result = new SmsLedgerEntry[claims.Count];
        using SqliteConnection connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using SqliteCommand select = Command(connection, $"SELECT {Columns} FROM kenyasms_send_ledger WHERE key = $key AND phone_number = $phone", "$key", "$phone");
        using SqliteCommand insert = Command(connection, $"INSERT OR REPLACE INTO kenyasms_send_ledger ({Columns}) VALUES ($key, $phone, $state, $hash, $token, $lease, $updated, $provider, $message_id, $cost, $status_code, $error)",
            "$key", "$phone", "$state", "$hash", "$token", "$lease", "$updated", "$provider", "$message_id", "$cost", "$status_code", "$error");
        using SqliteCommand expire = Command(connection, "UPDATE kenyasms_send_ledger SET state = 'Uncertain', updated_at = $updated WHERE key = $key AND phone_number = $phone", "$key", "$phone", "$updated");
        for (int i = 0; i < claims.Count; i++)
        {
            SmsLedgerEntry claim = claims[i];
            SmsLedgerEntry? entry = await ReadAsync(select, claim.Key, claim.PhoneNumber, cancellationToken).ConfigureAwait(false);
            if (entry is null || (entry.State == SmsLedgerState.NotSent && entry.ContentHash == claim.ContentHash))
            {
                entry = claim with { State = SmsLedgerState.Sending, UpdatedAt = now };
                await WriteAsync(insert, entry, cancellationToken).ConfigureAwait(false);
            }
            else if (entry.State == SmsLedgerState.Sending && entry.LeaseExpires <= now)
            {
                entry = entry with { State = SmsLedgerState.Uncertain, UpdatedAt = now };
                Set(expire, entry.Key, entry.PhoneNumber, Ticks(now));
                await expire.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            result[i] = entry;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<int> RecordAsync(IReadOnlyList<SmsLedgerEntry> outcomes, CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using SqliteCommand update = Command(connection,
            "UPDATE kenyasms_send_ledger SET state = $state, updated_at = $updated, provider = $provider, message_id = $message_id, cost = $cost, status_code = $status_code, error = $error "
            + "WHERE key = $key AND phone_number = $phone AND token = $token AND state IN ('Sending', 'Uncertain')",
            "$key", "$phone", "$state", "$hash", "$token", "$lease", "$updated", "$provider", "$message_id", "$cost", "$status_code", "$error");
        int written = 0;
        foreach (SmsLedgerEntry outcome in outcomes)
        {
            written += await WriteAsync(update, outcome, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    public Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default) =>
        ChangeUncertainAsync("state = 'NotSent', token = ''", key, phoneNumber, null, null, cancellationToken);

    public Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default) =>
        ChangeUncertainAsync("state = 'Sent', provider = $provider, message_id = $message_id, error = 'None', status_code = 'manual'", key, phoneNumber, provider, messageId, cancellationToken);

    public async Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);

        // GLOB, not LIKE: SQLite's LIKE ignores case. Both use the primary key for a prefix.
        using SqliteCommand command = Command(connection, "SELECT state, COUNT(*) FROM kenyasms_send_ledger WHERE key GLOB $pattern GROUP BY state", "$pattern");
        command.Parameters[0].Value = GlobPrefix(keyPrefix);
        var counts = new Dictionary<SmsLedgerState, long>();
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[LedgerText.State(reader.GetString(0))] = reader.GetInt64(1);
        }

        return counts;
    }

    public async Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = Command(connection, "DELETE FROM kenyasms_send_ledger WHERE updated_at < $before AND state <> 'Sending'", "$before");
        command.Parameters[0].Value = Ticks(updatedBefore);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A GLOB pattern matching every text that starts with <paramref name="prefix"/>: <c>*</c>, <c>?</c> and <c>[</c> go in brackets.</summary>
    internal static string GlobPrefix(string prefix)
    {
        var pattern = new System.Text.StringBuilder(prefix.Length + 8);
        foreach (char c in prefix)
        {
            if (c is '*' or '?' or '[')
            {
                pattern.Append('[').Append(c).Append(']');
            }
            else
            {
                pattern.Append(c);
            }
        }

        return pattern.Append('*').ToString();
    }

    private async Task<bool> ChangeUncertainAsync(string set, string key, string phoneNumber, string? provider, string? messageId, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = Command(connection, $"UPDATE kenyasms_send_ledger SET {set} WHERE key = $key AND phone_number = $phone AND state = 'Uncertain'", "$key", "$phone", "$provider", "$message_id");
        Set(command, key, phoneNumber, provider, messageId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task<SqliteConnection> OpenReadyAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await _connector.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, string text, params string[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = text;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static async Task<SmsLedgerEntry?> ReadAsync(SqliteCommand select, string key, string phoneNumber, CancellationToken cancellationToken)
    {
        Set(select, key, phoneNumber);
        using SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SmsLedgerEntry(reader.GetString(0), reader.GetString(1), LedgerText.State(reader.GetString(2)), reader.GetString(3), reader.GetString(4))
        {
            LeaseExpires = new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
            Provider = reader.IsDBNull(7) ? null : reader.GetString(7),
            MessageId = reader.IsDBNull(8) ? null : reader.GetString(8),
            Cost = reader.IsDBNull(9) ? null : decimal.Parse(reader.GetString(9), NumberStyles.Number, CultureInfo.InvariantCulture),
            StatusCode = reader.IsDBNull(10) ? null : reader.GetString(10),
            Error = LedgerText.Error(reader.GetString(11)),
        };
    }

    private static Task<int> WriteAsync(SqliteCommand command, SmsLedgerEntry entry, CancellationToken cancellationToken)
    {
        Set(command, entry.Key, entry.PhoneNumber, entry.State.ToString(), entry.ContentHash, entry.Token, Ticks(entry.LeaseExpires), Ticks(entry.UpdatedAt),
            entry.Provider, entry.MessageId, entry.Cost?.ToString(CultureInfo.InvariantCulture), entry.StatusCode, entry.Error.ToString());
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static long Ticks(DateTimeOffset value) => value.UtcTicks;
}
