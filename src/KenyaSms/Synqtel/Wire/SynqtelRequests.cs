using System.Text.Json.Serialization;

namespace KenyaSms.Synqtel.Wire;

/// <summary>POST sendsms body (one recipient).</summary>
internal sealed record SynqtelSendRequest(
    [property: JsonPropertyName("mobile")] string Mobile,
    [property: JsonPropertyName("response_type")] string ResponseType,
    [property: JsonPropertyName("sender_name")] string SenderName,
    [property: JsonPropertyName("service_id")] int ServiceId,
    [property: JsonPropertyName("message")] string Message);

/// <summary>POST sendmultiple body.</summary>
internal sealed record SynqtelSendMultipleRequest(
    [property: JsonPropertyName("serviceId")] int ServiceId,
    [property: JsonPropertyName("shortcode")] string Shortcode,
    [property: JsonPropertyName("messages")] IReadOnlyList<SynqtelMultipleItem> Messages);

/// <summary>One entry of a sendmultiple body.</summary>
internal sealed record SynqtelMultipleItem(
    [property: JsonPropertyName("mobile")] string Mobile,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("client_ref")] string ClientRef);
