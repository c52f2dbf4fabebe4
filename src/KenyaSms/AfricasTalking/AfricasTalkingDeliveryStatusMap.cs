namespace KenyaSms.AfricasTalking;

/// <summary>
/// Maps the <c>status</c> word of an Africa's Talking delivery report to <see cref="DeliveryStatus"/>; never throws.
/// </summary>
/// <remarks>
/// Reference "Delivery reports (AT calls the customer)": <c>Success</c> is delivered to the handset; <c>Sent</c>,
/// <c>Submitted</c> and <c>Buffered</c> are on the way; <c>Rejected</c>, <c>Failed</c>, <c>AbsentSubscriber</c> and
/// <c>Expired</c> are final failures. <c>InsufficientBalance</c> (seen, not described) is a refusal before any attempt,
/// so Rejected. Words are compared without case. <c>Incomplete</c> and anything else stay
/// <see cref="DeliveryStatus.Unknown"/> (the raw word is kept on the report) rather than guessed.
/// </remarks>
internal static class AfricasTalkingDeliveryStatusMap
{
    /// <summary>AT's word for a subscriber whose phone was off or out of coverage: the network may still deliver later.</summary>
    public const string AbsentSubscriber = "AbsentSubscriber";

    public static DeliveryStatus Map(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "SUCCESS" => DeliveryStatus.Delivered,
        "SENT" or "SUBMITTED" or "BUFFERED" => DeliveryStatus.Submitted,
        "REJECTED" or "INSUFFICIENTBALANCE" => DeliveryStatus.Rejected,
        "FAILED" or "ABSENTSUBSCRIBER" => DeliveryStatus.Failed,
        "EXPIRED" => DeliveryStatus.Expired,
        _ => DeliveryStatus.Unknown,
    };

    /// <summary>Whether a failure may still end in a delivery (an absent subscriber), as for Synqtel.</summary>
    public static bool MayBeTemporary(string? status) =>
        string.Equals(status?.Trim(), AbsentSubscriber, StringComparison.OrdinalIgnoreCase);
}
