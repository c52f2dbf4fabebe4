using KenyaSms.Simulator.Internal;

namespace KenyaSms.Simulator.Qserve;

/// <summary>254sms answers, field for field (and in the field order) of the reference's examples.</summary>
internal static class QserveReplies
{
    public static ProviderReply Sent(string[] recipients, string message, QserveRecipientStatus[] details, long balance) => ProviderReply.Json(json =>
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteNumber("recipientsCount", recipients.Length);
        json.WriteString("statusMessage", "Success");
        json.WriteNumber("statusCode", 101);
        json.WriteNumber("Balance", balance);
        json.WriteStartArray("messageDetails");
        for (int i = 0; i < recipients.Length; i++)
        {
            json.WriteStartObject();
            json.WriteString("recipient", recipients[i]);
            json.WriteString("message", message);
            json.WriteString("statusCode", details[i].Text);
            json.WriteNumber("statusMessage", details[i].Number);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    });

    public static ProviderReply Credits(long credits) => ProviderReply.Json(json =>
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("credits", Formats.Integer(credits));
        json.WriteNumber("statusCode", 101);
        json.WriteEndObject();
        json.WriteEndArray();
    });

    /// <summary>Not shown in the reference: the shape api.md expects, <c>[{"statusCode":"X001","statusMessage":"..."}]</c>.</summary>
    public static ProviderReply Error(string code, string? description = null, int statusCode = 200) => ProviderReply.Json(json =>
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("statusCode", code);
        json.WriteString("statusMessage", description ?? QserveCodes.Description(code));
        json.WriteEndObject();
        json.WriteEndArray();
    }, statusCode);
}
