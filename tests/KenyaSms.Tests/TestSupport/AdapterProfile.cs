using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.TestSupport;

/// <summary>
/// What a test of the rules every adapter shares (api.md section 2 and 4) needs to know about one adapter:
/// how to host it over MockHttp, where its sends and balance go, how to read a send request and answer it.
/// </summary>
internal sealed class AdapterProfile
{
    public static readonly AdapterProfile Qserve = new()
    {
        Name = "qserve",
        ApiKey = AdapterHost.QserveApiKey,
        SendPaths = ["sendsms"],
        BalanceMethod = HttpMethod.Post,
        BalancePath = "credits",
        Mock = AdapterHost.QserveMock,
        Build = (mock, rig) => AdapterHost.Qserve(mock, o =>
        {
            o.MaxRecipientsPerRequest = rig.ChunkSize ?? o.MaxRecipientsPerRequest;
            o.MaxSegments = rig.MaxSegments ?? o.MaxSegments;
        }, rig.Resilience, rig.Logs),
        Recipients = r => [.. FakeReplies.QservePhones(r.Body).Select(p => "+" + p)],
        Sender = r => r.Field("sender_id"),
        Accept = r => FakeReplies.Qserve(r.Body),
        StatusReplyOf = (code, text) => $$"""{"statusCode":"{{code}}","statusMessage":"{{text}}"}""",
        Refusal = ("X001", SmsErrorCode.InvalidCredentials),
    };

    public static readonly AdapterProfile Synqtel = new()
    {
        Name = "synqtel",
        ApiKey = AdapterHost.SynqtelApiKey,
        SendPaths = ["sendsms", "sendmultiple"],
        BalanceMethod = HttpMethod.Get,
        BalancePath = "getbalance",
        Mock = AdapterHost.SynqtelMock,
        Build = (mock, rig) => rig.MaxSegments is null
            ? AdapterHost.Synqtel(mock, o => o.MaxMessagesPerRequest = rig.ChunkSize ?? o.MaxMessagesPerRequest, rig.Resilience, rig.Logs)
            : throw new NotSupportedException("Synqtel's segment limit is fixed."),
        Recipients = r => FakeReplies.SynqtelMobiles(r.Body),
        Sender = r => r.Json.TryGetProperty("shortcode", out _) ? r.Field("shortcode") : r.Field("sender_name"),
        Accept = FakeReplies.Synqtel,
        StatusReplyOf = (code, text) => $$"""[{"status_code":"{{code}}","status_desc":"{{text}}","message_id":"0","credit_balance":""}]""",
        Refusal = ("1004", SmsErrorCode.InsufficientCredits),
    };

    public static TheoryData<string> Names => [Qserve.Name, Synqtel.Name];

    public required string Name { get; init; }

    /// <summary>The API key the adapter is configured with.</summary>
    public required string ApiKey { get; init; }

    /// <summary>Where sends go, relative to the base address (Synqtel: one recipient via sendsms, else sendmultiple).</summary>
    public required string[] SendPaths { get; init; }

    public required HttpMethod BalanceMethod { get; init; }

    public required string BalancePath { get; init; }

    public required Func<MockProvider> Mock { get; init; }

    public required Func<MockProvider, AdapterRig, ServiceProvider> Build { get; init; }

    /// <summary>The numbers a send request carries, as E.164.</summary>
    public required Func<SentRequest, string[]> Recipients { get; init; }

    /// <summary>The sender ID a send request carries.</summary>
    public required Func<SentRequest, string?> Sender { get; init; }

    /// <summary>A success answer to a send request, accepting every recipient.</summary>
    public required Func<SentRequest, string> Accept { get; init; }

    /// <summary>Builds a send answer that carries only a status code and its description.</summary>
    public required Func<string, string, string> StatusReplyOf { get; init; }

    /// <summary>A documented request-level refusal code and what it maps to.</summary>
    public required (string Code, SmsErrorCode Error) Refusal { get; init; }

    /// <summary>A send answer that carries only <paramref name="code"/> and <paramref name="description"/>.</summary>
    public string StatusReply(string code, string description = "Something") => StatusReplyOf(code, description);

    public static AdapterProfile Get(string name) => name == Qserve.Name ? Qserve : name == Synqtel.Name ? Synqtel : throw new ArgumentOutOfRangeException(nameof(name));

    /// <summary>Starts the adapter over a fresh MockHttp provider.</summary>
    public AdapterRig Start(int? chunkSize = null, int? maxSegments = null, Action<SmsResilienceOptions>? resilience = null, FakeLogCollector? logs = null) =>
        new(this, chunkSize, maxSegments, resilience, logs);
}

/// <summary>One adapter registered in DI over a MockHttp provider, for the shared-rule tests.</summary>
internal sealed class AdapterRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public AdapterRig(AdapterProfile profile, int? chunkSize, int? maxSegments, Action<SmsResilienceOptions>? resilience, FakeLogCollector? logs)
    {
        Profile = profile;
        ChunkSize = chunkSize;
        MaxSegments = maxSegments;
        Resilience = resilience;
        Logs = logs;
        Mock = profile.Mock();
        _services = profile.Build(Mock, this);
    }

    public AdapterProfile Profile { get; }

    public int? ChunkSize { get; }

    public int? MaxSegments { get; }

    public Action<SmsResilienceOptions>? Resilience { get; }

    public FakeLogCollector? Logs { get; }

    public MockProvider Mock { get; }

    /// <summary>The gateway as an application resolves it: the default <see cref="ISmsGateway"/>.</summary>
    public ISmsGateway Gateway => _services.GetRequiredService<ISmsGateway>();

    public IReadOnlyList<SentRequest> Sent => Mock.Sent;

    /// <summary>Answers every send endpoint with <paramref name="answer"/>.</summary>
    public void AnswerSends(Func<SentRequest, (int Status, string Body)> answer)
    {
        foreach (string path in Profile.SendPaths)
        {
            Mock.On(HttpMethod.Post, path, answer);
        }
    }

    /// <summary>Answers every send endpoint with a success for every recipient.</summary>
    public void AcceptSends() => AnswerSends(r => (200, Profile.Accept(r)));

    public void AnswerBalance(string body, int status = 200) => Mock.On(Profile.BalanceMethod, Profile.BalancePath, body, status);

    /// <summary>
    /// Sends <paramref name="text"/> to one number: when <paramref name="ok"/>, it must reach the provider
    /// unchanged; otherwise an ArgumentException naming the message, the limit and <paramref name="actual"/>, before any request.
    /// </summary>
    public async Task AssertLengthLimitAsync(string text, bool ok, int limit, string actual)
    {
        AcceptSends();
        if (ok)
        {
            // The number Synqtel's sendsms example reply (a verbatim fixture) names: a reply naming another number does not
            // speak for the recipient.
            Assert.True((await Gateway.SendAsync("0722310558", text)).IsSuccess);
            Assert.Equal(text, Assert.Single(Sent).Field("message")); // both providers' one-recipient bodies say "message"
            return;
        }

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => Gateway.SendAsync("0722000001", text));
        Assert.Equal("text", ex.ParamName); // SendAsync(to, text): the text, as for an empty one (16.10)
        Assert.Contains($"the limit is {limit} segments", ex.Message, StringComparison.Ordinal);
        Assert.Contains(actual, ex.Message, StringComparison.Ordinal);
        Assert.Empty(Sent);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
