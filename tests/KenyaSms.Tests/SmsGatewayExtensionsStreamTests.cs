using System.Runtime.CompilerServices;
using System.Text.Json;
using KenyaSms.Testing;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests;

/// <summary>SendBatchStreamAsync: window by window through any ISmsGateway, results in input order.</summary>
public sealed class SmsGatewayExtensionsStreamTests
{
    private static readonly string TooLong = new('a', 160 * 7);

    [Fact]
    public async Task SendBatchStreamAsync_FakeGateway_SendsWindowByWindowAndYieldsEveryRecipientInInputOrder()
    {
        var windows = new WindowRecorder(new FakeSmsGateway().RejectNumbers(SmsErrorCode.DoNotDisturb, "0722000007"));
        List<SmsMessage> campaign = Campaign(25);

        List<SmsRecipientResult> streamed = await Collect(windows.SendBatchStreamAsync(campaign, windowSize: 10));

        Assert.Equal([10, 10, 5], windows.Sizes);
        Assert.Equal(Recipients(campaign), streamed.Select(r => r.PhoneNumber));
        Assert.Equal(SmsErrorCode.DoNotDisturb, streamed.Single(r => r.PhoneNumber == "+254722000007").Status.Error);
        Assert.All(streamed.Where(r => r.PhoneNumber == "bogus"), r => Assert.Equal(SmsErrorCode.InvalidPhoneNumber, r.Status.Error));
        Assert.Equal(5, streamed.Count(r => r.PhoneNumber == "bogus"));
    }

    [Fact]
    public async Task SendBatchStreamAsync_SameInputAsSendBatchAsync_GivesTheSameResultsPerRecipient()
    {
        List<SmsMessage> campaign = Campaign(23);
        var fake = new FakeSmsGateway().RejectNumbers(SmsErrorCode.DoNotDisturb, "0722000004");
        var again = new FakeSmsGateway().RejectNumbers(SmsErrorCode.DoNotDisturb, "0722000004");

        SmsSendResult batch = await fake.SendBatchAsync(campaign);
        List<SmsRecipientResult> streamed = await Collect(again.SendBatchStreamAsync(campaign, windowSize: 4));

        Assert.Equal(Describe(batch.Recipients), Describe(streamed));
    }

    [Fact]
    public async Task SendBatchStreamAsync_SynqtelOverLoopback_SameResultsAsSendBatchAsyncAndEveryMessageSentOnce()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = r => Behavior.Respond(200, FakeReplies.SynqtelMultiple(r.BodyText, reverse: true, status: m => m.EndsWith('3') ? "13" : "1"));
        await using ServiceProvider sp = AdapterHost.Synqtel(server, o => o.MaxMessagesPerRequest = 2);
        ISmsGateway gateway = sp.GetRequiredService<ISmsGateway>();
        List<SmsMessage> campaign = Campaign(11);

        SmsSendResult batch = await gateway.SendBatchAsync(campaign);
        int batchRequests = server.ReceivedCount;
        List<SmsRecipientResult> streamed = await Collect(gateway.SendBatchStreamAsync(campaign, windowSize: 3));

