using System.Net;
using System.Net.Sockets;
using KenyaSms.PostgreSql;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KenyaSms.Ledger.Tests;

/// <summary>What only the PostgreSQL store has: schema options, the shipped SQL, and a password kept out of errors and logs.</summary>
public sealed class PostgreSqlSendLedgerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _schema = PostgresServer.NewSchemaName();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgresServer.DropSchemaAsync(_schema);

    [Fact]
    public async Task FirstUse_CreatesTheSchemaAndRecordsItsVersion_AndLogsIt()
    {
        var logs = new FakeLogCollector();
        await using (ServiceProvider services = LedgerStores.PostgreSql(_schema, logs))
        {
            await services.GetRequiredService<ISmsSendLedger>().SummarizeAsync(string.Empty);
        }

        Assert.Equal(NpgsqlLedgerSchema.Migrations[^1].Version, await PostgresServer.ScalarAsync($"SELECT version FROM \"{_schema}\".kenyasms_schema_version WHERE component = 'send_ledger'"));
        Assert.Contains(logs.GetSnapshot(), e => e.Id.Id == 5201);
    }

    [Fact]
    public async Task CreateSchemaOff_UsesTheTablesAppliedFromTheShippedSql_AndCreatesNothing()
    {
        await using (ServiceProvider missing = LedgerStores.PostgreSql(_schema, createSchema: false))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => missing.GetRequiredService<ISmsSendLedger>().SummarizeAsync(string.Empty));
            Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
        }

        Assert.Equal(0L, await PostgresServer.ScalarAsync($"SELECT count(*) FROM pg_namespace WHERE nspname = '{_schema}'"));

        // What a team that manages its own schema does: the package's sql/ files, in order, in the configured schema.
        string[] files = [.. Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "src", "KenyaSms.PostgreSql", "Schema"), "*.sql").Order(StringComparer.Ordinal)];
        Assert.NotEmpty(files);
        await PostgresServer.ExecuteAsync($"CREATE SCHEMA \"{_schema}\"");
        foreach (string file in files)
        {
            await PostgresServer.ExecuteAsync($"BEGIN; SET LOCAL search_path TO \"{_schema}\"; {await File.ReadAllTextAsync(file)} COMMIT;");
        }

        await using ServiceProvider services = LedgerStores.PostgreSql(_schema, createSchema: false);
        ISmsSendLedger ledger = services.GetRequiredService<ISmsSendLedger>();
        SmsLedgerEntry claimed = Assert.Single(await ledger.ClaimAsync([new("k", "+254722000001", SmsLedgerState.Sending, "h", "A") { LeaseExpires = T0.AddMinutes(2) }], T0));

        Assert.Equal((SmsLedgerState.Sending, "A"), (claimed.State, claimed.Token));
        Assert.Equal(files.Length, await PostgresServer.ScalarAsync($"SELECT version FROM \"{_schema}\".kenyasms_schema_version"));
    }

    [Fact]
    public void EmbeddedMigrations_AreTheShippedSqlFiles()
    {
        string[] files = [.. Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "src", "KenyaSms.PostgreSql", "Schema"), "*.sql").Order(StringComparer.Ordinal)];

        Assert.Equal(files.Select(f => File.ReadAllText(f)), NpgsqlLedgerSchema.Migrations.Select(m => m.Sql));
        Assert.Equal(Enumerable.Range(1, files.Length), NpgsqlLedgerSchema.Migrations.Select(m => m.Version));
    }

    [Fact]
    public async Task SchemaName_WithQuotesAndSemicolons_IsAnIdentifierNeverSql()
    {
        string schema = _schema + "\"; DROP TABLE x; --";
        try
        {
            await using ServiceProvider services = LedgerStores.PostgreSql(schema);
            ISmsSendLedger ledger = services.GetRequiredService<ISmsSendLedger>();

            Assert.Single(await ledger.ClaimAsync([new("k", "+254722000001", SmsLedgerState.Sending, "h", "A") { LeaseExpires = T0.AddMinutes(2) }], T0));
            Assert.Equal(1L, await PostgresServer.ScalarAsync($"SELECT count(*) FROM \"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\".kenyasms_send_ledger"));
        }
        finally
        {
            await PostgresServer.ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\" CASCADE");
        }
    }

    [Fact]
    public void Options_EmptyOrOverlongSchema_FailValidation()
    {
        var validator = new PostgreSqlSendLedgerOptionsValidator();

        Assert.True(validator.Validate(null, new PostgreSqlSendLedgerOptions()).Succeeded);
        Assert.True(validator.Validate(null, new PostgreSqlSendLedgerOptions { Schema = " " }).Failed);
        Assert.True(validator.Validate(null, new PostgreSqlSendLedgerOptions { Schema = new string('s', 64) }).Failed);
    }

    [Fact]
    public async Task Password_IsNeverInAnExceptionOrALogLine_WhenTheServerIsUnreachable()
    {
        const string Secret = "S3cret-pg-71d0";
        int closedPort = ClosedPort();
        var logs = new FakeLogCollector();

        Exception? error = await Record.ExceptionAsync(async () =>
        {
            await using ServiceProvider services = LedgerStores.Build(b => b.AddPostgreSqlSendLedger($"Host=127.0.0.1;Port={closedPort};Username=postgres;Password={Secret};Timeout=5"), logs);
            await services.GetRequiredService<ISmsSendLedger>().ClaimAsync([new("k", "+254722000001", SmsLedgerState.Sending, "h", "A")], T0);
        });

        Assert.NotNull(error);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_IsNeverInAnExceptionOrALogLine_WhenTheServerRefuses()
    {
        const string Secret = "S3cret-pg-9a44";
        var server = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Password = Secret, Database = "no_such_database_" + Guid.NewGuid().ToString("N")[..8] };
        var logs = new FakeLogCollector();

        Exception? error = await Record.ExceptionAsync(async () =>
        {
            await using ServiceProvider services = LedgerStores.Build(b => b.AddPostgreSqlSendLedger(server.ConnectionString), logs);
            await services.GetRequiredService<ISmsSendLedger>().SummarizeAsync(string.Empty);
        });

        Assert.IsType<PostgresException>(error);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Password={0};Port=not-a-port")]
    [InlineData("Host=127.0.0.1;Password={0};Bogus=1")]
    [InlineData("Host=127.0.0.1;Password=\"{0}")]
    [InlineData("   ")]
    public void ConnectionString_Unreadable_IsRefusedAtRegistrationWithoutEchoingIt(string template)
    {
        const string Secret = "S3cret-pg-0b5e";

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddKenyaSms().AddPostgreSqlSendLedger(template.Replace("{0}", Secret, StringComparison.Ordinal)));

        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "%")]
    [InlineData("camp-1:", "camp-1:%")]
    [InlineData("a%b_c\\d", "a\\%b\\_c\\\\d%")]
    public void LikePrefix_EscapesEveryWildcard(string prefix, string pattern) => Assert.Equal(pattern, NpgsqlSmsSendLedger.LikePrefix(prefix));

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
