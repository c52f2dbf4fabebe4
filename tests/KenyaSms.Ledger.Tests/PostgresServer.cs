using Npgsql;

namespace KenyaSms.Ledger.Tests;

/// <summary>
/// The PostgreSQL server the tests use (KENYASMS_POSTGRES), and a fresh schema per test so tests never see each
/// other's rows. Without the variable the PostgreSQL tests fail, saying how to get one: they are never skipped.
/// </summary>
internal static class PostgresServer
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("KENYASMS_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "KENYASMS_POSTGRES is not set, so the PostgreSQL ledger tests cannot run. Run the tests with ./test.sh (it starts a throwaway "
                + "PostgreSQL on 127.0.0.1 and sets it), or start one yourself with `eval \"$(tests/postgres.sh start)\"`, or point it at a "
                + "server of yours: KENYASMS_POSTGRES=\"Host=127.0.0.1;Port=5432;Username=postgres;Database=kenyasms_test\".");

    public static string NewSchemaName() => "ledger_test_" + Guid.NewGuid().ToString("N")[..12];

    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static Task DropSchemaAsync(string schema) => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
}
