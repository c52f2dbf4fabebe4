namespace KenyaSms.Sending;

/// <summary>
/// A send reply in the provider's words, mapped to our statuses: either a refusal of the whole request, or the
/// recipients it lists (in any order, numbers in any format) and the status of those it does not list.
/// </summary>
/// <param name="Recipients">The entries the reply lists.</param>
/// <param name="Refusal">The request was refused as a whole (bad credentials, no credit ...): nothing in it was accepted.</param>
/// <param name="RefusalMayHaveBeenSent">True when the refusal does not rule out that the provider sent it (an unknown code).</param>
/// <param name="Unlisted">The status of an entry the reply does not list; null: "not reported".</param>
/// <param name="Balance">The balance the reply carries, if any.</param>
internal readonly record struct SendReply(IReadOnlyList<RecipientReply> Recipients, SmsStatus? Refusal = null, bool RefusalMayHaveBeenSent = false, SmsStatus? Unlisted = null, decimal? Balance = null)
{
    /// <summary>A refusal of the whole request.</summary>
    public static SendReply Refused(SmsStatus status, bool mayHaveBeenSent = false) => new([], status, mayHaveBeenSent);
}
