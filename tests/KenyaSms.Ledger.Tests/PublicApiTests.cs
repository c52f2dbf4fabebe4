using System.Reflection;
using KenyaSms.PostgreSql;
using KenyaSms.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Ledger.Tests;

/// <summary>
/// The public surface of KenyaSms.Sqlite and KenyaSms.PostgreSql is api.md 8b's ledger and api.md 9's suppression-list
/// registration methods, plus the PostgreSQL schema options (CreateSchema opt-out, Schema), which both stores honour.
/// The stores themselves are internal.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Dictionary<string, (string Kind, string[] Members)> Expected = new()
    {
        ["Microsoft.Extensions.DependencyInjection.KenyaSmsSqliteSendLedgerBuilderExtensions"] = ("static class",
        [
            "static IKenyaSmsBuilder AddSqliteSendLedger(this IKenyaSmsBuilder builder, string connectionString, Action<SmsSendLedgerOptions>? configure = default)",
        ]),
        ["Microsoft.Extensions.DependencyInjection.KenyaSmsPostgreSqlSendLedgerBuilderExtensions"] = ("static class",
        [
            "static IKenyaSmsBuilder AddPostgreSqlSendLedger(this IKenyaSmsBuilder builder, string connectionString, Action<SmsSendLedgerOptions>? configure = default)",
        ]),
        ["Microsoft.Extensions.DependencyInjection.KenyaSmsSqliteSuppressionListBuilderExtensions"] = ("static class",
        [
            "static IKenyaSmsBuilder AddSqliteSuppressionList(this IKenyaSmsBuilder builder, string connectionString)",
        ]),
        ["Microsoft.Extensions.DependencyInjection.KenyaSmsPostgreSqlSuppressionListBuilderExtensions"] = ("static class",
        [
            "static IKenyaSmsBuilder AddPostgreSqlSuppressionList(this IKenyaSmsBuilder builder, string connectionString)",
        ]),
        ["KenyaSms.PostgreSql.PostgreSqlSendLedgerOptions"] = ("sealed class",
        [
            "bool CreateSchema { get; set; }",
            "ctor()",
            "string Schema { get; set; }",
            "string ToString()",
        ]),
    };

    public static TheoryData<string> ContractTypes => [.. Expected.Keys];

    [Fact]
    public void ExportedTypes_AreExactlyTheContract()
    {
        Assembly[] libraries = [typeof(KenyaSmsSqliteSendLedgerBuilderExtensions).Assembly, typeof(PostgreSqlSendLedgerOptions).Assembly];

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), libraries.SelectMany(a => a.GetExportedTypes()).Select(t => t.FullName!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void ContractType_HasExactlyTheContractMembers(string fullName)
    {
        Type type = typeof(KenyaSmsSqliteSendLedgerBuilderExtensions).Assembly.GetType(fullName) ?? typeof(PostgreSqlSendLedgerOptions).Assembly.GetType(fullName, throwOnError: true)!;

        Assert.Equal(Expected[fullName].Kind, PublicApiSurface.Kind(type));
        Assert.Equal(Expected[fullName].Members, PublicApiSurface.Members(type));
    }

    [Fact]
    public void PostgreSqlSendLedgerOptions_Defaults_CreateTheSchemaInPublic()
    {
        var options = new PostgreSqlSendLedgerOptions();

        Assert.Equal((true, "public"), (options.CreateSchema, options.Schema));
    }
}
