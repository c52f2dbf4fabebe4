using KenyaSms.PostgreSql;

namespace KenyaSms.Ledger.Tests;

/// <summary>
/// The exact surface is PublicAPI.*.txt of the packages, checked on every build by PublicApiAnalyzers; this keeps what the
/// analyzer does not check. The surface of KenyaSms.Sqlite and KenyaSms.PostgreSql is api.md 8b's ledger and api.md 9's suppression-list
/// registration methods, plus the PostgreSQL schema options (CreateSchema opt-out, Schema), which both stores honour.
/// The stores themselves are internal.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PostgreSqlSendLedgerOptions_Defaults_CreateTheSchemaInPublic()
    {
        var options = new PostgreSqlSendLedgerOptions();

        Assert.Equal((true, "public"), (options.CreateSchema, options.Schema));
    }
}
