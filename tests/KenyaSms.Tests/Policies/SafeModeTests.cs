using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.Resilience;
using KenyaSms.Tests.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static KenyaSms.Tests.DependencyInjection.DependencyInjectionTestHost;
using static KenyaSms.Tests.Policies.PolicyTestHost;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Policies;

// api.md 9 "Safe mode", over real HTTP: what is held back never reaches the loopback provider.
public class SafeModeTests
{
    public static TheoryData<string> Providers => ProviderReplies.Both;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_SafeModeOn_OnlyAllowlistedSentOthersSuppressedInInputOrder(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(provider).WithSafeMode("+254 722 123 456"));

        SmsSendResult result = await host.Gateway.SendAsync(new SmsMessage([OtherNumber, Number, ThirdNumber, "bogus"], MessageText)).WaitAsync(Guard);

        Assert.Equal(["+254711222333", "+254722123456", "+254733444555", "bogus"], result.Recipients.Select(r => r.PhoneNumber));
        Assert.True(result.Recipients[1].IsAccepted);
        foreach (SmsRecipientResult held in new[] { result.Recipients[0], result.Recipients[2] })
        {
            Assert.False(held.IsAccepted);
            Assert.Equal(SmsErrorCode.Suppressed, held.Status.Error);
            Assert.Equal("safe mode: not on the allowlist", held.Status.Description);
            Assert.False(held.Status.MayHaveBeenSent);
        }

        Assert.Equal(SmsErrorCode.InvalidPhoneNumber, result.Recipients[3].Status.Error);
        Assert.Equal(1, host.Server.ReceivedCount);
        Assert.Single(host.Delivered(provider), n => n.EndsWith("722123456", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_NoAllowedRecipient_NoRequest(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(provider).WithSafeMode(ThirdNumber));

        SmsSendResult one = await host.Gateway.SendAsync(Number, MessageText).WaitAsync(Guard);
        SmsSendResult batch = await host.Gateway.SendBatchAsync([new SmsMessage([Number, OtherNumber], "a"), new SmsMessage(OtherNumber, "b")]).WaitAsync(Guard);

        Assert.All(one.Recipients.Concat(batch.Recipients), r => Assert.Equal(SmsErrorCode.Suppressed, r.Status.Error));
        Assert.Equal(3, batch.Recipients.Count);
        Assert.Equal(0, host.Server.ReceivedCount);
    }

    [Fact]
    public async Task SendBatch_FailoverChainAndKeyedGateways_SafeModeAppliesToEvery()
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(ProviderReplies.Synqtel, ProviderReplies.Qserve).WithSafeMode(Number));
        ISmsGateway[] gateways =
        [
            host.Gateway,
            host.GatewayOf(ProviderReplies.Qserve),
            host.Services.GetRequiredService<ISmsGatewayFactory>().Get(ProviderReplies.Synqtel),
        ];

        foreach (ISmsGateway gateway in gateways)
        {
            SmsSendResult result = await gateway.SendBatchAsync([new SmsMessage(OtherNumber, "x"), new SmsMessage([ThirdNumber, Number], "y")]).WaitAsync(Guard);
            Assert.Equal([false, false, true], result.Recipients.Select(r => r.IsAccepted));
        }

        IReadOnlyList<string> delivered = host.Delivered(ProviderReplies.Synqtel, ProviderReplies.Qserve);
        Assert.Equal(3, delivered.Count);
        Assert.All(delivered, n => Assert.EndsWith("722123456", n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_SafeModeOn_CountedInTelemetryAndLoggedMaskedWarnedOnce()
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(ProviderReplies.Qserve).WithSafeMode(Number));
        using MetricCollector<long> suppressed = SdkMetrics.Collect<long>(host.Services, "kenyasms.suppressed");

        await host.Gateway.SendAsync(new SmsMessage([OtherNumber, ThirdNumber, Number], MessageText)).WaitAsync(Guard);
        await host.Gateway.SendAsync(OtherNumber, MessageText).WaitAsync(Guard);

        Assert.Equal(3, suppressed.GetMeasurementSnapshot().ContainsTags(SdkMetrics.Tag("kenyasms.provider", "qserve"), SdkMetrics.Tag("kenyasms.reason", "safe_mode")).EvaluateAsCounter());
        Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 1018 && e.Level == LogLevel.Warning);
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 1019);
        string logs = host.Logs.AllText();
        Assert.DoesNotContain("711222333", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("733444555", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_AllowlistEntryNotAKenyanMobile_FailsNamingTheEntry()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(
            ("SafeMode:Enabled", "true"), ("SafeMode:AllowedNumbers:0", "0722 123 456"), ("SafeMode:AllowedNumbers:1", "020 123")));

        FailureNaming(ex, "KenyaSms:SafeMode:AllowedNumbers:1", "not a Kenyan mobile number");
        Assert.DoesNotContain(ex.Failures, f => f.Contains("AllowedNumbers:0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartUp_SafeModeFromConfiguration_WarnsOnceAndAppliesTheTypedForms()
    {
        var logs = new FakeLogCollector();
        Exception? thrown = await StartHostAsync(s =>
        {
            s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
            s.AddKenyaSms(Config(Settings(("SafeMode:Enabled", "true"), ("SafeMode:AllowedNumbers:0", "254722123456"))).GetSection("KenyaSms"));
        });

        Assert.Null(thrown);
        FakeLogRecord warning = Assert.Single(logs.GetSnapshot(), e => e.Id.Id == 1018);
        Assert.Equal("1", warning.GetStructuredStateValue("Count"));
    }

    [Fact]
    public async Task StartUp_UnknownSafeModeKey_Fails()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(("SafeMode:Enabld", "true")));

        Assert.Contains(ex.Failures, f => f.Contains("KenyaSms:SafeMode:Enabld", StringComparison.Ordinal));
    }
}
