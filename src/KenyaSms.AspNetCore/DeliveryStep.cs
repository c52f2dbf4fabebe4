namespace KenyaSms.AspNetCore;

/// <summary>How far a message has come, in the order of <see cref="DeliveryStatusOrder"/>; the numbers are stored in records.</summary>
internal enum DeliveryStep
{
    /// <summary>Nothing handled yet.</summary>
    None = 0,

    /// <summary>A status the SDK does not know.</summary>
    Unknown = 1,

    /// <summary>On its way.</summary>
    Submitted = 2,

    /// <summary>Expired, or failed because the subscriber was absent: a delivery may still follow.</summary>
    TemporaryFailure = 3,

    /// <summary>Delivered, rejected, or failed for good.</summary>
    Final = 4,
}
