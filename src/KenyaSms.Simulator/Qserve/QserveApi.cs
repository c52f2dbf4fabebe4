using System.Text.Json;
using KenyaSms.Simulator.Internal;

namespace KenyaSms.Simulator.Qserve;

/// <summary>
/// 254sms: <c>POST /version1/sendsms</c> and <c>POST /version1/credits</c>, credentials in the JSON body, answers in
/// a one-element array, <c>messageDetails</c> with <c>statusCode</c> and <c>statusMessage</c> swapped.
/// </summary>
internal sealed class QserveApi : ProviderApi
{
    public const string DefaultSender = "254sms";

    public QserveApi(SimulatorState state)
        : base(
            state,
            SimulatorProvider.Qserve,
            "/version1",
            malformedBody: """[{"statusCode": 101 "statusMessage": "Success"}]"""u8.ToArray(),
            unprocessedTruncationSource: """[{"recipientsCount":1,"statusMessage":"Success","statusCode":101,"Balance":0,"messageDetails":[]}]"""u8.ToArray())
    {
    }

    public override ProviderReply Handle(IncomingRequest request)
    {
        if (request.Endpoint is not (Endpoints.SendSms or Endpoints.Credits))
        {
            return ProviderReply.Text("Not Found", statusCode: 404);
        }

        // The provider reads its JSON body whatever the method or content type (the reference's PHP sets only Content-Type).
        if (!RequestJson.TryParseObject(request.Body, out JsonDocument? document))
        {
            return QserveReplies.Error(QserveCodes.MissingParameters);
        }

        using (document)
        {
            JsonElement body = document!.RootElement;
            string? username = RequestJson.Text(body, "username");
            string? apiKey = RequestJson.Text(body, "api_key");
            if (username is null || apiKey is null)
            {
                return QserveReplies.Error(QserveCodes.MissingParameters);
            }

            if (apiKey != State.QserveApiKey)
            {
                return QserveReplies.Error(QserveCodes.UnknownKey);
            }

            if (username != State.QserveUsername)
            {
                return QserveReplies.Error(QserveCodes.UnknownUser);
            }

            return request.Endpoint == Endpoints.Credits
                ? QserveReplies.Credits(State.GetCredits(Provider))
                : SendSms(request, body);
        }
    }

    public override ProviderReply Refusal(IncomingRequest request, string code) => QserveReplies.Error(code);

    public override ProviderReply InternalError() => QserveReplies.Error("500", "Internal server error", statusCode: 500);

    private ProviderReply SendSms(IncomingRequest request, JsonElement body)
    {
        string? phone = RequestJson.Text(body, "phone");
        string? message = RequestJson.Text(body, "message");
        if (phone is null || message is null || RequestJson.IsPresentButNotScalar(body, "sender_id"))
        {
            return QserveReplies.Error(QserveCodes.MissingParameters);
        }

        string sender = RequestJson.Text(body, "sender_id") ?? DefaultSender;
        string[] recipients = phone.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (recipients.Length == 0)
        {
            return QserveReplies.Error(QserveCodes.MissingParameters);
        }

        int segments = SmsSegmentation.Analyze(message).Segments;
        var numbers = new PhoneNumber?[recipients.Length];
        int valid = 0;
        for (int i = 0; i < recipients.Length; i++)
        {
            if (PhoneNumber.TryParse(recipients[i], out PhoneNumber number))
            {
                numbers[i] = number;
                valid++;
            }
        }

        // All or nothing: a balance that cannot cover every valid recipient sends to none of them.
        bool charged = State.TryCharge(Provider, (long)valid * segments);
        var details = new QserveRecipientStatus[recipients.Length];
        for (int i = 0; i < recipients.Length; i++)
        {
            if (numbers[i] is not { } number)
            {
                details[i] = QserveRecipientStatus.InvalidNumber;
            }
            else if (!charged)
            {
                details[i] = QserveRecipientStatus.InsufficientCredits;
            }
            else
            {
                State.Accept(Provider, request.Ticket, number, message, sender, clientReference: null, segments);
                details[i] = QserveRecipientStatus.Sent;
            }
        }

        return QserveReplies.Sent(recipients, message, details, State.GetCredits(Provider));
    }
}
