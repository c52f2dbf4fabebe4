using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Ledger.Tests.Suppression;

/// <summary>
/// The suppression list as an app uses it: AddKenyaSms against the loopback simulator (Synqtel), a SQLite send ledger
/// and a SQLite suppression list in the same file. The simulator's own ledger says what reached the "provider".
/// </summary>
public sealed class SuppressionEndToEndTests : IAsyncLifetime
{
    private const string OptedOut = "0733000002";
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly string _path = LedgerStores.NewSqlitePath();
    private readonly FakeLogCollector _logs = new();
    private SmsSimulator? _sim;
    private ServiceProvider? _services;

    private SmsSimulator Sim => _sim!;

    private ISmsGateway Gateway => _services!.GetRequiredService<ISmsGateway>();

    private ISmsSuppressionList List => _services!.GetRequiredService<ISmsSuppressionList>();

    public async Task InitializeAsync()
    {
        _sim = await SmsSimulator.StartAsync(new SmsSimulatorOptions { DeliveryReportDelay = TimeSpan.Zero });
        _services = LedgerStores.Build(b => b
            .AddSynqtel(o =>
            {
                o.BaseAddress = Sim.SynqtelBaseAddress;
                o.ApiKey = Sim.SynqtelApiKey;
                o.SenderName = "KENYASMS";
            })
            .AddSqliteSendLedger($"Data Source={_path}")
            .AddSqliteSuppressionList($"Data Source={_path}"), _logs);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }

        LedgerStores.DeleteSqlite(_path);
    }

    [Fact]
    public async Task SuppressedRecipient_IsRejectedOptedOut_NeverReachesTheProvider_AndTheLedgerKeepsItRejected()
    {
        await List.SuppressAsync(PhoneNumber.Parse(OptedOut), "replied STOP 2026-03-02");
        string[] to = ["0722000001", OptedOut, "0110000003", "+254 733 000 002"];
        var message = new SmsMessage(to, "Habari! Your statement is ready.") { IdempotencyKey = "statement-2026-03:1" };

        SmsSendResult first = await Gateway.SendAsync(message).WaitAsync(Guard);

        // One result per input recipient, in input order; the opted-out number (typed twice, two ways) is held back.
        Assert.Equal(["+254722000001", "+254733000002", "+254110000003", "+254733000002"], first.Recipients.Select(r => r.PhoneNumber));
        Assert.Equal([true, false, true, false], first.Recipients.Select(r => r.IsAccepted));
        Assert.All([first.Recipients[1], first.Recipients[3]], r =>
        {
            Assert.Equal((SmsErrorCode.Suppressed, "opted out", false), (r.Status.Error, r.Status.Description, r.Status.MayHaveBeenSent));
        });
        AssertNeverReachedTheSimulator("733000002");
        Assert.Equal(["+254110000003", "+254722000001"], Sim.Ledger.Messages.Select(m => m.Mobile).Order(StringComparer.Ordinal));
        int requests = Sim.Ledger.Requests.Count;

        // The ledger records the held-back pair as Rejected (final): a re-run sends nothing, even once the number is
        // allowed again (a new send needs a new key).
        Assert.Equal(new Dictionary<SmsLedgerState, long> { [SmsLedgerState.Sent] = 2, [SmsLedgerState.Rejected] = 1 },
            await _services!.GetRequiredService<ISmsSendLedger>().SummarizeAsync("statement-2026-03:"));
        await List.UnsuppressAsync(PhoneNumber.Parse(OptedOut));
        SmsSendResult rerun = await Gateway.SendAsync(message).WaitAsync(Guard);

        Assert.Equal([true, false, true, false], rerun.Recipients.Select(r => r.IsAccepted));
        Assert.All(rerun.Recipients, r => Assert.True(r.IsReplay, r.PhoneNumber));
        Assert.Equal(SmsErrorCode.Suppressed, rerun.Recipients[1].Status.Error);
        Assert.Equal(requests, Sim.Ledger.Requests.Count);
        AssertNeverReachedTheSimulator("733000002");
    }

    [Fact]
    public async Task BypassSuppression_SendsToASuppressedNumber()
    {
        await List.SuppressAsync(PhoneNumber.Parse(OptedOut), "replied STOP 2026-03-02");

        SmsSendResult held = await Gateway.SendAsync(new SmsMessage(OptedOut, "Your code is 4411") { IdempotencyKey = "otp:1" }).WaitAsync(Guard);
        SmsSendResult otp = await Gateway.SendAsync(new SmsMessage(OptedOut, "Your code is 4411") { IdempotencyKey = "otp:2", BypassSuppression = true }).WaitAsync(Guard);

        Assert.Equal(SmsErrorCode.Suppressed, Assert.Single(held.Recipients).Status.Error);
        Assert.True(Assert.Single(otp.Recipients).IsAccepted);
        SimulatorMessage sent = Assert.Single(Sim.Ledger.Messages);
        Assert.Equal(("+254733000002", "Your code is 4411"), (sent.Mobile, sent.Text));
        Assert.Equal([PhoneNumber.Parse(OptedOut)], await List.FindSuppressedAsync([PhoneNumber.Parse(OptedOut)])); // still opted out of the rest
    }

    [Fact]
    public async Task EverythingSuppressed_MakesNoRequest_AndLogsNoNumber()
    {
        await List.SuppressAsync(PhoneNumber.Parse(OptedOut), "replied STOP");

        SmsSendResult result = await Gateway.SendAsync(new SmsMessage([OptedOut, "+254733000002"], "Promo")).WaitAsync(Guard);

        Assert.All(result.Recipients, r => Assert.Equal(SmsErrorCode.Suppressed, r.Status.Error));
        Assert.Empty(Sim.Ledger.Requests);
        Assert.DoesNotContain("733000002", _logs.AllText(), StringComparison.Ordinal);
    }

    private void AssertNeverReachedTheSimulator(string digits)
    {
        Assert.DoesNotContain(Sim.Ledger.Requests, r => r.Body.Contains(digits, StringComparison.Ordinal) || r.PathAndQuery.Contains(digits, StringComparison.Ordinal));
        Assert.DoesNotContain(Sim.Ledger.Messages, m => m.Mobile.Contains(digits, StringComparison.Ordinal));
    }
}
