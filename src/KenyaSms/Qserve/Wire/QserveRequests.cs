using System.Text.Json.Serialization;

namespace KenyaSms.Qserve.Wire;

/// <summary>POST sendsms body, exactly as the 254sms reference shows it.</summary>
internal sealed record QserveSendRequest(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("api_key")] string ApiKey,
    [property: JsonPropertyName("sender_id")] string SenderId,
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("message")] string Message)
{
    public override string ToString() => $"QserveSendRequest {{ SenderId = {SenderId}, Recipients = {Phone.Split(',').Length} }}";
}

/// <summary>POST credits body.</summary>
internal sealed record QserveCreditsRequest(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("api_key")] string ApiKey)
{
    public override string ToString() => "QserveCreditsRequest";
}
