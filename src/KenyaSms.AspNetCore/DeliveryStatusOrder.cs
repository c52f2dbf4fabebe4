using KenyaSms.AfricasTalking;
using KenyaSms.Synqtel;

namespace KenyaSms.AspNetCore;

/// <summary>
/// Which reports of a message reach the handler. Unknown, then Submitted, then a final status; within Unknown and
/// Submitted every distinct raw status is news (two unknown statuses are two reports); a final status never changes,
/// except that Delivered replaces a failure that may be temporary (an absent subscriber, an expiry).
/// </summary>
internal static class DeliveryStatusOrder
{
    public static DeliveryStep Step(DeliveryReport report) => report.Status switch
    {
        DeliveryStatus.Unknown => DeliveryStep.Unknown,
        DeliveryStatus.Submitted => DeliveryStep.Submitted,
        DeliveryStatus.Expired => DeliveryStep.TemporaryFailure,
        DeliveryStatus.Failed when IsSynqtel(report) && SynqtelDeliveryStatusMap.MayBeTemporary(report.ProviderStatus, report.ProviderDescription)
            => DeliveryStep.TemporaryFailure,
        DeliveryStatus.Failed when IsAfricasTalking(report) && AfricasTalkingDeliveryStatusMap.MayBeTemporary(report.ProviderStatus)
            => DeliveryStep.TemporaryFailure,
        _ => DeliveryStep.Final,
    };

    /// <summary>Whether a report is news after <paramref name="handled"/> (with its raw keys) was handled.</summary>
    public static bool IsNew(DeliveryStep handled, IReadOnlyCollection<string> handledKeys, DeliveryStep next, DeliveryStatus status, string key) => handled switch
    {
        DeliveryStep.None => true,
        DeliveryStep.TemporaryFailure => status == DeliveryStatus.Delivered,
        DeliveryStep.Final => false,
        _ => next > handled || (next == handled && !handledKeys.Contains(key)),
    };

    private static bool IsAfricasTalking(DeliveryReport report) =>
        string.Equals(report.Provider, AfricasTalkingSmsGateway.ProviderName, StringComparison.OrdinalIgnoreCase);

    private static bool IsSynqtel(DeliveryReport report) =>
        string.Equals(report.Provider, SynqtelSmsGateway.ProviderName, StringComparison.OrdinalIgnoreCase);
}
