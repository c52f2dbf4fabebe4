using KenyaSms.Ledger.Tests;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace KenyaSms.Cli.Tests.Commands;

/// <summary><c>kenyasms suppress</c> on a SQLite file: the store an application registers with AddSqliteSuppressionList.</summary>
public sealed class SuppressCommandTests
{
    private const string Db = "optouts.db";
    private const string Table = "kenyasms_suppression_list";

    [Fact]
    public async Task Add_ThenCheck_SaysSuppressedWithTheReason_ExitZero()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun add = await host.RunAsync("suppress", "add", "0722 123 456", "--reason", "replied STOP 2026-03-02", "--sqlite", Db);
        CliRun check = await host.RunAsync("suppress", "check", "+254722123456", "--sqlite", Db);

        Assert.Equal((0, string.Empty), (add.ExitCode, add.Error));
        Assert.Contains("Number      +254722123456", add.Out, StringComparison.Ordinal);
        Assert.Contains("Suppressed  yes (replied STOP 2026-03-02)", add.Out, StringComparison.Ordinal);
        Assert.Contains("Store       SQLite " + Path.Combine(host.Folder, Db), add.Out, StringComparison.Ordinal);
        Assert.Equal((0, string.Empty), (check.ExitCode, check.Error));
        Assert.Contains("Suppressed  yes", check.Out, StringComparison.Ordinal);
        Assert.Contains("Reason      replied STOP 2026-03-02", check.Out, StringComparison.Ordinal);
        Assert.Matches(@"Since       \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", check.Out);
        Assert.Equal("replied STOP 2026-03-02", Scalar(host, $"SELECT reason FROM {Table} WHERE phone_number = '+254722123456'"));
    }

    [Fact]
    public async Task Add_Again_ReplacesTheReasonAndSaysWhatItReplaced()
    {
        await using CliTestHost host = CliTestHost.Offline();
        await host.RunAsync("suppress", "add", "0722123456", "--reason", "replied STOP", "--sqlite", Db);

        CliRun again = await host.RunAsync("suppress", "add", "0722123456", "-r", "asked the call centre", "--sqlite", Db);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Suppressed  yes (asked the call centre; replaces: replied STOP)", again.Out, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar(host, $"SELECT count(*) FROM {Table}"));
    }

    [Fact]
    public async Task Check_NumberNotOnTheList_ExitsOne()
    {
        await using CliTestHost host = CliTestHost.Offline();
        await host.RunAsync("suppress", "add", "0722123456", "--reason", "replied STOP", "--sqlite", Db);

        CliRun check = await host.RunAsync("suppress", "check", "0733000000", "--sqlite", Db);

        Assert.Equal((1, string.Empty), (check.ExitCode, check.Error));
        Assert.Contains("Number      +254733000000", check.Out, StringComparison.Ordinal);
        Assert.Contains("Suppressed  no", check.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Reason", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_TakesTheNumberOff_AndAnUnknownNumberIsNotAnError()
    {
        await using CliTestHost host = CliTestHost.Offline();
        await host.RunAsync("suppress", "add", "0722123456", "--reason", "replied STOP", "--sqlite", Db);

        CliRun remove = await host.RunAsync("suppress", "remove", "254722123456", "--sqlite", Db);
        CliRun again = await host.RunAsync("suppress", "remove", "254722123456", "--sqlite", Db);
        CliRun check = await host.RunAsync("suppress", "check", "0722123456", "--sqlite", Db);

        Assert.Equal((0, 0, 1), (remove.ExitCode, again.ExitCode, check.ExitCode));
        Assert.Contains("Suppressed  no (removed; the reason was: replied STOP)", remove.Out, StringComparison.Ordinal);
        Assert.Contains("Suppressed  no (it was not on the list)", again.Out, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar(host, $"SELECT count(*) FROM {Table}"));
    }

    [Theory]
    [InlineData("add", "0020 123 4567", "--reason", "x")]
    [InlineData("check", "12345")]
    [InlineData("remove", "0722 12")]
    public async Task InvalidNumber_ExitsTwoQuotingIt_AndTouchesNoFile(params string[] args)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync(["suppress", .. args, "--sqlite", Db]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"'{args[1]}'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.Folder, Db)));
    }

    [Theory]
    [InlineData("", "--reason is empty")]
    [InlineData("   ", "--reason is empty")]
    [InlineData("201", "--reason is 201 characters long; at most 200 are kept.")]
    public async Task Add_BadReason_ExitsTwoSayingWhy_AndWritesNothing(string reason, string message)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("suppress", "add", "0722123456", "--reason", reason == "201" ? new string('x', 201) : reason, "--sqlite", Db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.Folder, Db)));
    }

    [Theory]
    [InlineData("add", "0722123456", "--sqlite", Db)] // no --reason
    [InlineData("add", "0722123456", "--reason", "x")] // no store
    [InlineData("check", "0722123456")]
    [InlineData("check", "0722123456", "--sqlite", Db, "--postgres", "Host=127.0.0.1")]
    [InlineData("check", "0722123456", "--sqlite", Db, "--postgres-schema", "sms")]
    [InlineData("import")]
    [InlineData("frobnicate", "0722123456")]
    public async Task BadUsage_ExitsTwoPointingAtHelp(params string[] args)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync(["suppress", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help' for the options.", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task NoStore_SaysExactlyOneIsNeeded()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("suppress", "check", "0722123456");

        Assert.Contains("either --sqlite <file> or --postgres <connection string> (exactly one)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("remove")]
    public async Task CheckOrRemove_SqliteFileMissing_ExitsFiveAndCreatesNothing(string command)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("suppress", command, "0722123456", "--sqlite", "typo.db");

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("typo.db' does not exist", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.Folder, "typo.db")));
    }

    [Fact]
    public async Task Add_SqliteFolderMissing_ExitsFive()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("suppress", "add", "0722123456", "--reason", "x", "--sqlite", "no-such-folder/optouts.db");

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_FileThatIsNotADatabase_ExitsSixSayingTheDatabaseFailed()
    {
        await using CliTestHost host = CliTestHost.Offline();
        host.WriteFile(Db, "this is not a SQLite file, just text long enough to fill a header page ............................................");

        CliRun run = await host.RunAsync("suppress", "check", "0722123456", "--sqlite", Db);

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("database failed", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Check_FileFromANewerPackage_ExitsSixSayingUpgrade()
    {
        await using CliTestHost host = CliTestHost.Offline();
        Execute(host, "CREATE TABLE kenyasms_schema_version (component TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO kenyasms_schema_version VALUES ('suppression_list', 99);");

        CliRun run = await host.RunAsync("suppress", "check", "0722123456", "--sqlite", Db);

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("upgrade", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_PhoneAndReasonColumns_SuppressesEveryRow_AnEmptyReasonGetsTheDefault()
    {
        await using CliTestHost host = CliTestHost.Offline();
        host.WriteFile("stop.csv", "name,MSISDN,Reason\nAmina,0722000001,replied STOP\nBaraka,+254 733 000 002,\nChebet,254110000003,\"asked, by phone\"\nAmina again,0722000001,replied STOP twice\n");

        CliRun run = await host.RunAsync("suppress", "import", "stop.csv", "--sqlite", Db);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
        Assert.Contains("(numbers from column 'MSISDN')", run.Out, StringComparison.Ordinal);
        Assert.Contains("Rows        4", run.Out, StringComparison.Ordinal);
        Assert.Contains("Suppressed  3 numbers (a number given twice keeps its last reason), in one transaction", run.Out, StringComparison.Ordinal);
        Assert.Equal(
            ["+254110000003|asked, by phone", "+254722000001|replied STOP twice", "+254733000002|imported from stop.csv"],
            Rows(host));
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("Number")]
    [InlineData("MSISDN")]
    public async Task Import_AnyAcceptedPhoneColumnName_AndReasonOptionForRowsWithout(string column)
    {
        await using CliTestHost host = CliTestHost.Offline();
        host.WriteFile("stop.csv", $"{column}\n0722000001\n0733000002\n");

        CliRun run = await host.RunAsync("suppress", "import", "stop.csv", "--reason", "STOP campaign 2026-03", "--sqlite", Db);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["+254722000001|STOP campaign 2026-03", "+254733000002|STOP campaign 2026-03"], Rows(host));
    }

    [Fact]
    public async Task Import_InvalidRows_ExitsTwoNamingEachRowAndValue_AndWritesNothing()
    {
        await using CliTestHost host = CliTestHost.Offline();
        await host.RunAsync("suppress", "add", "0799000000", "--reason", "already there", "--sqlite", Db);
        host.WriteFile("stop.csv", "phone,reason\n0722000001,ok\n12345,ok\n0733000002,ok\n0722 12,ok\n0110000003," + new string('x', 201) + "\n0711000004,\"bad\"quote\"\n");

        CliRun run = await host.RunAsync("suppress", "import", "stop.csv", "--sqlite", Db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("4 of 6 rows", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", run.Error, StringComparison.Ordinal);
        Assert.Contains("row 2 (line 3): '12345' is not a Kenyan mobile number: wrong number of digits", run.Error, StringComparison.Ordinal);
        Assert.Contains("row 4 (line 5): '0722 12' is not a Kenyan mobile number", run.Error, StringComparison.Ordinal);
        Assert.Contains("row 5 (line 6): the reason of '0110000003' is 201 characters long", run.Error, StringComparison.Ordinal);
        Assert.Contains("row 6 (line 7)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("row 1 ", run.Error, StringComparison.Ordinal);
        Assert.Equal(["+254799000000|already there"], Rows(host));
    }

    [Fact]
    public async Task Import_ManyInvalidRows_ListsTwentyAndCountsTheRest()
    {
        await using CliTestHost host = CliTestHost.Offline();
        host.WriteFile("stop.csv", "phone\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"bad{i}\n")));

        CliRun run = await host.RunAsync("suppress", "import", "stop.csv", "--sqlite", Db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'bad19'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("'bad20'", run.Error, StringComparison.Ordinal);
        Assert.Contains("... and 5 more", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NoPhoneColumn_ExitsTwoNamingTheColumnsFound()
    {
        await using CliTestHost host = CliTestHost.Offline();
        host.WriteFile("stop.csv", "name,mobile,reason\nAmina,0722000001,STOP\n");

        CliRun run = await host.RunAsync("suppress", "import", "stop.csv", "--sqlite", Db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no phone column: name it phone, msisdn, number (any case). Its columns: 'name', 'mobile', 'reason'.", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.Folder, Db)));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("phone\n", "has a header but no rows")]
    public async Task Import_EmptyFile_ExitsTwo(string content, string message)
    {
        await using CliTestHost host = CliTestHost.Offline();
        host.WriteFile("stop.csv", content);

        CliRun run = await host.RunAsync("suppress", "import", "stop.csv", "--sqlite", Db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingCsv_ExitsFive()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("suppress", "import", "nope.csv", "--sqlite", Db);

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("nope.csv' does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ManyRows_IsOneTransaction_ADatabaseFailureHalfWayWritesNothingAndExitsSix()
    {
        await using CliTestHost host = CliTestHost.Offline();
        await host.RunAsync("suppress", "add", "0799000000", "--reason", "already there", "--sqlite", Db);
        // A failure the CSV check cannot see: the database refuses row 3,000 of 5,000.
        Execute(host, $"CREATE TRIGGER refuse BEFORE INSERT ON {Table} WHEN NEW.phone_number = '+254722003000' BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END;");
        host.WriteFile("stop.csv", "phone\n" + string.Concat(Enumerable.Range(1, 5000).Select(i => $"0722{i:D6}\n")));

        CliRun failed = await host.RunAsync("suppress", "import", "stop.csv", "--sqlite", Db);

        Assert.Equal(6, failed.ExitCode);
        Assert.Contains("refused by a trigger", failed.Error, StringComparison.Ordinal);
        Assert.Equal(["+254799000000|already there"], Rows(host));

        Execute(host, "DROP TRIGGER refuse");
        CliRun imported = await host.RunAsync("suppress", "import", "stop.csv", "--sqlite", Db);

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("Suppressed  5000 numbers, in one transaction", imported.Out, StringComparison.Ordinal);
        Assert.Equal(5001L, Scalar(host, $"SELECT count(*) FROM {Table}"));
    }

    [Fact]
    public async Task Help_OfSuppress_ListsItsCommands_AndTheRootHelpListsItAndTheDatabaseExitCode()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun root = await host.RunAsync("--help");
        CliRun suppress = await host.RunAsync("suppress", "--help");
        CliRun import = await host.RunAsync("suppress", "import", "--help");

        Assert.Contains("  suppress", root.Out, StringComparison.Ordinal);
        Assert.Contains("6 database error", root.Out, StringComparison.Ordinal);
        foreach (string command in new[] { "add", "remove", "check", "import" })
        {
            Assert.Contains("  " + command, suppress.Out, StringComparison.Ordinal);
        }

        foreach (string option in new[] { "--sqlite", "--postgres", "--postgres-schema", "--reason" })
        {
            Assert.Contains(option, import.Out, StringComparison.Ordinal);
        }
    }

    internal static object? Scalar(CliTestHost host, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.Folder, Db)};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(CliTestHost host, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.Folder, Db)};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string[] Rows(CliTestHost host)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.Folder, Db)};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT phone_number, reason FROM {Table} ORDER BY phone_number";
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0) + "|" + reader.GetString(1));
        }

        return [.. rows];
    }
}

/// <summary><c>kenyasms suppress --postgres</c> on KENYASMS_POSTGRES (never skipped: without it these fail saying how to get one).</summary>
public sealed class SuppressCommandPostgreSqlTests : IAsyncLifetime
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgresServer.DropSchemaAsync(_schema);

    [Fact]
    public async Task AddCheckImportRemove_InTheGivenSchema()
    {
        await using CliTestHost host = CliTestHost.Offline();
        string[] store = ["--postgres", PostgresServer.ConnectionString, "--postgres-schema", _schema];
        host.WriteFile("stop.csv", "Phone,Reason\n0733000002,replied STOP\n0110000003,\n");

        CliRun add = await host.RunAsync(["suppress", "add", "0722000001", "--reason", "replied STOP", .. store]);
        CliRun import = await host.RunAsync(["suppress", "import", "stop.csv", .. store]);
        CliRun check = await host.RunAsync(["suppress", "check", "0110000003", .. store]);
        CliRun remove = await host.RunAsync(["suppress", "remove", "0722000001", .. store]);
        CliRun after = await host.RunAsync(["suppress", "check", "0722000001", .. store]);

        Assert.Equal((0, 0, 0, 0, 1), (add.ExitCode, import.ExitCode, check.ExitCode, remove.ExitCode, after.ExitCode));
        Assert.Contains($"Store       PostgreSQL, schema {_schema}", add.Out, StringComparison.Ordinal);
        Assert.Contains("Reason      imported from stop.csv", check.Out, StringComparison.Ordinal);
        Assert.Equal(2L, await PostgresServer.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".kenyasms_suppression_list"));
        Assert.DoesNotContain("Host=", string.Concat(add.All, import.All, check.All, remove.All, after.All), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_InvalidRow_WritesNothing()
    {
        await using CliTestHost host = CliTestHost.Offline();
        string[] store = ["--postgres", PostgresServer.ConnectionString, "--postgres-schema", _schema];
        await host.RunAsync(["suppress", "add", "0799000000", "--reason", "already there", .. store]);
        host.WriteFile("stop.csv", "msisdn\n0722000001\nnot-a-number\n");

        CliRun run = await host.RunAsync(["suppress", "import", "stop.csv", .. store]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("row 2 (line 3): 'not-a-number' is not a Kenyan mobile number", run.Error, StringComparison.Ordinal);
        Assert.Equal(1L, await PostgresServer.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".kenyasms_suppression_list"));
    }

    [Fact]
    public async Task Import_ADatabaseFailureHalfWay_WritesNothingAndExitsSix()
    {
        await using CliTestHost host = CliTestHost.Offline();
        string[] store = ["--postgres", PostgresServer.ConnectionString, "--postgres-schema", _schema];
        await host.RunAsync(["suppress", "add", "0799000000", "--reason", "already there", .. store]);
        await PostgresServer.ExecuteAsync($"""
            CREATE FUNCTION "{_schema}".refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                IF NEW.phone_number = '+254722003000' THEN RAISE EXCEPTION 'refused by a trigger'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse BEFORE INSERT ON "{_schema}".kenyasms_suppression_list FOR EACH ROW EXECUTE FUNCTION "{_schema}".refuse();
            """);
        host.WriteFile("stop.csv", "phone\n" + string.Concat(Enumerable.Range(1, 5000).Select(i => $"0722{i:D6}\n")));

        CliRun run = await host.RunAsync(["suppress", "import", "stop.csv", .. store]);

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("refused by a trigger", run.Error, StringComparison.Ordinal);
        Assert.Equal(1L, await PostgresServer.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".kenyasms_suppression_list"));
    }

    [Fact]
    public async Task ServerUnreachable_ExitsSix_AndNeverPrintsThePassword()
    {
        const string Secret = "S3cret-cli-77aa";
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("suppress", "check", "0722000001", "--postgres", $"Host=127.0.0.1;Port={ClosedPort.Create().Port};Username=postgres;Password={Secret};Timeout=3");

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("database failed", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Password={0};Bogus=1")]
    [InlineData("Host=127.0.0.1;Password={0};Port=not-a-port")]
    public async Task ConnectionString_Unreadable_ExitsTwo_AndNeverPrintsIt(string template)
    {
        const string Secret = "S3cret-cli-0b5e";
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("suppress", "check", "0722000001", "--postgres", template.Replace("{0}", Secret, StringComparison.Ordinal), "--verbose");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("connection string could not be read", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("a-schema-name-that-is-far-too-long-for-postgresql-to-keep-whole-x")]
    public async Task Schema_NotAName_ExitsTwo(string schema)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("suppress", "check", "0722000001", "--postgres", PostgresServer.ConnectionString, "--postgres-schema", schema);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--postgres-schema must be", run.Error, StringComparison.Ordinal);
    }
}
