using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.Resilience;
using KenyaSms.Tests.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;
using static KenyaSms.Tests.Policies.PolicyTestHost;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Policies;

// api.md 9 "Opt-outs", over real HTTP: a suppressed recipient never reaches the loopback provider.
public class SuppressionListTests
{
    public static TheoryData<string> Providers => ProviderReplies.Both;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_SuppressedRecipient_RejectedOptedOutOthersSentInInputOrder(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(provider).WithSuppressionList());
        await host.Suppressions().SuppressAsync(PhoneNumber.Parse(OtherNumber), "replied STOP");

        SmsSendResult result = await host.Gateway.SendAsync(new SmsMessage([OtherNumber, Number, "+254711222333"], MessageText)).WaitAsync(Guard);

        Assert.Equal([false, true, false], result.Recipients.Select(r => r.IsAccepted));
        Assert.Equal("opted out", result.Recipients[0].Status.Description);
        Assert.Equal(SmsErrorCode.Suppressed, result.Recipients[2].Status.Error);
        Assert.Single(host.Delivered(provider), n => n.EndsWith("722123456", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_EveryRecipientSuppressed_NoRequest(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(provider).WithSuppressionList());
        await host.Suppressions().SuppressAsync(PhoneNumber.Parse(Number), "replied STOP");

        SmsSendResult result = await host.Gateway.SendBatchAsync([new SmsMessage(Number, "a"), new SmsMessage("+254722123456", "b")]).WaitAsync(Guard);

        Assert.All(result.Recipients, r => Assert.Equal(SmsErrorCode.Suppressed, r.Status.Error));
        Assert.Equal(0, host.Server.ReceivedCount);
    }

    [Fact]
    public async Task Send_BypassSuppression_SentToTheSuppressedNumberSafeModeStillApplies()
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(ProviderReplies.Qserve).WithSuppressionList().WithSafeMode(Number));
        await host.Suppressions().SuppressAsync(PhoneNumber.Parse(Number), "replied STOP");
        await host.Suppressions().SuppressAsync(PhoneNumber.Parse(OtherNumber), "replied STOP");

        SmsSendResult otp = await host.Gateway.SendAsync(new SmsMessage([Number, OtherNumber], "Your code is 1234") { BypassSuppression = true }).WaitAsync(Guard);

