using KenyaSms.Sqlite;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Ledger.Tests;

/// <summary>What only the SQLite store has: its file, schema versions, WAL mode, and a connection string kept out of errors and logs.</summary>
public sealed class SqliteSendLedgerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _path = LedgerStores.NewSqlitePath();

    [Fact]
    public async Task FirstUse_CreatesTheSchemaAtTheLatestVersionInWalMode_AndLogsIt()
    {
        var logs = new FakeLogCollector();
        await using (ServiceProvider services = LedgerStores.Sqlite(_path, logs))
        {
            await services.GetRequiredService<ISmsSendLedger>().SummarizeAsync(string.Empty);
        }

        Assert.Equal(SqliteLedgerSchema.Migrations.Length, Convert.ToInt32(Scalar("SELECT version FROM kenyasms_schema_version WHERE component = 'send_ledger'"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
        Assert.Contains(logs.GetSnapshot(), e => e.Id.Id == 5101);
        Assert.DoesNotContain(_path, logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_SurviveARestart_AndASecondStartDoesNotMigrateAgain()
    {
        SmsLedgerEntry claim = new("order-1", "+254722000001", SmsLedgerState.Sending, "h", "A") { LeaseExpires = T0.AddMinutes(2) };
        await using (ServiceProvider first = LedgerStores.Sqlite(_path))
        {
            await first.GetRequiredService<ISmsSendLedger>().ClaimAsync([claim], T0);
        }

        var logs = new FakeLogCollector();
        await using ServiceProvider second = LedgerStores.Sqlite(_path, logs);
        SmsLedgerEntry stored = Assert.Single(await second.GetRequiredService<ISmsSendLedger>().ClaimAsync([claim with { Token = "B" }], T0));

        Assert.Equal(claim with { UpdatedAt = T0 }, stored);
        Assert.DoesNotContain(logs.GetSnapshot(), e => e.Id.Id == 5101);
    }

    [Fact]
    public async Task FileFromANewerPackage_IsRefusedWithAnUpgradeMessage()
    {
        Execute("CREATE TABLE kenyasms_schema_version (component TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO kenyasms_schema_version VALUES ('send_ledger', 99);");
        await using ServiceProvider services = LedgerStores.Sqlite(_path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<ISmsSendLedger>().SummarizeAsync(string.Empty));

        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=/nonexistent-folder-{0}/ledger.db")]
    [InlineData("Data Source={1};Password={0}")]
    [InlineData("Data Source={1};Mode={0}")]
    [InlineData("Data Source={1};Bogus={0}")]
    [InlineData("Data Source={1};Foreign Keys={0}")]
    public async Task ConnectionString_IsNeverInAnExceptionOrALogLine(string template)
    {
        const string Secret = "S3cret-8f2c";
        string connectionString = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Secret, _path);
        var logs = new FakeLogCollector();

        Exception error = await Record.ExceptionAsync(async () =>
        {
            await using ServiceProvider services = LedgerStores.Build(b => b.AddSqliteSendLedger(connectionString), logs);
            await services.GetRequiredService<ISmsSendLedger>().ClaimAsync([new("k", "+254722000001", SmsLedgerState.Sending, "h", "A")], T0);
        });

        Assert.NotNull(error);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=ledger;Mode=Memory;Cache=Shared")]
    public void Register_NoFile_IsRefusedAtRegistration(string connectionString) =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddKenyaSms().AddSqliteSendLedger(connectionString));

    [Fact]
    public void Register_SecondLedger_IsRefused()
    {
        IKenyaSmsBuilder builder = new ServiceCollection().AddKenyaSms().AddInMemorySendLedger();

        Assert.Throws<InvalidOperationException>(() => builder.AddSqliteSendLedger($"Data Source={_path}"));
    }

    [Theory]
    [InlineData("", "*")]
    [InlineData("camp-1:", "camp-1:*")]
    [InlineData("a*b?c[d]e", "a[*]b[?]c[[]d]e*")]
    public void GlobPrefix_BracketsEveryWildcard(string prefix, string pattern) => Assert.Equal(pattern, SqliteSmsSendLedger.GlobPrefix(prefix));

    public void Dispose() => LedgerStores.DeleteSqlite(_path);

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_path}");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_path}");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
