using KenyaSms.Json;

namespace KenyaSms.Synqtel;

/// <summary>
/// Maps a Synqtel delivery report's <c>dlrDesc</c> and <c>dlrStatus</c> to <see cref="DeliveryStatus"/>; never throws.
/// </summary>
/// <remarks>
/// The description decides, compared without case, spaces, dashes or underscores ("Sender Name Blacklisted",
/// "SenderName Blacklisted" and "sendername_blacklisted" are one). When it is missing or unknown, a
/// <c>dlrStatus</c> holding a description is read the same way; then the number: the reference documents only
/// <c>1</c> (its example pairs <c>"1"</c> with DeliveredToTerminal), so only <c>1</c> maps by number and every
/// other number stays <see cref="DeliveryStatus.Unknown"/> rather than guessed.
/// Failed means the network tried and could not deliver; Rejected means refused before any attempt (blacklists,
/// balance). The SMPP short forms (DELIVRD, UNDELIV, REJECTD, ENROUTE, EXPIRED) that gateways pass through are
/// read too.
/// </remarks>
internal static class SynqtelDeliveryStatusMap
{
    // Longer descriptions are not statuses; the cap keeps normalising a hostile value cheap.
    private const int MaxDescriptionLength = 64;

    public static DeliveryStatus Map(string? dlrStatus, string? dlrDesc)
    {
        DeliveryStatus status = FromDescription(dlrDesc);
        if (status == DeliveryStatus.Unknown)
        {
            status = FromDescription(dlrStatus);
        }

        return status == DeliveryStatus.Unknown && dlrStatus?.Trim() == "1" ? DeliveryStatus.Delivered : status;
    }

    /// <summary>
    /// Whether a failure may still end in a delivery: the subscriber was absent (phone off or out of coverage), so the
    /// network may deliver later. Read from the description, or from <c>dlrStatus</c> holding one, like <see cref="Map"/>.
    /// </summary>
    public static bool MayBeTemporary(string? dlrStatus, string? dlrDesc) =>
        Normalize(dlrDesc) is "absentsubscriber" || Normalize(dlrStatus) is "absentsubscriber";

    private static DeliveryStatus FromDescription(string? description) => Normalize(description) switch
    {
        "deliveredtoterminal" or "delivered" or "delivrd" => DeliveryStatus.Delivered,
        "deliveredtonetwork" or "messagewaiting" or "submitted" or "sent" or "enroute" => DeliveryStatus.Submitted,
        "deliveryimpossible" or "absentsubscriber" or "undeliverable" or "undeliv" or "failed" => DeliveryStatus.Failed,
        "userinblacklist" or "sendernameblacklisted" or "insufficientbalance" or "rejected" or "rejectd" => DeliveryStatus.Rejected,
        "expired" => DeliveryStatus.Expired,
        _ => DeliveryStatus.Unknown,
    };

    // Lower-case ASCII letters and digits only; null for anything empty or too long to be a status.
    private static string? Normalize(string? description)
    {
        if (description is null || description.Length == 0 || description.Length > MaxDescriptionLength)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[MaxDescriptionLength];
        int length = 0;
        foreach (char c in description)
        {
            if (AsciiChar.IsLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
            else if (c is not (' ' or '-' or '_'))
            {
                return null;
            }
        }

        return buffer[..length].ToString();
    }
}