        Assert.Equal(Describe(batch.Recipients), Describe(streamed));
        string[] streamedMobiles = [.. server.Requests.Skip(batchRequests).SelectMany(Mobiles)];
        Assert.Equal(streamedMobiles.Order(StringComparer.Ordinal), server.Requests.Take(batchRequests).SelectMany(Mobiles).Order(StringComparer.Ordinal));
        Assert.Equal(streamedMobiles.Length, streamedMobiles.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task SendBatchStreamAsync_BadMessageInThirdWindow_EarlierWindowsSentAndYieldedNothingOfItsWindowSent()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = r => Behavior.Respond(200, FakeReplies.SynqtelMultiple(r.BodyText));
        await using ServiceProvider sp = AdapterHost.Synqtel(server);
        List<SmsMessage> campaign = [.. Enumerable.Range(0, 7).Select(i => new SmsMessage($"07220000{i:D2}", i == 5 ? TooLong : $"Hi {i}"))];
        var yielded = new List<SmsRecipientResult>();

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (SmsRecipientResult r in sp.GetRequiredService<ISmsGateway>().SendBatchStreamAsync(campaign, windowSize: 2))
            {
                yielded.Add(r);
            }
        });

        Assert.Equal("messages", ex.ParamName);
        Assert.Contains("input index 5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("too long", ex.Message, StringComparison.Ordinal);
        Assert.Contains("earlier windows", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["+254722000000", "+254722000001", "+254722000002", "+254722000003"], yielded.Select(r => r.PhoneNumber));
        Assert.Equal(["+254722000000", "+254722000001", "+254722000002", "+254722000003"], server.Requests.SelectMany(Mobiles).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendBatchStreamAsync_NullMessageInSecondWindow_ThrowsNamingItsIndexAfterTheFirstWindow()
    {
        var windows = new WindowRecorder(new FakeSmsGateway());
        SmsMessage[] campaign = [new("0722000001", "a"), new("0722000002", "b"), new("0722000003", "c"), null!];
        var yielded = new List<SmsRecipientResult>();

        ArgumentNullException ex = await Assert.ThrowsAsync<ArgumentNullException>(async () =>
        {
            await foreach (SmsRecipientResult r in windows.SendBatchStreamAsync(campaign, windowSize: 2))
            {
                yielded.Add(r);
            }
        });

        Assert.Equal("messages", ex.ParamName);
        Assert.Contains("input index 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal([2], windows.Sizes);
        Assert.Equal(2, yielded.Count);
    }

    [Fact]
    public async Task SendBatchStreamAsync_CancelledAfterFirstWindow_StopsBeforeTheNextWindow()
    {
        var windows = new WindowRecorder(new FakeSmsGateway());
        using var cts = new CancellationTokenSource();
        var yielded = new List<SmsRecipientResult>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (SmsRecipientResult r in windows.SendBatchStreamAsync(Campaign(9), windowSize: 3, cts.Token))
            {
                yielded.Add(r);
                cts.Cancel();
            }
        });

        Assert.Equal([3], windows.Sizes);
        Assert.Equal(3, yielded.Count);
    }

    [Fact]
    public async Task SendBatchStreamAsync_WithCancellationTokenCancelledWithinAWindow_CancelsTheSendInFlight()
    {
        var gateway = new BlockingGateway();
        using var cts = new CancellationTokenSource();
        IAsyncEnumerator<SmsRecipientResult> e = gateway.SendBatchStreamAsync(Stream(4), windowSize: 2).GetAsyncEnumerator(cts.Token);

        ValueTask<bool> next = e.MoveNextAsync();
        await gateway.Entered.Task;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        Assert.True(gateway.ObservedToken.IsCancellationRequested);
        await e.DisposeAsync();
    }

    [Fact]
    public async Task SendBatchStreamAsync_EmptyInput_YieldsNothingAndSendsNothing()
    {
        var windows = new WindowRecorder(new FakeSmsGateway());

        Assert.Empty(await Collect(windows.SendBatchStreamAsync(Array.Empty<SmsMessage>())));
        Assert.Empty(await Collect(windows.SendBatchStreamAsync(Stream(0))));
        Assert.Empty(windows.Sizes);
    }

    [Fact]
    public void SendBatchStreamAsync_BadArguments_ThrowAtTheCallWithoutReadingTheInput()
    {
        ISmsGateway gateway = new FakeSmsGateway();
        var lazy = new CountingSource(3);

        Assert.Equal("gateway", Assert.Throws<ArgumentNullException>(() => SmsGatewayExtensions.SendBatchStreamAsync(null!, lazy)).ParamName);
        Assert.Equal("gateway", Assert.Throws<ArgumentNullException>(() => SmsGatewayExtensions.SendBatchStreamAsync(null!, lazy.Async())).ParamName);
        Assert.Equal("messages", Assert.Throws<ArgumentNullException>(() => gateway.SendBatchStreamAsync((IEnumerable<SmsMessage>)null!)).ParamName);
        Assert.Equal("messages", Assert.Throws<ArgumentNullException>(() => gateway.SendBatchStreamAsync((IAsyncEnumerable<SmsMessage>)null!)).ParamName);
        foreach (int size in (int[])[0, -1, int.MinValue])
        {
            Assert.Equal("windowSize", Assert.Throws<ArgumentOutOfRangeException>(() => gateway.SendBatchStreamAsync(lazy, size)).ParamName);
            Assert.Equal("windowSize", Assert.Throws<ArgumentOutOfRangeException>(() => gateway.SendBatchStreamAsync(lazy.Async(), size)).ParamName);
        }

        Assert.Equal(0, lazy.Read);
    }

    [Fact]
    public async Task SendBatchStreamAsync_LazySource_ReadsOnlyTheWindowBeforeYieldingItsResults()
    {
        var source = new CountingSource(10);
        var windows = new WindowRecorder(new FakeSmsGateway());
        var readWhenYielded = new List<int>();

        await foreach (SmsRecipientResult r in windows.SendBatchStreamAsync(source.Async(), windowSize: 4))
        {
            readWhenYielded.Add(source.Read);
        }

        Assert.Equal([4, 4, 4, 4, 8, 8, 8, 8, 10, 10], readWhenYielded);
        Assert.Equal([4, 4, 2], windows.Sizes);
    }

    [Fact]
    public async Task SendBatchStreamAsync_HugeWindowSize_SendsEverythingInOneWindow()
    {
        var windows = new WindowRecorder(new FakeSmsGateway());

        List<SmsRecipientResult> results = await Collect(windows.SendBatchStreamAsync(Campaign(5), int.MaxValue));

        Assert.Equal(Recipients(Campaign(5)), results.Select(r => r.PhoneNumber));
        Assert.Equal([5], windows.Sizes);
    }

    // Message i goes to 07220000ii; every fifth also to a duplicate in another form and to an invalid number.
    private static List<SmsMessage> Campaign(int count) => [.. Enumerable.Range(0, count).Select(i => i % 5 == 4
        ? new SmsMessage([$"07220000{i:D2}", "bogus", $"+2547220000{i:D2}"], $"Habari {i}") { ClientReference = $"ref-{i}" }
        : new SmsMessage($"07220000{i:D2}", $"Habari {i}"))];

    private static IEnumerable<string> Recipients(IEnumerable<SmsMessage> messages) =>
        messages.SelectMany(m => m.To).Select(n => PhoneNumber.TryParse(n, out PhoneNumber p) ? p.E164 : n);

    private static IEnumerable<string> Describe(IEnumerable<SmsRecipientResult> results) =>
        results.Select(r => $"{r.PhoneNumber} {r.IsAccepted} {r.Status.Code} {r.Status.Error} {r.Network} {r.Cost} {(r.ClientReference?.StartsWith("ref-", StringComparison.Ordinal) == true ? r.ClientReference : "-")}");

    private static IEnumerable<string> Mobiles(RecordedRequest request)
    {
        using JsonDocument body = JsonDocument.Parse(request.Body);
        return [.. body.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("mobile").GetString()!)];
    }

    private static async Task<List<SmsRecipientResult>> Collect(IAsyncEnumerable<SmsRecipientResult> results)
    {
        var all = new List<SmsRecipientResult>();
        await foreach (SmsRecipientResult r in results)
        {
            all.Add(r);
        }

        return all;
    }

    private static async IAsyncEnumerable<SmsMessage> Stream(int count)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new SmsMessage($"07220000{i:D2}", $"Hi {i}");
        }
    }

    /// <summary>Passes every call to a real gateway and records the size of each batch (window) it was given.</summary>
    private sealed class WindowRecorder(ISmsGateway inner) : ISmsGateway
    {
        public List<int> Sizes { get; } = [];

        public string Name => inner.Name;

        public SmsGatewayCapabilities Capabilities => inner.Capabilities;

        public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) => inner.SendAsync(message, cancellationToken);

        public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
        {
            SmsMessage[] window = [.. messages];
            Task<SmsSendResult> sent = inner.SendBatchAsync(window, cancellationToken);
            Sizes.Add(window.Length);
            return sent;
        }

        public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default) => inner.GetBalanceAsync(cancellationToken);
    }

    /// <summary>A batch send that never finishes until its token is cancelled.</summary>
    private sealed class BlockingGateway : ISmsGateway
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken ObservedToken { get; private set; }

        public string Name => "blocking";

        public SmsGatewayCapabilities Capabilities => SmsGatewayCapabilities.None;

        public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public async Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
        {
            ObservedToken = cancellationToken;
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>A lazy source that counts how many messages were read from it.</summary>
    private sealed class CountingSource(int count) : IEnumerable<SmsMessage>
    {
        public int Read { get; private set; }

        public IEnumerator<SmsMessage> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                Read++;
                yield return new SmsMessage($"07220000{i:D2}", $"Hi {i}");
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public async IAsyncEnumerable<SmsMessage> Async([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (SmsMessage m in this)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                yield return m;
            }
        }
    }
}
