using System.Text;
using KenyaSms.Simulator.Internal;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace KenyaSms.Simulator.AfricasTalking;

/// <summary>
/// Africa's Talking: <c>POST /africastalking/version1/messaging</c> (form-encoded: <c>username</c>, <c>to</c> comma-joined,
/// <c>message</c>, optional <c>from</c>, <c>bulkSMSMode</c>, <c>enqueue</c>) and <c>GET /africastalking/version1/user?username=</c>,
/// the key in the <c>apiKey</c> header. The account's balance is money: each part to each recipient costs
/// <see cref="SmsSimulatorOptions.AfricasTalkingCostPerPart"/>, charged per recipient (a recipient the balance cannot
/// cover gets <c>405 InsufficientBalance</c>). DND numbers get 409, blacklisted ones 406, blocked networks 407, invalid
/// numbers 403. Choices where the reference is silent: the simulator answers <c>bulkSMSMode=0</c> (premium) with a 400, and
/// accepts the same number twice in one request as two messages (the SDK never sends that).
/// </summary>
internal sealed class AfricasTalkingApi : ProviderApi
{
    public const string DefaultSender = "AFRICASTKNG";

    public AfricasTalkingApi(SimulatorState state)
        : base(
            state,
            SimulatorProvider.AfricasTalking,
            "/africastalking/version1",
            malformedBody: """{"SMSMessageData":{"Message":"Sent to 1/1" "Recipients":[]}}"""u8.ToArray(),
            unprocessedTruncationSource: """{"SMSMessageData":{"Message":"Sent to 0/1 Total Cost: 0","Recipients":[]}}"""u8.ToArray())
    {
    }

    public override ProviderReply Handle(IncomingRequest request)
    {
        bool messaging = request.Endpoint == Endpoints.Messaging && HttpMethods.IsPost(request.Method);
        bool user = request.Endpoint == Endpoints.User && HttpMethods.IsGet(request.Method);
        if (!messaging && !user)
        {
            return ProviderReply.Text("Not Found", statusCode: 404);
        }

        if (!request.Headers.TryGetValue("apiKey", out StringValues key) || key.ToString() != State.AfricasTalkingApiKey)
        {
            return AfricasTalkingReplies.Unauthorized();
        }

        if (user)
        {
            return request.Query["username"].ToString() == State.AfricasTalkingUsername
                ? AfricasTalkingReplies.Balance(State.GetMoney())
                : AfricasTalkingReplies.Unauthorized();
        }

        Dictionary<string, StringValues> form;
        try
        {
            form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body));
        }
        catch (Exception e) when (e is ArgumentException or DecoderFallbackException)
        {
            return AfricasTalkingReplies.BadRequest("The request body is not a valid form.");
        }

        if (Field(form, "username") is not { } username)
        {
            return AfricasTalkingReplies.BadRequest("Missing required parameter: username");
        }

        return username == State.AfricasTalkingUsername ? Send(request, form) : AfricasTalkingReplies.Unauthorized();
    }

    public override ProviderReply Refusal(IncomingRequest request, string code)
    {
        // A per-recipient code (401-409, 500-502) refuses every recipient of the request with it; "401"/"400" as
        // HTTP statuses would collide with RiskHold, so "unauthorized" and "bad-request" name the plain-text errors;
        // anything else refuses the request the way InvalidSenderId does (HTTP 201, no recipients).
        if (code.Equals("unauthorized", StringComparison.OrdinalIgnoreCase))
        {
            return AfricasTalkingReplies.Unauthorized();
        }

        if (code.Equals("bad-request", StringComparison.OrdinalIgnoreCase))
        {
            return AfricasTalkingReplies.BadRequest("Bad Request");
        }

        if (AfricasTalkingCodes.IsRecipientCode(code, out int number) && number >= 400)
        {
            Dictionary<string, StringValues> form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body));
            return AfricasTalkingReplies.Sent([.. Recipients(form).Select(to => new AfricasTalkingRecipient(to, number, 0m, null, 0))]);
        }

        return AfricasTalkingReplies.RequestRefused(code);
    }

    public override ProviderReply InternalError() =>
        ProviderReply.Text("<html><body><h1>500 Internal Server Error</h1></body></html>", statusCode: 500, contentType: "text/html");

    private ProviderReply Send(IncomingRequest request, Dictionary<string, StringValues> form)
    {
        string? to = Field(form, "to");
        string? message = Field(form, "message");
        if (to is null || message is null)
        {
            return AfricasTalkingReplies.BadRequest($"Missing required parameter: {(to is null ? "to" : "message")}");
        }

        if (Field(form, "bulkSMSMode") == "0")
        {
            return AfricasTalkingReplies.BadRequest("Premium SMS (bulkSMSMode=0) is not supported by this simulator.");
        }

        string sender = Field(form, "from") ?? DefaultSender;
        if (Field(form, "from") is { } from && !State.IsSenderIdAllowed(from))
        {
            return AfricasTalkingReplies.RequestRefused("InvalidSenderId");
        }

        string[] recipients = Recipients(form);
        if (recipients.Length == 0)
        {
            return AfricasTalkingReplies.BadRequest("Missing required parameter: to");
        }

        int parts = SmsSegmentation.Analyze(message).Segments;
        decimal cost = parts * State.AfricasTalkingCostPerPart;
        int accepted = Field(form, "enqueue") == "1" ? AfricasTalkingCodes.Queued : AfricasTalkingCodes.Sent;
        var lines = new List<AfricasTalkingRecipient>(recipients.Length);
        foreach (string raw in recipients)
        {
            if (!PhoneNumber.TryParse(raw, out PhoneNumber number))
            {
                lines.Add(new AfricasTalkingRecipient(raw, AfricasTalkingCodes.InvalidPhoneNumber, 0m, null, 0));
                continue;
            }

            int refusal = State.IsBlocked(number) ? AfricasTalkingCodes.CouldNotRoute
                : State.IsDnd(number) ? AfricasTalkingCodes.DoNotDisturbRejection
                : State.IsBlacklisted(number) ? AfricasTalkingCodes.UserInBlacklist
                : !State.TryChargeMoney(cost) ? AfricasTalkingCodes.InsufficientBalance
                : 0;
            if (refusal != 0)
            {
                lines.Add(new AfricasTalkingRecipient(number.E164, refusal, 0m, null, 0));
                continue;
            }

            SimulatorMessage sent = State.Accept(Provider, request.Ticket, number, message, sender, clientReference: null, parts);
            lines.Add(new AfricasTalkingRecipient(number.E164, accepted, cost, sent.MessageId, parts));
        }

        return AfricasTalkingReplies.Sent(lines);
    }

    private static string[] Recipients(Dictionary<string, StringValues> form) =>
        (Field(form, "to") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    // A field given twice is read as its last value; an empty one as missing.
    private static string? Field(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out StringValues values) && values.Count > 0 && values[^1] is { Length: > 0 } value ? value : null;
}
