using KenyaSms.Testing;
using KenyaSms.Tests.Resilience;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Policies;

// api.md 9 "Estimate": offline, the send's validation, invalid numbers counted, duplicates counted once, segments per
// message, one credit per segment per recipient. Each gateway is a real one pointed at a loopback server, so "offline"
// is proven by the server having received nothing.
public class EstimateTests
{
    public static TheoryData<string> Providers => ProviderReplies.Both;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Estimate_MixedBatch_CountsDistinctValidRecipientsSegmentsAndInvalidNoRequest(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(provider));
        SmsMessage[] batch =
        [
            // 0722123456 twice (two forms) and one invalid number: 2 distinct valid, 1 invalid; 161 'a' is 2 segments.
            new([Number, "+254722123456", OtherNumber, "12345"], new string('a', 161)),
            // 71 'Ж' is 2 UCS-2 segments; one recipient.
            new(Number, new string('Ж', 71)),
            // One segment, an invalid recipient only: no SMS, one invalid.
            new("0800", "Habari"),
            // 152 'a' + '[' + 152 'a' is 3 segments though the formula says 2.
            new([OtherNumber, "0733123456"], new string('a', 152) + "[" + new string('a', 152)),
        ];

        SmsSendEstimate estimate = host.Gateway.Estimate(batch);

