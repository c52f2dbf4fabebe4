using System.Net;
using System.Text.Json;
using KenyaSms.Http;
using KenyaSms.Qserve.Wire;
using KenyaSms.Sending;

namespace KenyaSms.Qserve;

/// <summary>
/// 254sms on the wire: credentials inside the JSON body; one text to many comma-joined numbers per <c>sendsms</c>
/// request; <c>credits</c> for the balance; statuses X000-X003 for the request and 101-style codes per recipient.
/// </summary>
internal sealed class QserveProtocol : SmsProtocol<QserveOptions>
{
    public override string Provider => QserveSmsGateway.ProviderName;

    public override string HttpClientName => QserveSmsGateway.HttpClientName;

    public override bool OneMessagePerRequest => true;

    public override string? Secret(QserveOptions options) => options.ApiKey;

    public override string DefaultSender(QserveOptions options) => options.SenderId;

    public override int MaxSegments(QserveOptions options) => options.MaxSegments;

    public override int MaxRequestSize(QserveOptions options) => options.MaxRecipientsPerRequest;

    public override ProviderRequest SendRequest(QserveOptions options, SendChunk chunk)
    {
        PreparedMessage message = chunk.First;
        string phones;
        if (chunk.Count == 1)
        {
            phones = chunk.Number(0).Msisdn;
        }
        else
        {
            var numbers = new string[chunk.Count];
            for (int i = 0; i < numbers.Length; i++)
            {
                numbers[i] = chunk.Number(i).Msisdn;
            }

            phones = string.Join(",", numbers);
        }

        return SendSms(options, message, phones);
    }

    // One number needs no batch bookkeeping: the same sendsms request, sent through the core's single path.
    public override ProviderRequest? SingleRequest(QserveOptions options, PreparedMessage message, string e164) => SendSms(options, message, message.Unique[0].Msisdn);

    private static ProviderRequest SendSms(QserveOptions options, PreparedMessage message, string phones) =>
        new("sendsms", HttpMethod.Post, "sendsms", TrackedJsonContent.Create(
            new QserveSendRequest(options.Username, options.ApiKey, message.SenderId, phones, message.Message.Text),
            QserveJsonContext.Default.QserveSendRequest));

    public override SendReply ReadSend(JsonElement root)
    {
        QserveSendReply reply = QserveResponseReader.Send(root);
        SmsStatus status = SmsStatusMapper.Map(Provider, reply.StatusCode, reply.StatusMessage);
        if (!status.IsSuccess)
        {
            // A known refusal (X000-X003) means nothing was sent; an unknown code leaves it open.
            return SendReply.Refused(status, mayHaveBeenSent: status.Error == SmsErrorCode.Unknown);
        }

        IReadOnlyList<QserveRecipientReply> details = reply.Recipients;
        var recipients = new RecipientReply[details.Count];
        for (int i = 0; i < recipients.Length; i++)
        {
            QserveRecipientReply d = details[i];
            recipients[i] = new RecipientReply(d.Recipient, null, QserveStatusMap.MapRecipient(d.StatusCode, d.StatusMessage));
        }

        return new SendReply(recipients, Balance: reply.Balance);
    }

    public override ProviderRequest BalanceRequest(QserveOptions options) =>
        new("credits", HttpMethod.Post, "credits", TrackedJsonContent.Create(new QserveCreditsRequest(options.Username, options.ApiKey), QserveJsonContext.Default.QserveCreditsRequest));

    public override BalanceReply ReadBalance(JsonElement root)
    {
        QserveCreditsReply reply = QserveResponseReader.Credits(root);
        SmsStatus status = SmsStatusMapper.Map(Provider, reply.StatusCode, reply.StatusMessage);
        return !status.IsSuccess && !(reply.StatusCode is null && reply.Credits is not null)
            ? new BalanceReply(null, string.Empty, status)
            : new BalanceReply(reply.Credits, "it has no credits");
    }

    public override SmsStatus? ReadErrorBody(HttpStatusCode status, ReadOnlyMemory<byte> body)
    {
        QserveSendReply reply = QserveResponseReader.ReadSend(body.Span);
        return SmsStatusMapper.Map(Provider, reply.StatusCode, reply.StatusMessage);
    }
}
