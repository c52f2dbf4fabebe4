namespace KenyaSms.AfricasTalking;

/// <summary>
/// The <c>failureReason</c> values Africa's Talking documents for a <c>Rejected</c> or <c>Failed</c> delivery report.
/// <see cref="DeliveryReport.ProviderDescription"/> of an Africa's Talking report holds the reason; a documented one is
/// spelled exactly as here whatever case AT used, so compare with <c>==</c>. Other reasons are kept as received.
/// </summary>
public static class AfricasTalkingFailureReasons
{
    /// <summary>The account's balance could not pay for the message.</summary>
    public const string InsufficientCredit = "InsufficientCredit";

    /// <summary>The premium-SMS link id was invalid.</summary>
    public const string InvalidLinkId = "InvalidLinkId";

    /// <summary>The subscriber's line is inactive.</summary>
    public const string UserIsInactive = "UserIsInactive";

    /// <summary>The subscriber blacklisted the sender (opted out of its messages): do not send to them again.</summary>
    public const string UserInBlackList = "UserInBlackList";

    /// <summary>The subscriber's account is suspended.</summary>
    public const string UserAccountSuspended = "UserAccountSuspended";

    /// <summary>The number does not belong to the network the message was routed to.</summary>
    public const string NotNetworkSubscriber = "NotNetworkSubscriber";

    /// <summary>The subscriber is not subscribed to the (premium) product.</summary>
    public const string UserNotSubscribedToProduct = "UserNotSubscribedToProduct";

    /// <summary>The number does not exist.</summary>
    public const string UserDoesNotExist = "UserDoesNotExist";

    /// <summary>The network could not deliver the message.</summary>
    public const string DeliveryFailure = "DeliveryFailure";

    /// <summary>The subscriber's do-not-disturb setting refused the message.</summary>
    public const string DoNotDisturbRejection = "DoNotDisturbRejection";

    private static readonly string[] Known =
    [
        InsufficientCredit, InvalidLinkId, UserIsInactive, UserInBlackList, UserAccountSuspended, NotNetworkSubscriber,
        UserNotSubscribedToProduct, UserDoesNotExist, DeliveryFailure, DoNotDisturbRejection,
    ];

    // A documented reason in its documented spelling; anything else as received.
    internal static string Canonical(string reason) =>
        Array.Find(Known, k => string.Equals(k, reason, StringComparison.OrdinalIgnoreCase)) ?? reason;
}
