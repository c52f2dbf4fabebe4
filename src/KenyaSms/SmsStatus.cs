namespace KenyaSms;

/// <summary>A provider status, with its raw code kept and mapped to <see cref="SmsErrorCode"/>.</summary>
/// <param name="Provider">The provider that reported the status.</param>
/// <param name="Code">The raw code as the provider sent it (e.g. <c>"1003"</c>, <c>"X001"</c>).</param>
/// <param name="Description">The provider's description, or the SDK's when the provider gave none.</param>
/// <param name="Error">The mapped error; <see cref="SmsErrorCode.None"/> on success.</param>
/// <param name="IsSuccess">True when the provider accepted the request.</param>
/// <param name="IsTransient">True when trying again later may succeed.</param>
public sealed record SmsStatus(string Provider, string Code, string Description, SmsErrorCode Error, bool IsSuccess, bool IsTransient)
{
    /// <summary>
    /// For a recipient that is not accepted: true when the provider may nevertheless have taken the
    /// message (its request failed after the body went out, the provider's answer did not mention this
    /// recipient, or it gave a status code the SDK does not know). Do not resend such a recipient blindly.
    /// Always false for success.
    /// </summary>
    public bool MayHaveBeenSent { get; init; }
}
