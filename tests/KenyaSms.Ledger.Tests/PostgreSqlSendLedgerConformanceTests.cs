using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Ledger.Tests;

/// <summary>The PostgreSQL ledger (AddPostgreSqlSendLedger, a new schema per test on KENYASMS_POSTGRES) against the shared rules.</summary>
public sealed class PostgreSqlSendLedgerConformanceTests : SmsSendLedgerConformanceTests
{
    private readonly string _schema = PostgresServer.NewSchemaName();
    private ServiceProvider? _services;

    protected override Task<ISmsSendLedger> CreateLedgerAsync()
    {
        _services = LedgerStores.PostgreSql(_schema);
        return Task.FromResult(_services.GetRequiredService<ISmsSendLedger>());
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            await PostgresServer.DropSchemaAsync(_schema);
        }
    }
}
