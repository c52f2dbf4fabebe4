using System.Text.Json;
using KenyaSms.Simulator.Internal;

namespace KenyaSms.Simulator.Synqtel;

/// <summary>
/// Synqtel answers. sendsms and sendmultiple follow the reference's examples to the letter (string-typed numbers
/// in sendsms, a plain object with a numeric <c>status_code</c> in sendmultiple); getbalance, mobile and the other
/// errors are not shown there and use the same field names in a one-element array, as api.md section 5 expects.
/// </summary>
internal static class SynqtelReplies
{
    public static ProviderReply SendSms(long messageId, string mobile, string networkId, int cost, long balance) => Array(json =>
    {
        Status(json, SynqtelCodes.Text(SynqtelCodes.Success), SynqtelCodes.Description(SynqtelCodes.Success));
        json.WriteNumber("message_id", messageId);
        json.WriteString("mobile_number", mobile);
        json.WriteString("network_id", networkId);
        json.WriteString("message_cost", Formats.Integer(cost));
        json.WriteString("credit_balance", Formats.Integer(balance));
    });

    public static ProviderReply SendMultiple(long balance, IReadOnlyList<SynqtelScheduleEntry> entries) => ProviderReply.Json(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("status_code", SynqtelCodes.Success);
        json.WriteString("status_desc", SynqtelCodes.Description(SynqtelCodes.Success));
        json.WriteString("credit_balance", Formats.FourDecimals(balance));
        json.WriteStartArray("schedule_details");
        foreach (SynqtelScheduleEntry entry in entries)
        {
            json.WriteStartObject();
            json.WriteNumber("message_id", entry.MessageId);
            if (entry.ClientRefJson is not null)
            {
                json.WritePropertyName("client_ref");
                json.WriteRawValue(entry.ClientRefJson);
            }

            json.WriteString("mobile", entry.Mobile);
            json.WriteString("schedule_status", SynqtelCodes.StatusId(entry.Code));
            json.WriteString("schedule_desc", SynqtelCodes.Description(entry.Code));
            json.WriteString("network_id", entry.NetworkId);
            json.WriteNumber("message_cost", entry.Cost);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    public static ProviderReply Balance(long balance) => Array(json =>
    {
        Status(json, SynqtelCodes.Text(SynqtelCodes.Success), SynqtelCodes.Description(SynqtelCodes.Success));
        json.WriteString("credit_balance", Formats.Integer(balance));
    });

    public static ProviderReply Lookup(PhoneNumber number) => Array(json =>
    {
        Status(json, SynqtelCodes.Text(SynqtelCodes.Success), SynqtelCodes.Description(SynqtelCodes.Success));
        json.WriteString("mobile_number", number.E164);
        json.WriteString("network_id", Formats.NetworkId(number.Network));
    });

    /// <summary>An error in the shape <paramref name="endpoint"/> uses; <paramref name="mobile"/> is echoed where the shape has a number.</summary>
    public static ProviderReply Error(string endpoint, int code, string? mobile = null) =>
        Error(endpoint, SynqtelCodes.Text(code), SynqtelCodes.Description(code), mobile);

    public static ProviderReply Error(string endpoint, string code, string description, string? mobile = null) => endpoint switch
    {
        // The reference's sendsms "Error Response": every field present, "0" and "" for none.
        Endpoints.SendSms => Array(json =>
        {
            Status(json, code, description);
            json.WriteString("message_id", "0");
            json.WriteString("mobile_number", mobile ?? string.Empty);
            json.WriteString("network_id", string.Empty);
            json.WriteString("message_cost", string.Empty);
            json.WriteString("credit_balance", string.Empty);
        }),

        // Like the sendmultiple success: a plain object with a numeric status_code (a non-numeric fault code stays text).
        Endpoints.SendMultiple => ProviderReply.Json(json =>
        {
            json.WriteStartObject();
            if (int.TryParse(code, out int number))
            {
                json.WriteNumber("status_code", number);
            }
            else
            {
                json.WriteString("status_code", code);
            }

            json.WriteString("status_desc", description);
            json.WriteString("credit_balance", string.Empty);
            json.WriteEndObject();
        }),
        Endpoints.GetBalance => Array(json =>
        {
            Status(json, code, description);
            json.WriteString("credit_balance", string.Empty);
        }),
        Endpoints.Mobile => Array(json =>
        {
            Status(json, code, description);
            json.WriteString("mobile_number", mobile ?? string.Empty);
            json.WriteString("network_id", string.Empty);
        }),
        _ => Array(json => Status(json, code, description)),
    };

    private static ProviderReply Array(Action<Utf8JsonWriter> fields) => ProviderReply.Json(json =>
    {
        json.WriteStartArray();
        json.WriteStartObject();
        fields(json);
        json.WriteEndObject();
        json.WriteEndArray();
    });

    private static void Status(Utf8JsonWriter json, string code, string description)
    {
        json.WriteString("status_code", code);
        json.WriteString("status_desc", description);
    }
}
