using System.Text.Json;
using KenyaSms.Json;
using KenyaSms.Synqtel.Wire;

namespace KenyaSms.Synqtel;

/// <summary>Reads Synqtel response bodies, tolerating the provider's quirks.</summary>
/// <remarks>
/// Every response may be an object or a one-element array; numbers may be strings; <c>""</c> means none.
/// The getbalance and mobile responses are not shown in the reference: they are expected with the field
/// names the other responses use, or as a bare value (<c>response_type</c> plain, <c>return</c> not json).
/// </remarks>
internal static class SynqtelResponseReader
{
    // The values these fields had last (JsonValues.Text's sharing): they repeat from entry to entry and reply to reply.
    private static string? s_statusCode, s_statusDesc, s_scheduleStatus, s_scheduleDesc, s_networkId;

    /// <summary>Reads a sendsms response; throws <see cref="InvalidProviderResponseException"/> when unreadable.</summary>
    public static SynqtelSingleReply ReadSingle(ReadOnlySpan<byte> utf8) => JsonValues.Read(utf8, Single);

    /// <summary>Maps a parsed single body (<see cref="JsonValues.Parse"/>) as <see cref="ReadSingle"/> does.</summary>
    public static SynqtelSingleReply Single(JsonElement root)
    {
        JsonElement reply = JsonValues.SingleObject(root);
        (string? code, string? desc) = Status(reply);
        return new SynqtelSingleReply(
            code,
            desc,
            JsonValues.Id(JsonValues.Get(reply, "message_id")),
            Mobile(reply),
            JsonValues.Text(JsonValues.Get(reply, "network_id"), ref s_networkId),
            JsonValues.Decimal(JsonValues.Get(reply, "message_cost")),
            JsonValues.Decimal(JsonValues.Get(reply, "credit_balance")));
    }

    /// <summary>Reads a sendmultiple response; throws <see cref="InvalidProviderResponseException"/> when unreadable.</summary>
    public static SynqtelMultipleReply ReadMultiple(ReadOnlySpan<byte> utf8) => JsonValues.Read(utf8, Multiple);

    /// <summary>Maps a parsed multiple body (<see cref="JsonValues.Parse"/>) as <see cref="ReadMultiple"/> does.</summary>
    public static SynqtelMultipleReply Multiple(JsonElement root)
    {
        JsonElement reply = JsonValues.SingleObject(root);
        (string? code, string? desc) = Status(reply);
        IReadOnlyList<SynqtelScheduleReply> details = JsonValues.Objects(
            JsonValues.Get(reply, "schedule_details"),
            "schedule_details",
            static detail => new SynqtelScheduleReply(
                JsonValues.Id(JsonValues.Get(detail, "message_id")),
                JsonValues.Text(JsonValues.Get(detail, "client_ref")),
                Mobile(detail),
                JsonValues.Text(JsonValues.Get(detail, "schedule_status"), ref s_scheduleStatus),
                JsonValues.Text(JsonValues.Get(detail, "schedule_desc"), ref s_scheduleDesc),
                JsonValues.Text(JsonValues.Get(detail, "network_id"), ref s_networkId),
                JsonValues.Decimal(JsonValues.Get(detail, "message_cost"))));

        return new SynqtelMultipleReply(code, desc, JsonValues.Decimal(JsonValues.Get(reply, "credit_balance")), details);
    }

    /// <summary>Reads a getbalance response, JSON or plain; throws <see cref="InvalidProviderResponseException"/> when unreadable.</summary>
    public static SynqtelBalanceReply ReadBalance(ReadOnlySpan<byte> utf8) => JsonValues.Read(utf8, Balance);

    /// <summary>Maps a parsed balance body (<see cref="JsonValues.Parse"/>) as <see cref="ReadBalance"/> does.</summary>
    public static SynqtelBalanceReply Balance(JsonElement root)
    {
        JsonElement value = JsonValues.Single(root);
        if (value.ValueKind != JsonValueKind.Object)
        {
            // Plain: 9871, "9871" or 9871.50 as the whole body.
            return JsonValues.Decimal(value) is decimal bare
                ? new SynqtelBalanceReply(null, null, bare)
                : throw JsonValues.Invalid("expected a balance or an object with credit_balance");
        }

        decimal? balance = JsonValues.Decimal(JsonValues.Get(value, "credit_balance")) ?? JsonValues.Decimal(JsonValues.Get(value, "balance"));
        (string? code, string? desc) = Status(value, required: balance is null);
        return new SynqtelBalanceReply(code, desc, balance);
    }

    /// <summary>Reads a mobile (lookup) response, JSON or plain; throws <see cref="InvalidProviderResponseException"/> when unreadable.</summary>
    public static SynqtelLookupReply ReadLookup(ReadOnlySpan<byte> utf8) => JsonValues.Read(utf8, Lookup);

    /// <summary>Maps a parsed lookup body (<see cref="JsonValues.Parse"/>) as <see cref="ReadLookup"/> does.</summary>
    public static SynqtelLookupReply Lookup(JsonElement root)
    {
        JsonElement value = JsonValues.Single(root);
        if (value.ValueKind != JsonValueKind.Object)
        {
            // Plain: the number alone. Anything else (an error text) must not pass for a number.
            return JsonValues.Text(value) is { } bare && LooksLikeNumber(bare)
                ? new SynqtelLookupReply(null, null, bare, null)
                : throw JsonValues.Invalid("expected a mobile number or an object with mobile_number");
        }

        string? mobile = Mobile(value);
        string? network = JsonValues.Text(JsonValues.Get(value, "network_id"), ref s_networkId);
        (string? code, string? desc) = Status(value, required: mobile is null && network is null);
        return new SynqtelLookupReply(code, desc, mobile, network);
    }

    private static (string? Code, string? Desc) Status(JsonElement reply, bool required = true)
    {
        string? code = JsonValues.Text(JsonValues.Get(reply, "status_code"), ref s_statusCode);
        string? desc = JsonValues.Text(JsonValues.Get(reply, "status_desc"), ref s_statusDesc);
        return required && code is null && desc is null ? throw JsonValues.Invalid("no status_code") : (code, desc);
    }

    // sendsms says mobile_number, sendmultiple's schedule_details say mobile.
    private static string? Mobile(JsonElement reply) =>
        JsonValues.Text(JsonValues.Get(reply, "mobile_number")) ?? JsonValues.Text(JsonValues.Get(reply, "mobile"));

    private static bool LooksLikeNumber(string value)
    {
        ReadOnlySpan<char> digits = value.StartsWith('+') ? value.AsSpan(1) : value.AsSpan();
        return AsciiChar.AllDigits(digits);
    }
}
