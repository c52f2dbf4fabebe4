using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KenyaSms.Http;
using KenyaSms.Sending;
using KenyaSms.Synqtel.Wire;

namespace KenyaSms.Synqtel;

/// <summary>
/// Synqtel on the wire: the key in the <c>h_api_key</c> header; one recipient without a client reference through
/// <c>sendsms</c>, anything else through <c>sendmultiple</c> (personalised entries, one sender name a request, each entry
/// carrying a <c>client_ref</c>: the caller's, or a generated unique one, so replies match exactly); <c>getbalance</c>
/// (a GET with a JSON body, as the reference does); 2xx bodies that may say "try later" (1005/1007/1008).
/// </summary>
internal sealed class SynqtelProtocol : SmsProtocol<SynqtelOptions>
{
    private static readonly byte[] BalanceRequestBody = """{"response_type":"json"}"""u8.ToArray();

    private readonly long _clientRefBase = SharedRandom.NextInt64(1_000_000_000_000_000, 8_000_000_000_000_000);
    private long _clientRefCounter;

    public override string Provider => SynqtelSmsGateway.ProviderName;

    public override string HttpClientName => SynqtelSmsGateway.HttpClientName;

    public override bool OneMessagePerRequest => false;

    // Asked of every operation, reads included. An unreadable body throws here; the pipeline treats that as "not try
    // later" for every provider, so the adapter reports InvalidResponse (for a send, "may have been sent"). The body comes
    // parsed (once, kept for the adapter's own read of it).
    public override Func<JsonElement, bool>? IsTransientReply { get; } = static root => StatusOf(SynqtelResponseReader.Balance(root))?.IsTransient == true;

    public override string? Secret(SynqtelOptions options) => options.ApiKey;

    public override void Authenticate(HttpRequestHeaders headers, SynqtelOptions options) => headers.TryAddWithoutValidation("h_api_key", options.ApiKey);

    public override string DefaultSender(SynqtelOptions options) => options.SenderName;

    public override int MaxSegments(SynqtelOptions options) => SynqtelSmsGateway.MaxSegments;

    public override int MaxRequestSize(SynqtelOptions options) => options.MaxMessagesPerRequest;

    public override string? ClientReference(PreparedMessage message) => message.Message.ClientReference ?? NextClientRef();

    public override ProviderRequest SendRequest(SynqtelOptions options, SendChunk chunk)
    {
        var entries = new SynqtelMultipleItem[chunk.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = new SynqtelMultipleItem(chunk.Number(i).E164, chunk.Message(i).Message.Text, chunk.ClientRef(i) ?? string.Empty);
        }

        return new ProviderRequest("sendmultiple", HttpMethod.Post, "sendmultiple", TrackedJsonContent.Create(
            new SynqtelSendMultipleRequest(options.ServiceId, chunk.First.SenderId, entries),
            SynqtelJsonContext.Default.SynqtelSendMultipleRequest));
    }

    public override SendReply ReadSend(JsonElement root)
    {
        SynqtelMultipleReply reply = SynqtelResponseReader.Multiple(root);
        SmsStatus status = SmsStatusMapper.Map(Provider, reply.StatusCode, reply.StatusDesc);
        if (!status.IsSuccess && !SmsStatusMapper.IsRecipientLevel(status.Error))
        {
            return SendReply.Refused(status, mayHaveBeenSent: status.Error == SmsErrorCode.Unknown);
        }

        IReadOnlyList<SynqtelScheduleReply> details = reply.Details;
        var recipients = new RecipientReply[details.Count];
        for (int i = 0; i < recipients.Length; i++)
        {
            SynqtelScheduleReply d = details[i];
            recipients[i] = new RecipientReply(d.Mobile, d.ClientRef, SynqtelStatusMap.MapSchedule(d.ScheduleStatus, d.ScheduleDesc), d.MessageId, d.Cost);
        }

        // A recipient-level top-level code (1002, 1003, 1012) speaks only for the recipients schedule_details do not
        // list. The reference never shows it next to details; when both come, an entry the details accepted was
        // accepted (reporting it refused, "not sent", would make the caller send it a second time).
        return new SendReply(recipients, Unlisted: status.IsSuccess ? null : status, Balance: reply.CreditBalance);
    }

    public override ProviderRequest? SingleRequest(SynqtelOptions options, PreparedMessage message, string e164) =>
        new ProviderRequest("sendsms", HttpMethod.Post, "sendsms", TrackedJsonContent.Create(
            new SynqtelSendRequest(e164, "json", message.SenderId, options.ServiceId, message.Message.Text),
            SynqtelJsonContext.Default.SynqtelSendRequest));

    public override SendReply ReadSingle(JsonElement root)
    {
        SynqtelSingleReply reply = SynqtelResponseReader.Single(root);
        SmsStatus status = SmsStatusMapper.Map(Provider, reply.StatusCode, reply.StatusDesc);
        return !status.IsSuccess && !SmsStatusMapper.IsRecipientLevel(status.Error)
            ? SendReply.Refused(status, mayHaveBeenSent: status.Error == SmsErrorCode.Unknown)
            : new SendReply([new RecipientReply(reply.Mobile, null, status, reply.MessageId, reply.Cost)], Balance: reply.CreditBalance);
    }

    public override ProviderRequest BalanceRequest(SynqtelOptions options) =>
        new("getbalance", HttpMethod.Get, "getbalance", TrackedJsonContent.Create(BalanceRequestBody));

    public override BalanceReply ReadBalance(JsonElement root)
    {
        SynqtelBalanceReply reply = SynqtelResponseReader.Balance(root);
        return StatusOf(reply) is { IsSuccess: false } refusal
            ? new BalanceReply(null, string.Empty, refusal)
            : new BalanceReply(reply.CreditBalance, "it has no credit_balance");
    }

    public override SmsStatus? ReadErrorBody(HttpStatusCode status, ReadOnlyMemory<byte> body) => StatusOf(SynqtelResponseReader.ReadBalance(body.Span));

    /// <summary>The status a reply's top-level code says, or null when it has none.</summary>
    public static SmsStatus? StatusOf(SynqtelBalanceReply reply) =>
        reply.StatusCode is null ? null : SmsStatusMapper.Map(SynqtelSmsGateway.ProviderName, reply.StatusCode, reply.StatusDesc);

    private string NextClientRef() =>
        (_clientRefBase + Interlocked.Increment(ref _clientRefCounter)).ToString(CultureInfo.InvariantCulture);
}