        Assert.True(otp.Recipients[0].IsAccepted);
        Assert.Equal("safe mode: not on the allowlist", otp.Recipients[1].Status.Description);
        Assert.Equal(1, host.Server.ReceivedCount);
    }

    [Fact]
    public async Task SendBatch_ManyRecipients_OneQueryPerRequest()
    {
        var counting = new CountingList();
        HostSetup setup = HostSetup.For(ProviderReplies.Qserve);
        setup.Qserve = o => o.MaxRecipientsPerRequest = 3;
        setup.Builder = b => KenyaSms.Policies.SuppressionListRegistration.Add(b, _ => counting);
        await using ResilienceTestHost host = await StartAsync(setup);
        string[] seven = [.. Enumerable.Range(0, 7).Select(i => "07221234" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture))];

        SmsSendResult result = await host.Gateway.SendAsync(new SmsMessage(seven, MessageText)).WaitAsync(Guard);

        Assert.Equal(7, result.AcceptedCount);
        Assert.Equal(3, host.Server.ReceivedCount);
        Assert.Equal([3, 3, 1], counting.QuerySizes.Order().Reverse());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_SuppressionListUnreachable_NothingSentTransientFailure(string provider)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.Builder = b => KenyaSms.Policies.SuppressionListRegistration.Add(b, _ => new CountingList { Fail = true });
        await using ResilienceTestHost host = await StartAsync(setup);

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => host.Gateway.SendAsync(Number, MessageText)).WaitAsync(Guard);

        Assert.False(ex.MayHaveBeenSent);
        Assert.True(ex.IsTransient);
        Assert.Equal(0, host.Server.ReceivedCount);
    }

    // Interplay (api.md 9, 8b): safe mode, the suppression list and the ledger together. Held-back pairs are recorded as
    // Rejected: a later run replays the rejection, and lifting the suppression does not send them.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_SafeModeSuppressionAndLedger_HeldBackRecordedRejectedNeverRetried(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(provider).WithSuppressionList(ledger: true).WithSafeMode(Number, OtherNumber));
        await host.Suppressions().SuppressAsync(PhoneNumber.Parse(OtherNumber), "replied STOP");
        var message = new SmsMessage([ThirdNumber, OtherNumber, Number], MessageText) { IdempotencyKey = "promo-7" };

        SmsSendResult first = await host.Gateway.SendAsync(message).WaitAsync(Guard);
        await host.Suppressions().UnsuppressAsync(PhoneNumber.Parse(OtherNumber));
        SmsSendResult second = await host.Gateway.SendAsync(message).WaitAsync(Guard);

        Assert.Equal(["safe mode: not on the allowlist", "opted out"], first.Recipients.Take(2).Select(r => r.Status.Description));
        Assert.True(first.Recipients[2].IsAccepted);
        Assert.All(second.Recipients, r => Assert.True(r.IsReplay));
        Assert.Equal([SmsErrorCode.Suppressed, SmsErrorCode.Suppressed, SmsErrorCode.None], second.Recipients.Select(r => r.Status.Error));
        Assert.Equal(1, host.Server.ReceivedCount);
        IReadOnlyDictionary<SmsLedgerState, long> states = await host.Services.GetRequiredService<ISmsSendLedger>().SummarizeAsync("promo-7");
        Assert.Equal(2, states[SmsLedgerState.Rejected]);
        Assert.Equal(1, states[SmsLedgerState.Sent]);
    }

    [Fact]
    public async Task Send_SynqtelDndRejectionWithAutoSuppress_NumberAddedNextSendNoRequest()
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(ProviderReplies.Synqtel).WithSuppressionList(autoSuppress: true));
        using MetricCollector<long> suppressed = SdkMetrics.Collect<long>(host.Services, "kenyasms.suppressed");
        host.Server.Enqueue(ProviderReplies.Error(ProviderReplies.Synqtel, "1012"));

        SmsSendResult refused = await host.Gateway.SendAsync(Number, MessageText).WaitAsync(Guard);
        SmsSendResult again = await host.Gateway.SendAsync(Number, MessageText).WaitAsync(Guard);

        Assert.Equal(SmsErrorCode.DoNotDisturb, Assert.Single(refused.Recipients).Status.Error);
        Assert.Equal("opted out", Assert.Single(again.Recipients).Status.Description);
        Assert.Equal(1, host.Server.ReceivedCount);
        Assert.Equal(1, suppressed.GetMeasurementSnapshot().ContainsTags(SdkMetrics.Tag("kenyasms.reason", "opted_out")).EvaluateAsCounter());
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 1021);
        Assert.DoesNotContain("722123456", host.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_DndRejectionWithoutAutoSuppress_NotAdded()
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(ProviderReplies.Synqtel).WithSuppressionList());
        host.Server.Enqueue(ProviderReplies.Error(ProviderReplies.Synqtel, "1012"));

        await host.Gateway.SendAsync(Number, MessageText).WaitAsync(Guard);

        Assert.Empty(await host.Suppressions().FindSuppressedAsync([PhoneNumber.Parse(Number)]));
    }

    [Fact]
    public async Task SuppressAsync_BadInput_ThrowsNamingTheParameterNothingWritten()
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(ProviderReplies.Qserve).WithSuppressionList());
        ISmsSuppressionList list = host.Suppressions();
        PhoneNumber number = PhoneNumber.Parse(Number);

        Assert.Equal("reason", Assert.Throws<ArgumentException>(() => list.SuppressAsync(number, new string('x', 201)).GetAwaiter().GetResult()).ParamName);
        Assert.Equal("reason", Assert.ThrowsAny<ArgumentException>(() => list.SuppressAsync(number, " ").GetAwaiter().GetResult()).ParamName);
        Assert.Equal("number", Assert.Throws<ArgumentException>(() => list.SuppressAsync(default, "x").GetAwaiter().GetResult()).ParamName);
        await list.SuppressAsync(number, new string('x', 200));
        Assert.Single(await list.FindSuppressedAsync([number, PhoneNumber.Parse(OtherNumber)]));
    }

    [Fact]
    public void AddSuppressionList_Twice_Refused()
    {
        IKenyaSmsBuilder builder = new ServiceCollection().AddKenyaSms().AddInMemorySuppressionList();

        Assert.Throws<InvalidOperationException>(() => builder.AddInMemorySuppressionList());
    }

    private sealed class CountingList : ISmsSuppressionList
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<int> _sizes = new();

        public bool Fail { get; init; }

        public IEnumerable<int> QuerySizes => _sizes;

        public Task<IReadOnlyCollection<PhoneNumber>> FindSuppressedAsync(IReadOnlyCollection<PhoneNumber> numbers, CancellationToken cancellationToken = default)
        {
            _sizes.Enqueue(numbers.Count);
            return Fail ? throw new TimeoutException("the store is down") : Task.FromResult<IReadOnlyCollection<PhoneNumber>>([]);
        }

        public Task SuppressAsync(PhoneNumber number, string reason, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task UnsuppressAsync(PhoneNumber number, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
