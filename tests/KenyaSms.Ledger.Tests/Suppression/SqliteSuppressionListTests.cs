using KenyaSms.Sqlite;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace KenyaSms.Ledger.Tests.Suppression;

/// <summary>What only the SQLite list has: its table beside a ledger's in one file, one statement per check, and a connection string kept out of errors.</summary>
public sealed class SqliteSuppressionListTests : IDisposable
{
    private static readonly PhoneNumber Number = PhoneNumber.Parse("0722000001");
    private readonly string _path = LedgerStores.NewSqlitePath();

    [Fact]
    public async Task FirstUse_OnAFileHoldingALedger_AddsTheTableAndItsOwnVersion_AndLeavesTheLedgerAlone()
    {
        var entry = new SmsLedgerEntry("order-1", Number.E164, SmsLedgerState.Sending, "h", "A") { LeaseExpires = DateTimeOffset.UtcNow.AddMinutes(2) };
        await using (ServiceProvider ledgerOnly = LedgerStores.Sqlite(_path))
        {
            await ledgerOnly.GetRequiredService<ISmsSendLedger>().ClaimAsync([entry], DateTimeOffset.UtcNow);
        }

        Assert.Equal(0L, Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'kenyasms_suppression_list'"));
        var logs = new FakeLogCollector();
        await using (ServiceProvider both = LedgerStores.Build(b => b.AddSqliteSendLedger($"Data Source={_path}").AddSqliteSuppressionList($"Data Source={_path}"), logs))
        {
            await both.GetRequiredService<ISmsSuppressionList>().SuppressAsync(Number, "replied STOP");
            Assert.Equal(1L, (await both.GetRequiredService<ISmsSendLedger>().SummarizeAsync("order-"))[SmsLedgerState.Sending]);
        }

        Assert.Equal((long)SqliteLedgerSchema.Migrations.Length, Scalar("SELECT version FROM kenyasms_schema_version WHERE component = 'send_ledger'"));
        Assert.Equal((long)SqliteSuppressionSchema.Migrations.Length, Scalar("SELECT version FROM kenyasms_schema_version WHERE component = 'suppression_list'"));
        Assert.Equal("replied STOP", Scalar($"SELECT reason FROM kenyasms_suppression_list WHERE phone_number = '{Number.E164}'"));
        Assert.Contains(logs.GetSnapshot(), e => e.Id.Id == 5102);
        Assert.DoesNotContain(logs.GetSnapshot(), e => e.Id.Id == 5101);
        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task FirstUse_SuppressionListFirst_ThenALedger_BothMigrate()
    {
        await using (ServiceProvider list = SuppressionStores.Sqlite(_path))
        {
            await list.GetRequiredService<ISmsSuppressionList>().SuppressAsync(Number, "replied STOP");
        }

        await using ServiceProvider ledger = LedgerStores.Sqlite(_path);
        Assert.Empty(await ledger.GetRequiredService<ISmsSendLedger>().SummarizeAsync(string.Empty));
        Assert.Equal(2L, Scalar("SELECT count(*) FROM kenyasms_schema_version"));
    }

    [Fact]
    public async Task FindSuppressed_IsOneStatementWhateverTheNumberOfRecipients()
    {
        await using ServiceProvider services = SuppressionStores.Sqlite(_path);
        var list = (SqliteSmsSuppressionList)services.GetRequiredService<ISmsSuppressionList>();
        await list.SuppressAsync(Number, "replied STOP"); // first use: the migration's statements come and go here

        // What the SQLite engine itself runs on the list's connections (sqlite3_trace), not what our code says it does.
        var statements = new List<string>();
        list.Connector.Opened = connection => raw.sqlite3_trace(connection.Handle, (_, sql) => { lock (statements) { statements.Add(sql.utf8_to_string()); } }, null);
        foreach (int count in new[] { 1, 2, 1000 })
        {
            statements.Clear();
            PhoneNumber[] numbers = [Number, .. Enumerable.Range(1, count - 1).Select(i => PhoneNumber.Parse($"+254733{i:D6}"))];

            Assert.Equal([Number], await list.FindSuppressedAsync(numbers));

            // The connection's own set-up (the busy timeout, on every open), then the check: one statement.
            Assert.Collection(statements,
                s => Assert.StartsWith("PRAGMA busy_timeout", s, StringComparison.Ordinal),
                s => Assert.StartsWith("SELECT phone_number FROM kenyasms_suppression_list WHERE phone_number IN (SELECT value FROM json_each(", s, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task FileFromANewerPackage_IsRefusedWithAnUpgradeMessage()
    {
        Execute("CREATE TABLE kenyasms_schema_version (component TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO kenyasms_schema_version VALUES ('suppression_list', 99);");
        await using ServiceProvider services = SuppressionStores.Sqlite(_path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<ISmsSuppressionList>().FindSuppressedAsync([Number]));

        Assert.Contains("suppression list", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_RefusesANumberTypedByHandInAnotherForm()
    {
        await using (ServiceProvider services = SuppressionStores.Sqlite(_path))
        {
            await services.GetRequiredService<ISmsSuppressionList>().FindSuppressedAsync([Number]);
        }

        var error = Assert.Throws<SqliteException>(() => Execute("INSERT INTO kenyasms_suppression_list VALUES ('0722000001', 'by hand', '2026-03-01T08:00:00.0000000Z')"));

        Assert.Contains("CHECK constraint failed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=list;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=x.db;Password=S3cret-9;Bogus=1")]
    public void Register_NoFileOrUnreadable_IsRefusedNamingTheParameterWithoutEchoingIt(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddKenyaSms().AddSqliteSuppressionList(connectionString));

        Assert.Equal("connectionString", error.ParamName);
        Assert.Contains("suppression list", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionString_IsNeverInAnExceptionOrALogLine_WhenTheFileCannotBeOpened()
    {
        const string Secret = "S3cret-8f2c";
        var logs = new FakeLogCollector();

        Exception? error = await Record.ExceptionAsync(async () =>
        {
            await using ServiceProvider services = LedgerStores.Build(b => b.AddSqliteSuppressionList($"Data Source=/nonexistent-folder-{Secret}/list.db"), logs);
            await services.GetRequiredService<ISmsSuppressionList>().FindSuppressedAsync([Number]);
        });

        Assert.NotNull(error);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_SecondSuppressionList_IsRefusedWhicheverComesFirst()
    {
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddKenyaSms().AddInMemorySuppressionList().AddSqliteSuppressionList($"Data Source={_path}"));
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddKenyaSms().AddSqliteSuppressionList($"Data Source={_path}").AddInMemorySuppressionList());
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddKenyaSms().AddSqliteSuppressionList($"Data Source={_path}").AddSqliteSuppressionList($"Data Source={_path}"));
    }

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
