using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Ledger.Tests;

/// <summary>The reference ledger (AddInMemorySendLedger) against the shared rules.</summary>
public sealed class InMemorySendLedgerConformanceTests : SmsSendLedgerConformanceTests
{
    private ServiceProvider? _services;

    protected override Task<ISmsSendLedger> CreateLedgerAsync()
    {
        _services = LedgerStores.Build(b => b.AddInMemorySendLedger());
        return Task.FromResult(_services.GetRequiredService<ISmsSendLedger>());
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
