namespace KenyaSms.Internal;

/// <summary>Statuses the SDK itself assigns to recipients (codes start with "sdk:" so they never clash with a provider's).</summary>
internal static class SdkStatus
{
    public static SmsStatus InvalidNumber(string provider) =>
        new(provider, "sdk:invalid-number", "Not a valid Kenyan mobile number; not sent.", SmsErrorCode.InvalidPhoneNumber, IsSuccess: false, IsTransient: false);

    /// <summary>The provider accepted the request but its answer did not mention this recipient.</summary>
    public static SmsStatus NotReported(string provider) =>
        new(provider, "sdk:not-reported", "The provider's response did not report this recipient; it may have been sent.", SmsErrorCode.Unknown, IsSuccess: false, IsTransient: false)
        {
            MayHaveBeenSent = true,
        };

    /// <summary>The request carrying this recipient failed as a whole (in a batch where other requests succeeded).</summary>
    public static SmsStatus RequestFailed(SmsGatewayException exception) =>
        new(exception.Provider, exception.ProviderCode ?? "sdk:request-failed", exception.Message, exception.Error, IsSuccess: false, exception.IsTransient)
        {
            MayHaveBeenSent = exception.MayHaveBeenSent,
        };
}
