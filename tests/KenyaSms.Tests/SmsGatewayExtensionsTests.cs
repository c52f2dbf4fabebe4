using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests;

public sealed class SmsGatewayExtensionsTests
{
    [Fact]
    public async Task SendAsync_OneRecipient_SendsOneMessageWithThatRecipientTextAndToken()
    {
        var gateway = new RecordingGateway();
        using var cts = new CancellationTokenSource();

        SmsSendResult result = await gateway.SendAsync("0722 123 456", "Hello", cts.Token);

        Assert.Same(gateway.Result, result);
        SmsMessage message = Assert.Single(gateway.Messages);
        Assert.Equal(["0722 123 456"], message.To);
        Assert.Equal("Hello", message.Text);
        Assert.Null(message.SenderId);
        Assert.Equal(cts.Token, gateway.LastToken);
    }

    // 16.10: one call, one parameter name, whatever is wrong with the text (empty: SmsMessage; too long: the gateway).
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public async Task SendAsync_EmptyOrTooLongText_BothNameText(string? kind)
    {
        var gateway = new KenyaSms.Testing.FakeSmsGateway("synqtel");
        string tooLong = new('a', 7 * 153);

        ArgumentException empty = await Assert.ThrowsAsync<ArgumentException>(() => gateway.SendAsync("0722123456", kind ?? ""));
        ArgumentException longOne = await Assert.ThrowsAsync<ArgumentException>(() => gateway.SendAsync("0722123456", tooLong));
        ArgumentException longToMany = await Assert.ThrowsAsync<ArgumentException>(() => gateway.SendAsync(["0722123456", "0733123456"], tooLong));

        Assert.All(new[] { empty.ParamName, longOne.ParamName, longToMany.ParamName }, name => Assert.Equal("text", name));
        Assert.Contains("segments", longOne.Message, StringComparison.Ordinal);
        Assert.EndsWith("(Parameter 'text')", longOne.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter 'message'", longOne.Message, StringComparison.Ordinal);
        Assert.Empty(gateway.Sent);
    }

    [Fact]
    public async Task SendAsync_ManyRecipients_SendsOneMessageWithAllInOrder()
    {
        var gateway = new RecordingGateway();
        using var cts = new CancellationTokenSource();

        await gateway.SendAsync(["0733123456", "0722123456", "0733123456"], "Hello all", cts.Token);

        SmsMessage message = Assert.Single(gateway.Messages);
        Assert.Equal(["0733123456", "0722123456", "0733123456"], message.To);
        Assert.Equal("Hello all", message.Text);
        Assert.Equal(cts.Token, gateway.LastToken);
    }

    [Fact]
    public async Task SendAsync_NullGateway_ThrowsArgumentNullNamingGateway()
    {
        Assert.Equal("gateway", (await Assert.ThrowsAsync<ArgumentNullException>(() => SmsGatewayExtensions.SendAsync(null!, "0722123456", "hi"))).ParamName);
        Assert.Equal("gateway", (await Assert.ThrowsAsync<ArgumentNullException>(() => SmsGatewayExtensions.SendAsync(null!, ["0722123456"], "hi"))).ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task SendAsync_NullOrBlankText_ThrowsNamingTextWithoutCallingTheGateway(string? text)
    {
        var gateway = new RecordingGateway();

        Assert.Equal("text", (await Assert.ThrowsAnyAsync<ArgumentException>(() => gateway.SendAsync("0722123456", text!))).ParamName);
        Assert.Equal("text", (await Assert.ThrowsAnyAsync<ArgumentException>(() => gateway.SendAsync(["0722123456"], text!))).ParamName);
        Assert.Empty(gateway.Messages);
    }

    [Fact]
    public async Task SendAsync_NoOrNullRecipients_ThrowsNamingToWithoutCallingTheGateway()
    {
        var gateway = new RecordingGateway();

        Assert.Equal("to", (await Assert.ThrowsAsync<ArgumentException>(() => gateway.SendAsync(Array.Empty<string>(), "hi"))).ParamName);
        Assert.Equal("to", (await Assert.ThrowsAsync<ArgumentNullException>(() => gateway.SendAsync((string)null!, "hi"))).ParamName);
        Assert.Equal("to", (await Assert.ThrowsAsync<ArgumentNullException>(() => gateway.SendAsync((IEnumerable<string>)null!, "hi"))).ParamName);
        Assert.Empty(gateway.Messages);
    }

    [Fact]
    public async Task SendAsync_OnARegisteredGateway_ReachesTheProvider()
    {
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendsms", Infrastructure.TestPaths.Fixture("Synqtel/sendsms-success.json"));
        mock.On(HttpMethod.Post, "sendmultiple", Infrastructure.TestPaths.Fixture("Synqtel/sendmultiple-success.json"));
        await using ServiceProvider sp = AdapterHost.Synqtel(mock);
        ISmsGateway gateway = sp.GetRequiredService<ISmsGateway>();

        SmsSendResult one = await gateway.SendAsync("0722310558", "one");
        SmsSendResult many = await gateway.SendAsync(["0722310558", "0705941419"], "many");

        Assert.Equal("8738598", Assert.Single(one.Recipients).MessageId);
        Assert.Equal(2, many.Recipients.Count);
        Assert.Equal(["/sms/sendsms", "/sms/sendmultiple"], mock.Sent.Select(s => s.Uri.AbsolutePath));
    }

    private sealed class RecordingGateway : ISmsGateway
    {
        public List<SmsMessage> Messages { get; } = [];

        public CancellationToken LastToken { get; private set; }

        public SmsSendResult Result { get; } = new("fake", []);

        public string Name => "fake";

        public SmsGatewayCapabilities Capabilities => SmsGatewayCapabilities.None;

        public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
        {
            Messages.Add(message);
            LastToken = cancellationToken;
            return Task.FromResult(Result);
        }

        public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
