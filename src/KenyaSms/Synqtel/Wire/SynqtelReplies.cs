namespace KenyaSms.Synqtel.Wire;

// Normalised views of Synqtel responses, produced by SynqtelResponseReader. Quirks are resolved here:
// one-element array or object; numbers as strings or numbers; "" and "0" (for message ids) mean null.

/// <summary>A sendsms response.</summary>
internal readonly record struct SynqtelSingleReply(string? StatusCode, string? StatusDesc, string? MessageId, string? Mobile, string? NetworkId, decimal? Cost, decimal? CreditBalance)
{
    // The generated ToString would print the number (likewise below).
    public override string ToString() => $"SynqtelSingleReply {{ StatusCode = {StatusCode}, MessageId = {MessageId} }}";
}

/// <summary>A sendmultiple response.</summary>
internal sealed record SynqtelMultipleReply(string? StatusCode, string? StatusDesc, decimal? CreditBalance, IReadOnlyList<SynqtelScheduleReply> Details);

/// <summary>One schedule_details entry.</summary>
internal readonly record struct SynqtelScheduleReply(string? MessageId, string? ClientRef, string? Mobile, string? ScheduleStatus, string? ScheduleDesc, string? NetworkId, decimal? Cost)
{
    public override string ToString() => $"SynqtelScheduleReply {{ ClientRef = {ClientRef}, ScheduleStatus = {ScheduleStatus} }}";
}

/// <summary>A getbalance response (JSON object/array, or a bare value when plain).</summary>
internal readonly record struct SynqtelBalanceReply(string? StatusCode, string? StatusDesc, decimal? CreditBalance);

/// <summary>A mobile (lookup) response.</summary>
internal readonly record struct SynqtelLookupReply(string? StatusCode, string? StatusDesc, string? Mobile, string? NetworkId)
{
    public override string ToString() => $"SynqtelLookupReply {{ StatusCode = {StatusCode}, NetworkId = {NetworkId} }}";
}
