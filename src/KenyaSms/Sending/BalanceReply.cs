namespace KenyaSms.Sending;

/// <summary>A balance reply: the refusal, or the amount (null when the reply has none: <paramref name="Missing"/> says what is missing).</summary>
/// <param name="Amount">Credits, or money in <paramref name="Currency"/>.</param>
/// <param name="Missing">The reason an amount-less reply is unreadable ("it has no credits").</param>
/// <param name="Refusal">The provider refused the request.</param>
/// <param name="Currency">The currency, for a provider whose balance is money.</param>
internal readonly record struct BalanceReply(decimal? Amount, string Missing, SmsStatus? Refusal = null, string? Currency = null);