        Assert.Equal(new SmsSendEstimate(provider, Messages: 4, Recipients: 5, InvalidRecipients: 2, Segments: (2 * 2) + (2 * 1) + 0 + (3 * 2), Credits: 12m), estimate);
        Assert.Equal(0, host.Server.ReceivedCount);
    }

    [Fact]
    public async Task Estimate_SameNumberInTwoMessages_CountedForEachMessage()
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(ProviderReplies.Qserve));

        SmsSendEstimate estimate = host.Gateway.Estimate([new SmsMessage(Number, "one"), new SmsMessage("+254722123456", "two")]);

        Assert.Equal(2, estimate.Recipients);
        Assert.Equal(2, estimate.Segments);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Estimate_TextTooLongForProvider_ThrowsNamingTheMessageLikeTheSend(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(provider));
        SmsMessage[] batch = [new(Number, "ok"), new(Number, new string('a', 153 * 7))];

        ArgumentException estimate = Assert.Throws<ArgumentException>(() => host.Gateway.Estimate(batch));
        ArgumentException send = await Assert.ThrowsAsync<ArgumentException>(() => host.Gateway.SendBatchAsync(batch));

        Assert.Equal("messages[1]", estimate.ParamName);
        Assert.Equal(send.Message, estimate.Message);
        Assert.Equal(0, host.Server.ReceivedCount);
    }

    [Fact]
    public async Task Estimate_QserveMaxSegmentsConfigured_IsTheLimitApplied()
    {
        HostSetup setup = HostSetup.For(ProviderReplies.Qserve);
        setup.Qserve = o => o.MaxSegments = 1;
        await using ResilienceTestHost host = await StartAsync(setup);

        ArgumentException ex = Assert.Throws<ArgumentException>(() => host.Gateway.Estimate([new SmsMessage(Number, new string('a', 161))]));

        Assert.Contains("the limit is 1 segments", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Server.ReceivedCount);
    }

    [Fact]
    public async Task Estimate_FailoverChain_RefusesWhatAnyProviderWouldAndNamesTheChain()
    {
        HostSetup setup = HostSetup.For(ProviderReplies.Synqtel, ProviderReplies.Qserve);
        setup.Qserve = o => o.MaxSegments = 2;
        await using ResilienceTestHost host = await StartAsync(setup);

        SmsSendEstimate fits = host.Gateway.Estimate([new SmsMessage(Number, new string('a', 300))]);
        ArgumentException ex = Assert.Throws<ArgumentException>(() => host.Gateway.Estimate([new SmsMessage(Number, new string('a', 307))]));

        Assert.Equal("failover(synqtel,qserve)", fits.Provider);
        Assert.Equal(2, fits.Segments);
        Assert.Equal("messages[0]", ex.ParamName);
        Assert.Contains("qserve", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.ServerOf(ProviderReplies.Synqtel).ReceivedCount + host.ServerOf(ProviderReplies.Qserve).ReceivedCount);
    }

    [Fact]
    public void Estimate_BadIdempotencyKeyOrSender_ThrowsAsTheSendWould()
    {
        var fake = new FakeSmsGateway();

        ArgumentException key = Assert.Throws<ArgumentException>(() => fake.Estimate([new SmsMessage(Number, "hi") { IdempotencyKey = " " }]));
        ArgumentException sender = Assert.Throws<ArgumentException>(() => fake.Estimate([new SmsMessage(Number, "hi"), new SmsMessage(Number, "hi") { SenderId = "WAY-TOO-LONG-SENDER" }]));

        Assert.Equal("messages[0]", key.ParamName);
        Assert.Equal("messages[1]", sender.ParamName);
        Assert.Empty(fake.Messages);
    }

    [Fact]
    public void Estimate_NullOrEmptyInput_ThrowsNamingTheParameter()
    {
        var fake = new FakeSmsGateway();

        Assert.Equal("gateway", Assert.Throws<ArgumentNullException>(() => SmsGatewayExtensions.Estimate(null!, [])).ParamName);
        Assert.Equal("messages", Assert.Throws<ArgumentNullException>(() => fake.Estimate(null!)).ParamName);
        Assert.Equal("messages", Assert.Throws<ArgumentException>(() => fake.Estimate([])).ParamName);
        Assert.Equal("messages[1]", Assert.Throws<ArgumentNullException>(() => fake.Estimate([new SmsMessage(Number, "hi"), null!])).ParamName);
    }

    [Fact]
    public void Estimate_FakeGateway_UsesItsMaxSegmentsAndMatchesWhatItWouldCharge()
    {
        var fake = new FakeSmsGateway { MaxSegments = 2 };
        SmsMessage[] batch = [new([Number, Number, "bogus"], new string('a', 200))];

        SmsSendEstimate estimate = fake.Estimate(batch);

        Assert.Equal(new SmsSendEstimate("fake", 1, 1, 1, 2, 2m), estimate);
        Assert.Throws<ArgumentException>(() => fake.Estimate([new SmsMessage(Number, new string('a', 307))]));
        Assert.Empty(fake.Messages);
    }

    [Fact]
    public void Estimate_CustomGateway_CheckedWithTheSharedRulesNoSegmentLimit()
    {
        var custom = new CustomGateway();

        SmsSendEstimate estimate = custom.Estimate([new SmsMessage(Number, new string('a', 153 * 10))]);
        ArgumentException surrogate = Assert.Throws<ArgumentException>(() => custom.Estimate([new SmsMessage(Number, "half \uD83D emoji")]));

        Assert.Equal(10, estimate.Segments);
        Assert.Equal("messages[0]", surrogate.ParamName);
        Assert.Equal(0, custom.Calls);
    }

    [Fact]
    public void Estimate_EnumeratesTheInputOnce()
    {
        var fake = new FakeSmsGateway();
        int reads = 0;
        IEnumerable<SmsMessage> Once()
        {
            reads++;
            yield return new SmsMessage(Number, "hi");
        }

        Assert.Equal(1, fake.Estimate(Once()).Recipients);
        Assert.Equal(1, reads);
    }

    // A gateway that is not the SDK's: counts any call, answers none.
    private sealed class CustomGateway : ISmsGateway
    {
        public int Calls { get; private set; }

        public string Name => "custom";

        public SmsGatewayCapabilities Capabilities => SmsGatewayCapabilities.Bulk;

        public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) => throw Called();

        public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default) => throw Called();

        public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default) => throw Called();

        private InvalidOperationException Called()
        {
            Calls++;
            return new InvalidOperationException("an estimate must not call the gateway");
        }
    }
}
