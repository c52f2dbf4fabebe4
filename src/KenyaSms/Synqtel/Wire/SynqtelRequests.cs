using System.Text.Json.Serialization;

namespace KenyaSms.Synqtel.Wire;

/// <summary>POST sendsms body (one recipient).</summary>
internal sealed record SynqtelSendRequest(
    [property: JsonPropertyName("mobile")] string Mobile,
    [property: JsonPropertyName("response_type")] string ResponseType,
    [property: JsonPropertyName("sender_name")] string SenderName,
    [property: JsonPropertyName("service_id")] int ServiceId,
    [property: JsonPropertyName("message")] string Message)
{
    // No number and no text: the generated ToString would print both.
    public override string ToString() => $"SynqtelSendRequest {{ SenderName = {SenderName}, ServiceId = {ServiceId} }}";
}

/// <summary>POST sendmultiple body.</summary>
internal sealed record SynqtelSendMultipleRequest(
    [property: JsonPropertyName("serviceId")] int ServiceId,
    [property: JsonPropertyName("shortcode")] string Shortcode,
    [property: JsonPropertyName("messages")] IReadOnlyList<SynqtelMultipleItem> Messages)
{
    public override string ToString() => $"SynqtelSendMultipleRequest {{ Shortcode = {Shortcode}, ServiceId = {ServiceId}, Messages = {Messages.Count} }}";
}

/// <summary>One entry of a sendmultiple body.</summary>
internal sealed record SynqtelMultipleItem(
    [property: JsonPropertyName("mobile")] string Mobile,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("client_ref")] string ClientRef)
{
    public override string ToString() => $"SynqtelMultipleItem {{ ClientRef = {ClientRef} }}";
}
