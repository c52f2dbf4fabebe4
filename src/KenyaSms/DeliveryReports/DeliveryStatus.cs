namespace KenyaSms;

/// <summary>Where a sent message stands, according to a provider's delivery report.</summary>
/// <remarks>
/// Order of progress: <see cref="Unknown"/>, then <see cref="Submitted"/>, then one of the final statuses
/// (<see cref="Delivered"/>, <see cref="Failed"/>, <see cref="Expired"/>, <see cref="Rejected"/>).
/// </remarks>
public enum DeliveryStatus
{
    /// <summary>The report's status is not one the SDK knows (the raw values are kept on the report).</summary>
    Unknown,

    /// <summary>On its way: accepted by the provider or the mobile network, or waiting for the handset.</summary>
    Submitted,

    /// <summary>Delivered to the handset. Final.</summary>
    Delivered,

    /// <summary>The network tried and could not deliver it (subscriber absent, delivery impossible). Final.</summary>
    Failed,

    /// <summary>Not delivered within the message's validity period. Final.</summary>
    Expired,

    /// <summary>Refused before any delivery attempt (blacklisted number or sender name, insufficient balance). Final.</summary>
    Rejected,
}
