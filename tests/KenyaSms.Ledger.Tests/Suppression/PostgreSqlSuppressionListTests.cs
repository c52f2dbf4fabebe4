using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KenyaSms.PostgreSql;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KenyaSms.Ledger.Tests.Suppression;

/// <summary>What only the PostgreSQL list has: the ledger's schema option, the shipped SQL, one statement per check, and a password kept out of errors.</summary>
public sealed class PostgreSqlSuppressionListTests : IAsyncLifetime
{
    private static readonly PhoneNumber Number = PhoneNumber.Parse("0722000001");
    private readonly string _schema = PostgresServer.NewSchemaName();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgresServer.DropSchemaAsync(_schema);

    [Fact]
    public async Task FirstUse_InASchemaHoldingALedger_AddsTheTableAndItsOwnVersion_AndLeavesTheLedgerAlone()
    {
        var entry = new SmsLedgerEntry("order-1", Number.E164, SmsLedgerState.Sending, "h", "A") { LeaseExpires = DateTimeOffset.UtcNow.AddMinutes(2) };
        await using (ServiceProvider ledgerOnly = LedgerStores.PostgreSql(_schema))
        {
            await ledgerOnly.GetRequiredService<ISmsSendLedger>().ClaimAsync([entry], DateTimeOffset.UtcNow);
        }

        Assert.Equal(true, await PostgresServer.ScalarAsync($"SELECT to_regclass('\"{_schema}\".kenyasms_suppression_list') IS NULL"));
        var logs = new FakeLogCollector();
        await using (ServiceProvider both = LedgerStores.Build(b => b.AddPostgreSqlSendLedger(PostgresServer.ConnectionString).AddPostgreSqlSuppressionList(PostgresServer.ConnectionString), logs,
            s => s.Configure<PostgreSqlSendLedgerOptions>(o => o.Schema = _schema)))
        {
            await both.GetRequiredService<ISmsSuppressionList>().SuppressAsync(Number, "replied STOP");
            Assert.Equal(1L, (await both.GetRequiredService<ISmsSendLedger>().SummarizeAsync("order-"))[SmsLedgerState.Sending]);
        }

        Assert.Equal(NpgsqlLedgerSchema.Migrations[^1].Version, await PostgresServer.ScalarAsync($"SELECT version FROM \"{_schema}\".kenyasms_schema_version WHERE component = 'send_ledger'"));
        Assert.Equal(NpgsqlSuppressionSchema.Migrations[^1].Version, await PostgresServer.ScalarAsync($"SELECT version FROM \"{_schema}\".kenyasms_schema_version WHERE component = 'suppression_list'"));
        Assert.Equal("replied STOP", await PostgresServer.ScalarAsync($"SELECT reason FROM \"{_schema}\".kenyasms_suppression_list WHERE phone_number = '{Number.E164}'"));
        Assert.Contains(logs.GetSnapshot(), e => e.Id.Id == 5202);
        Assert.DoesNotContain(logs.GetSnapshot(), e => e.Id.Id == 5201);
    }

    [Fact]
    public async Task Schema_TheLedgerOptionPlacesTheTable_AndAQuotedNameIsAnIdentifierNeverSql()
    {
        string schema = _schema + "\"; DROP TABLE x; --";
        string quoted = "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        try
        {
            await using ServiceProvider services = SuppressionStores.PostgreSql(schema);
            await services.GetRequiredService<ISmsSuppressionList>().SuppressAsync(Number, "replied STOP");

            Assert.Equal(1L, await PostgresServer.ScalarAsync($"SELECT count(*) FROM {quoted}.kenyasms_suppression_list"));
            Assert.Equal(0L, await PostgresServer.ScalarAsync($"SELECT count(*) FROM pg_tables WHERE tablename = 'kenyasms_suppression_list' AND schemaname = 'public'"));
        }
        finally
        {
            await PostgresServer.ExecuteAsync($"DROP SCHEMA IF EXISTS {quoted} CASCADE");
        }
    }

