namespace KenyaSms.Qserve.Wire;

// Normalised views of 254sms responses, produced by QserveResponseReader. Quirks are resolved here:
// StatusCode always holds the code-like value (101, X001, 2) and StatusMessage the text, whichever
// field the provider put them in; numbers sent as strings are parsed; "" means null.

/// <summary>A sendsms (or error) response.</summary>
internal sealed record QserveSendReply(string? StatusCode, string? StatusMessage, decimal? Balance, int? RecipientsCount, IReadOnlyList<QserveRecipientReply> Recipients);

/// <summary>One entry of messageDetails.</summary>
internal readonly record struct QserveRecipientReply(string? Recipient, string? StatusCode, string? StatusMessage);

/// <summary>A credits (or error) response.</summary>
internal readonly record struct QserveCreditsReply(string? StatusCode, string? StatusMessage, decimal? Credits);
