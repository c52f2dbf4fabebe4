using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Ledger.Tests;

/// <summary>The SQLite ledger (AddSqliteSendLedger, a new temporary file per test) against the shared rules.</summary>
public sealed class SqliteSendLedgerConformanceTests : SmsSendLedgerConformanceTests
{
    private readonly string _path = LedgerStores.NewSqlitePath();
    private ServiceProvider? _services;

    protected override Task<ISmsSendLedger> CreateLedgerAsync()
    {
        _services = LedgerStores.Sqlite(_path);
        return Task.FromResult(_services.GetRequiredService<ISmsSendLedger>());
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        LedgerStores.DeleteSqlite(_path);
    }
}
