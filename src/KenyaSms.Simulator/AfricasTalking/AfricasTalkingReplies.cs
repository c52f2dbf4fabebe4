using KenyaSms.Simulator.Internal;

namespace KenyaSms.Simulator.AfricasTalking;

/// <summary>One recipient's line in a send's answer.</summary>
internal readonly record struct AfricasTalkingRecipient(string Number, int StatusCode, decimal Cost, string? MessageId, int Parts);

/// <summary>
/// Africa's Talking answers, as its reference records them: a send is HTTP 201 with <c>SMSMessageData</c> (a prose
/// <c>Message</c>, one <c>Recipients</c> entry per number, costs as <c>"KES 0.8000"</c> or <c>"0"</c>, <c>"None"</c> for
/// the id of a recipient not sent); errors of the request are plain text (401 with a <c>WWW-Authenticate</c> challenge,
/// 400 naming the problem); a sender ID the account may not use is a 201 with no recipients.
/// </summary>
internal static class AfricasTalkingReplies
{
    public const string AuthenticationInvalid = "The supplied authentication is invalid";

    public static ProviderReply Sent(IReadOnlyList<AfricasTalkingRecipient> recipients)
    {
        int sent = recipients.Count(r => r.StatusCode is >= 100 and <= 102);
        decimal total = recipients.Sum(r => r.Cost);
        return ProviderReply.Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("SMSMessageData");
            json.WriteString("Message", $"Sent to {sent}/{recipients.Count} Total Cost: {Formats.Kes(total)}");
            json.WriteStartArray("Recipients");
            foreach (AfricasTalkingRecipient r in recipients)
            {
                json.WriteStartObject();
                json.WriteNumber("statusCode", r.StatusCode);
                json.WriteString("number", r.Number);
                json.WriteString("status", AfricasTalkingCodes.Status(r.StatusCode));
                json.WriteString("cost", r.Cost == 0 ? "0" : Formats.Kes(r.Cost));
                json.WriteString("messageId", r.MessageId ?? "None");
                if (r.MessageId is not null)
                {
                    json.WriteNumber("messageParts", r.Parts);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }, statusCode: 201);
    }

    /// <summary>A refusal of the whole request with HTTP 201, as recorded for <c>InvalidSenderId</c>: nothing was sent.</summary>
    public static ProviderReply RequestRefused(string reason) => ProviderReply.Json(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("SMSMessageData");
        json.WriteString("Message", reason);
        json.WriteStartArray("Recipients");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }, statusCode: 201);

    public static ProviderReply Balance(decimal balance) => ProviderReply.Json(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("UserData");
        json.WriteString("balance", Formats.Kes(balance));
        json.WriteEndObject();
        json.WriteEndObject();
    });

    public static ProviderReply Unauthorized() =>
        ProviderReply.Text(AuthenticationInvalid, statusCode: 401, contentType: "text/plain; charset=UTF-8") with { WwwAuthenticate = "Basic realm=\"api\"" };

    public static ProviderReply BadRequest(string problem) =>
        ProviderReply.Text(problem, statusCode: 400, contentType: "text/plain; charset=UTF-8");
}
