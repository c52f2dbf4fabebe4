using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KenyaSms.AfricasTalking.Wire;
using KenyaSms.Http;
using KenyaSms.Sending;

namespace KenyaSms.AfricasTalking;

/// <summary>
/// Africa's Talking on the wire: form-encoded requests, the key in the <c>apiKey</c> header; one text to many
/// comma-joined numbers per <c>messaging</c> request (201 Created, per-recipient codes 100-102 accepted); <c>GET user</c>
/// for the balance, in money; plain-text 401 and 400 answers.
/// </summary>
internal sealed class AfricasTalkingProtocol : SmsProtocol<AfricasTalkingOptions>
{
    // A message without a sender ID goes out from AT's shared default sender: PreparedMessage reads "" as that.
    private const string DefaultSenderId = "";

    public override string Provider => AfricasTalkingSmsGateway.ProviderName;

    public override string HttpClientName => AfricasTalkingSmsGateway.HttpClientName;

    public override bool OneMessagePerRequest => true;

    public override string? Secret(AfricasTalkingOptions options) => options.ApiKey;

    public override void Authenticate(HttpRequestHeaders headers, AfricasTalkingOptions options) => headers.TryAddWithoutValidation("apiKey", options.ApiKey);

    public override string DefaultSender(AfricasTalkingOptions options) => options.SenderId ?? DefaultSenderId;

    public override int MaxSegments(AfricasTalkingOptions options) => options.MaxSegments;

    public override int MaxRequestSize(AfricasTalkingOptions options) => options.MaxRecipientsPerRequest;

    public override ProviderRequest SendRequest(AfricasTalkingOptions options, SendChunk chunk)
    {
        var to = new PhoneNumber[chunk.Count];
        for (int i = 0; i < to.Length; i++)
        {
            to[i] = chunk.Number(i);
        }

        return Messaging(options, chunk.First, to);
    }

    // One number needs no batch bookkeeping: the same messaging request, sent through the core's single path.
    public override ProviderRequest? SingleRequest(AfricasTalkingOptions options, PreparedMessage message, string e164) => Messaging(options, message, [message.Unique[0]]);

    private static ProviderRequest Messaging(AfricasTalkingOptions options, PreparedMessage message, IReadOnlyList<PhoneNumber> to)
    {
        string? from = message.SenderId.Length == 0 ? null : message.SenderId;
        return new ProviderRequest("messaging", HttpMethod.Post, "messaging",
            TrackedJsonContent.CreateForm(AfricasTalkingRequests.Messaging(options.Username, to, message.Message.Text, from, options.Enqueue)));
    }

    public override SendReply ReadSend(JsonElement root)
    {
        AfricasTalkingSendReply reply = AfricasTalkingResponseReader.Send(root);
        if (reply.RequestRefusal is { } refusal)
        {
            // HTTP 201 with no recipients and one word (InvalidSenderId, recorded): AT refused the request, nothing was sent.
            return SendReply.Refused(AfricasTalkingStatusMap.MapRequestRefusal(refusal));
        }

        var recipients = new RecipientReply[reply.Recipients.Count];
        for (int i = 0; i < recipients.Length; i++)
        {
            AfricasTalkingRecipientReply r = reply.Recipients[i];
            SmsStatus status = AfricasTalkingStatusMap.Map(r.StatusCode, r.Status);
            recipients[i] = status.IsSuccess
                ? new RecipientReply(r.Number, null, status, r.MessageId, r.Cost)
                : new RecipientReply(r.Number, null, status);
        }

        return new SendReply(recipients);
    }

    public override ProviderRequest BalanceRequest(AfricasTalkingOptions options) =>
        new("user", HttpMethod.Get, "user?username=" + Uri.EscapeDataString(options.Username), null);

    public override BalanceReply ReadBalance(JsonElement root)
    {
        AfricasTalkingBalanceReply reply = AfricasTalkingResponseReader.Balance(root); // refuses a reply without an amount
        return new BalanceReply(reply.Amount, "it has no balance", Currency: reply.Currency);
    }

    // AT's documented non-JSON errors: 401 (a wrong key or username) and 400 (a malformed request), plain text. Anything
    // else is decided by its HTTP status.
    public override SmsStatus? ReadErrorBody(HttpStatusCode status, ReadOnlyMemory<byte> body)
    {
        string text = Encoding.UTF8.GetString(body.Span).Trim();
        return status switch
        {
            HttpStatusCode.Unauthorized => new StatusDefinition(SmsErrorCode.InvalidCredentials, "The supplied authentication is invalid").ToStatus(Provider, "401", text),
            HttpStatusCode.BadRequest => new StatusDefinition(SmsErrorCode.MissingParameters, "Bad request").ToStatus(Provider, "400", text),
            _ => null,
        };
    }
}
