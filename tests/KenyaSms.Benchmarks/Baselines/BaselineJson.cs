using System.Text.Json;
using System.Text.Json.Serialization;

namespace KenyaSms.Benchmarks.Baselines;

// What a developer writes by hand against the reference docs: DTOs for the bodies and replies, and a
// source-generated System.Text.Json context (the fastest thing System.Text.Json offers).

public sealed record SynqtelSendSmsBody(
    [property: JsonPropertyName("mobile")] string Mobile,
    [property: JsonPropertyName("response_type")] string ResponseType,
    [property: JsonPropertyName("sender_name")] string SenderName,
    [property: JsonPropertyName("service_id")] int ServiceId,
    [property: JsonPropertyName("message")] string Message);

public sealed record SynqtelSendSmsReply(
    [property: JsonPropertyName("status_code")] string StatusCode,
    [property: JsonPropertyName("status_desc")] string StatusDesc,
    [property: JsonPropertyName("message_id")] long MessageId,
    [property: JsonPropertyName("mobile_number")] string MobileNumber,
    [property: JsonPropertyName("network_id")] string NetworkId,
    [property: JsonPropertyName("message_cost")] decimal MessageCost,
    [property: JsonPropertyName("credit_balance")] decimal CreditBalance);

public sealed record SynqtelSendMultipleBody(
    [property: JsonPropertyName("serviceId")] int ServiceId,
    [property: JsonPropertyName("shortcode")] string Shortcode,
    [property: JsonPropertyName("messages")] IReadOnlyList<SynqtelMultipleEntry> Messages);

public sealed record SynqtelMultipleEntry(
    [property: JsonPropertyName("mobile")] string Mobile,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("client_ref")] string ClientRef);

public sealed record SynqtelSendMultipleReply(
    [property: JsonPropertyName("status_code")] int StatusCode,
    [property: JsonPropertyName("status_desc")] string StatusDesc,
    [property: JsonPropertyName("credit_balance")] decimal CreditBalance,
    [property: JsonPropertyName("schedule_details")] List<SynqtelScheduleDetail> ScheduleDetails);

public sealed record SynqtelScheduleDetail(
    [property: JsonPropertyName("message_id")] long MessageId,
    [property: JsonPropertyName("client_ref"), JsonConverter(typeof(StringOrNumberConverter))] string ClientRef,
    [property: JsonPropertyName("mobile")] string Mobile,
    [property: JsonPropertyName("schedule_status")] string ScheduleStatus,
    [property: JsonPropertyName("schedule_desc")] string ScheduleDesc,
    [property: JsonPropertyName("network_id")] string NetworkId,
    [property: JsonPropertyName("message_cost")] decimal MessageCost);

public sealed record QserveSendSmsBody(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("api_key")] string ApiKey,
    [property: JsonPropertyName("sender_id")] string SenderId,
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("message")] string Message);

public sealed record QserveSendSmsReply(
    [property: JsonPropertyName("recipientsCount")] int RecipientsCount,
    [property: JsonPropertyName("statusMessage")] string StatusMessage,
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("Balance")] decimal Balance,
    [property: JsonPropertyName("messageDetails")] List<QserveMessageDetail> MessageDetails);

// The reference swaps statusCode and statusMessage in messageDetails (text in one, number in the other).
public sealed record QserveMessageDetail(
    [property: JsonPropertyName("recipient")] string Recipient,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("statusCode"), JsonConverter(typeof(StringOrNumberConverter))] string StatusCode,
    [property: JsonPropertyName("statusMessage"), JsonConverter(typeof(StringOrNumberConverter))] string StatusMessage);

// Africa's Talking: the reply to a form-encoded POST messaging.
public sealed record AfricasTalkingSendReply(
    [property: JsonPropertyName("SMSMessageData")] AfricasTalkingMessageData SmsMessageData);

public sealed record AfricasTalkingMessageData(
    [property: JsonPropertyName("Message")] string Message,
    [property: JsonPropertyName("Recipients")] List<AfricasTalkingRecipient> Recipients);

public sealed record AfricasTalkingRecipient(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("cost")] string Cost,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("messageId")] string MessageId);

/// <summary>The converter everybody writes for an API that sends a field as a string one day and a number the next.</summary>
public sealed class StringOrNumberConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SynqtelSendSmsBody))]
[JsonSerializable(typeof(SynqtelSendSmsReply[]))]
[JsonSerializable(typeof(SynqtelSendMultipleBody))]
[JsonSerializable(typeof(SynqtelSendMultipleReply))]
[JsonSerializable(typeof(QserveSendSmsBody))]
[JsonSerializable(typeof(QserveSendSmsReply[]))]
[JsonSerializable(typeof(AfricasTalkingSendReply))]
public sealed partial class BaselineJson : JsonSerializerContext;