    [Fact]
    public async Task CreateSchemaOff_UsesTheTableAppliedFromTheShippedSql_AndCreatesNothing()
    {
        await using (ServiceProvider missing = SuppressionStores.PostgreSql(_schema, createSchema: false))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => missing.GetRequiredService<ISmsSuppressionList>().FindSuppressedAsync([Number]));
            Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
        }

        Assert.Equal(0L, await PostgresServer.ScalarAsync($"SELECT count(*) FROM pg_namespace WHERE nspname = '{_schema}'"));

        // What a team that manages its own schema does: the package's sql/suppression-list/ files, in order, in the configured schema.
        string[] files = ShippedSql();
        Assert.NotEmpty(files);
        await PostgresServer.ExecuteAsync($"CREATE SCHEMA \"{_schema}\"");
        foreach (string file in files)
        {
            await PostgresServer.ExecuteAsync($"BEGIN; SET LOCAL search_path TO \"{_schema}\"; {await File.ReadAllTextAsync(file)} COMMIT;");
        }

        await using ServiceProvider services = SuppressionStores.PostgreSql(_schema, createSchema: false);
        ISmsSuppressionList list = services.GetRequiredService<ISmsSuppressionList>();
        await list.SuppressAsync(Number, "replied STOP");

        Assert.Equal([Number], await list.FindSuppressedAsync([Number]));
        Assert.Equal(files.Length, await PostgresServer.ScalarAsync($"SELECT version FROM \"{_schema}\".kenyasms_schema_version WHERE component = 'suppression_list'"));
    }

    [Fact]
    public void EmbeddedMigrations_AreTheShippedSqlFiles_AndNotTheLedgers()
    {
        string[] files = ShippedSql();

        Assert.Equal(files.Select(f => File.ReadAllText(f)), NpgsqlSuppressionSchema.Migrations.Select(m => m.Sql));
        Assert.Equal(Enumerable.Range(1, files.Length), NpgsqlSuppressionSchema.Migrations.Select(m => m.Version));
        Assert.DoesNotContain(NpgsqlLedgerSchema.Migrations, m => m.Sql.Contains("kenyasms_suppression_list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Table_RefusesANumberTypedByHandInAnotherForm()
    {
        await using (ServiceProvider services = SuppressionStores.PostgreSql(_schema))
        {
            await services.GetRequiredService<ISmsSuppressionList>().FindSuppressedAsync([Number]);
        }

        var error = await Assert.ThrowsAsync<PostgresException>(() => PostgresServer.ExecuteAsync($"INSERT INTO \"{_schema}\".kenyasms_suppression_list VALUES ('0722000001', 'by hand', now())"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task FindSuppressed_IsOneStatementWhateverTheNumberOfRecipients()
    {
        await using ServiceProvider services = SuppressionStores.PostgreSql(_schema);
        ISmsSuppressionList list = services.GetRequiredService<ISmsSuppressionList>();
        await list.SuppressAsync(Number, "replied STOP"); // first use: the migration's statements come and go here

        // Every command Npgsql executes is an activity of its "Npgsql" source, with the SQL as sent to the server. Other
        // tests run meanwhile: only commands naming this test's schema are ours.
        var commands = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                string sql = string.Join(" | ", activity.TagObjects.Where(t => t.Value is string s && s.Contains(_schema, StringComparison.Ordinal)).Select(t => (string)t.Value!));
                if (sql.Length > 0)
                {
                    lock (commands)
                    {
                        commands.Add(sql);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        foreach (int count in new[] { 1, 2, 1000 })
        {
            lock (commands)
            {
                commands.Clear();
            }

            PhoneNumber[] numbers = [Number, .. Enumerable.Range(1, count - 1).Select(i => PhoneNumber.Parse($"+254733{i:D6}"))];

            Assert.Equal([Number], await list.FindSuppressedAsync(numbers));

            // One command, and its text is one statement (Npgsql would split text with a ';' into several).
            string command = Assert.Single(commands);
            Assert.Matches("^SELECT phone_number FROM \"[^\"]+\"\\.kenyasms_suppression_list WHERE phone_number = ANY\\(\\$1\\)$", command);
        }
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Password={0};Port=not-a-port")]
    [InlineData("Host=127.0.0.1;Password={0};Bogus=1")]
    [InlineData("   ")]
    [InlineData("")]
    public void ConnectionString_Unreadable_IsRefusedAtRegistrationNamingTheParameterWithoutEchoingIt(string template)
    {
        const string Secret = "S3cret-pg-0b5e";

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddKenyaSms().AddPostgreSqlSuppressionList(template.Replace("{0}", Secret, StringComparison.Ordinal)));

        Assert.Equal("connectionString", error.ParamName);
        Assert.Contains("suppression list", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_IsNeverInAnExceptionOrALogLine_WhenTheServerIsUnreachable()
    {
        const string Secret = "S3cret-pg-5c21";
        int closedPort = ClosedPort();
        var logs = new FakeLogCollector();

        Exception? error = await Record.ExceptionAsync(async () =>
        {
            await using ServiceProvider services = LedgerStores.Build(b => b.AddPostgreSqlSuppressionList($"Host=127.0.0.1;Port={closedPort};Username=postgres;Password={Secret};Timeout=5"), logs);
            await services.GetRequiredService<ISmsSuppressionList>().FindSuppressedAsync([Number]);
        });

        Assert.NotNull(error);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_SecondSuppressionList_IsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddKenyaSms().AddInMemorySuppressionList().AddPostgreSqlSuppressionList(PostgresServer.ConnectionString));
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddKenyaSms().AddPostgreSqlSuppressionList(PostgresServer.ConnectionString).AddSqliteSuppressionList("Data Source=x.db"));
    }

    [Fact]
    public void Options_InvalidSchema_FailsAtStartUp()
    {
        using ServiceProvider services = LedgerStores.Build(b => b.AddPostgreSqlSuppressionList(PostgresServer.ConnectionString), more: s => s.Configure<PostgreSqlSendLedgerOptions>(o => o.Schema = " "));

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PostgreSqlSendLedgerOptions>>().Value);
        Assert.Contains("Schema", error.Message, StringComparison.Ordinal);
    }

    private static string[] ShippedSql() =>
        [.. Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "src", "KenyaSms.PostgreSql", "Schema", "SuppressionList"), "*.sql").Order(StringComparer.Ordinal)];

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
