namespace KenyaSms.AfricasTalking.Wire;

// Normalised views of Africa's Talking answers, produced by AfricasTalkingResponseReader. Quirks are resolved here:
// statusCode as a number or a string, "None" / "" / absent message ids as null, costs and balances as an amount and
// a currency ("KES 0.8000", "0").

/// <summary>A <c>messaging</c> answer: the prose <c>Message</c> and one entry per number AT parsed.</summary>
internal sealed record AfricasTalkingSendReply(string? Message, IReadOnlyList<AfricasTalkingRecipientReply> Recipients)
{
    /// <summary>
    /// An empty <c>Recipients</c> list with a one-word <c>Message</c> (<c>InvalidSenderId</c>): AT refused the whole request
    /// and sent nothing (recorded with HTTP 201). Null when the reply lists recipients.
    /// </summary>
    public string? RequestRefusal => Recipients.Count == 0 && Message is { Length: > 0 } word && word.IndexOf(' ') < 0 ? word : null;
}

/// <summary>One <c>Recipients</c> entry.</summary>
internal readonly record struct AfricasTalkingRecipientReply(string? Number, string? StatusCode, string? Status, decimal? Cost, string? Currency, string? MessageId, int? MessageParts);

/// <summary>A <c>user</c> answer: the balance, money with its currency.</summary>
internal readonly record struct AfricasTalkingBalanceReply(decimal? Amount, string? Currency);
