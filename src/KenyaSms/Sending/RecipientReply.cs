namespace KenyaSms.Sending;

/// <summary>What a reply says about one entry: the number and client reference it echoes (to match it to the request), its status, and what came with it.</summary>
internal readonly record struct RecipientReply(string? Number, string? ClientRef, SmsStatus Status, string? MessageId = null, decimal? Cost = null);
