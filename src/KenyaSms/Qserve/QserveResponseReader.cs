using System.Text.Json;
using KenyaSms.Json;
using KenyaSms.Qserve.Wire;

namespace KenyaSms.Qserve;

/// <summary>Reads 254sms response bodies, tolerating the provider's quirks.</summary>
/// <remarks>
/// The reference shows every response in a one-element array; a plain object is read the same way.
/// Field names match ignoring case (<c>Balance</c>, <c>balance</c>). Error responses are not shown in the
/// reference: they are expected as <c>statusCode</c>/<c>statusMessage</c> without <c>messageDetails</c>.
/// </remarks>
internal static class QserveResponseReader
{
    // The values these fields had last (JsonValues.Text's sharing): they repeat from entry to entry and reply to reply.
    private static string? s_statusCode, s_statusMessage;

    /// <summary>Reads a sendsms (or error) response; throws <see cref="InvalidProviderResponseException"/> when unreadable.</summary>
    public static QserveSendReply ReadSend(ReadOnlySpan<byte> utf8) => JsonValues.Read(utf8, Send);

    /// <summary>Maps a parsed send body (<see cref="JsonValues.Parse"/>) as <see cref="ReadSend"/> does.</summary>
    public static QserveSendReply Send(JsonElement root)
    {
        JsonElement reply = JsonValues.SingleObject(root);
        (string? code, string? message) = Status(reply);
        if (code is null && message is null)
        {
            throw JsonValues.Invalid("no statusCode or statusMessage");
        }

        IReadOnlyList<QserveRecipientReply> recipients = JsonValues.Objects(
            JsonValues.Get(reply, "messageDetails"),
            "messageDetails",
            static detail =>
            {
                (string? detailCode, string? detailMessage) = Status(detail);
                return new QserveRecipientReply(JsonValues.Text(JsonValues.Get(detail, "recipient")), detailCode, detailMessage);
            });

        return new QserveSendReply(
            code,
            message,
            JsonValues.Decimal(JsonValues.Get(reply, "Balance")),
            JsonValues.Int32(JsonValues.Get(reply, "recipientsCount")),
            recipients);
    }

    /// <summary>Reads a credits (or error) response; throws <see cref="InvalidProviderResponseException"/> when unreadable.</summary>
    public static QserveCreditsReply ReadCredits(ReadOnlySpan<byte> utf8) => JsonValues.Read(utf8, Credits);

    /// <summary>Maps a parsed credits body (<see cref="JsonValues.Parse"/>) as <see cref="ReadCredits"/> does.</summary>
    public static QserveCreditsReply Credits(JsonElement root)
    {
        JsonElement reply = JsonValues.SingleObject(root);
        (string? code, string? message) = Status(reply);
        decimal? credits = JsonValues.Decimal(JsonValues.Get(reply, "credits"));
        if (code is null && message is null && credits is null)
        {
            throw JsonValues.Invalid("no statusCode, statusMessage or credits");
        }

        return new QserveCreditsReply(code, message, credits);
    }

    // messageDetails has statusCode "Successfully Sent" and statusMessage 2, and error responses may do
    // the same, so the values decide: the one that looks like a code is the code. Both or neither: as named.
    private static (string? Code, string? Message) Status(JsonElement obj)
    {
        string? code = JsonValues.Text(JsonValues.Get(obj, "statusCode"), ref s_statusCode);
        string? message = JsonValues.Text(JsonValues.Get(obj, "statusMessage"), ref s_statusMessage);
        return !LooksLikeCode(code) && LooksLikeCode(message) ? (message, code) : (code, message);
    }

    // An integer (101, 2, "-1") or X and three digits (X001, x003).
    private static bool LooksLikeCode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        ReadOnlySpan<char> span = value.AsSpan();
        if (span.Length == 4 && span[0] is 'X' or 'x')
        {
            return AsciiChar.AllDigits(span[1..]);
        }

        return AsciiChar.AllDigits(span[0] == '-' ? span[1..] : span);
    }
}
