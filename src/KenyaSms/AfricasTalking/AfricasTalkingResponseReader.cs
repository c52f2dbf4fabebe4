using System.Globalization;
using System.Text.Json;
using KenyaSms.AfricasTalking.Wire;
using KenyaSms.Json;

namespace KenyaSms.AfricasTalking;

/// <summary>Reads Africa's Talking answers, tolerating what its reference says may vary.</summary>
/// <remarks>
/// Property names match ignoring case (<c>UserData</c> recorded, <c>userData</c> in AT's docs). A 2xx send answer
/// without <c>SMSMessageData.Recipients</c> is unreadable, never "sent to nobody".
/// </remarks>
internal static class AfricasTalkingResponseReader
{
    private static string? s_statusCode, s_status, s_currency, s_message;

    /// <summary>Reads a <c>messaging</c> answer; throws <see cref="InvalidProviderResponseException"/> when unreadable.</summary>
    public static AfricasTalkingSendReply ReadSend(ReadOnlySpan<byte> utf8) => JsonValues.Read(utf8, Send);

    /// <summary>Maps a parsed <c>messaging</c> body as <see cref="ReadSend"/> does.</summary>
    public static AfricasTalkingSendReply Send(JsonElement root)
    {
        JsonElement data = JsonValues.Get(JsonValues.SingleObject(root), "SMSMessageData");
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw JsonValues.Invalid("no SMSMessageData object");
        }

        JsonElement recipients = JsonValues.Get(data, "Recipients");
        if (recipients.ValueKind != JsonValueKind.Array)
        {
            throw JsonValues.Invalid("SMSMessageData has no Recipients array");
        }

        return new AfricasTalkingSendReply(
            JsonValues.Text(JsonValues.Get(data, "Message"), ref s_message), // "Sent to 1/1 Total Cost: KES 0.8000": often the last one again
            JsonValues.Objects(recipients, "Recipients", static entry =>
            {
                (decimal? cost, string? currency) = Money(JsonValues.Get(entry, "cost"));
                return new AfricasTalkingRecipientReply(
                    JsonValues.Text(JsonValues.Get(entry, "number")),
                    JsonValues.Text(JsonValues.Get(entry, "statusCode"), ref s_statusCode),
                    JsonValues.Text(JsonValues.Get(entry, "status"), ref s_status),
                    cost,
                    currency,
                    MessageId(JsonValues.Get(entry, "messageId")),
                    JsonValues.Int32(JsonValues.Get(entry, "messageParts")));
            }));
    }

    /// <summary>Reads a <c>user</c> answer; throws <see cref="InvalidProviderResponseException"/> when unreadable.</summary>
    public static AfricasTalkingBalanceReply ReadBalance(ReadOnlySpan<byte> utf8) => JsonValues.Read(utf8, Balance);

    /// <summary>Maps a parsed <c>user</c> body as <see cref="ReadBalance"/> does.</summary>
    public static AfricasTalkingBalanceReply Balance(JsonElement root)
    {
        JsonElement user = JsonValues.Get(JsonValues.SingleObject(root), "UserData");
        (decimal? amount, string? currency) = user.ValueKind == JsonValueKind.Object ? Money(JsonValues.Get(user, "balance")) : (null, null);
        return amount is null
            ? throw JsonValues.Invalid("no UserData.balance amount")
            : new AfricasTalkingBalanceReply(amount, currency);
    }

    /// <summary>
    /// <c>"KES 0.8000"</c> is 0.8 KES; <c>"0"</c> (a recipient not sent) and a bare number are an amount without a
    /// currency; anything else is unknown (null, null), never an exception: a cost nobody can read is no reason to
    /// fail a send that went out.
    /// </summary>
    internal static (decimal? Amount, string? Currency) Money(JsonElement value)
    {
        if (JsonValues.Decimal(value) is decimal bare)
        {
            return (bare, null);
        }

        if (JsonValues.Text(value) is not { } text)
        {
            return (null, null);
        }

        int space = text.IndexOf(' ');
#if NETSTANDARD2_0
        string number = text.AsSpan(space + 1).Trim().ToString();
#else
        ReadOnlySpan<char> number = text.AsSpan(space + 1).Trim();
#endif
        if (space > 0 && decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal amount))
        {
            amount = JsonValues.Amount(amount);

            // The currency is the same on every entry and every reply: reuse the last one instead of a new string each time.
            string? last = Volatile.Read(ref s_currency);
            if (last is not null && text.AsSpan(0, space).SequenceEqual(last.AsSpan()))
            {
                return (amount, last);
            }

            string currency = text[..space];
            Volatile.Write(ref s_currency, currency);
            return (amount, currency);
        }

        return (null, null);
    }

    // "None", "" and an absent or null id all mean the recipient got none.
    private static string? MessageId(JsonElement value) =>
        JsonValues.Text(value) is { } id && !id.Equals("None", StringComparison.OrdinalIgnoreCase) ? id : null;
}
