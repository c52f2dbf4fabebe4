using KenyaSms.AfricasTalking;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;

namespace KenyaSms;

/// <summary>Maps a provider's raw status code to an <see cref="SmsStatus"/>.</summary>
public static class SmsStatusMapper
{
    /// <summary>
    /// Maps <paramref name="code"/> as reported by <paramref name="provider"/>. An unknown provider or
    /// code maps to <see cref="SmsErrorCode.Unknown"/> (never success, and <see cref="SmsStatus.MayHaveBeenSent"/>,
    /// since an unreadable answer does not prove the message was not sent) with the raw code kept; never throws.
    /// </summary>
    /// <param name="provider">The provider key, e.g. <c>"qserve"</c> (or <c>"254sms"</c>), <c>"synqtel"</c> or <c>"africastalking"</c>; case-insensitive.</param>
    /// <param name="code">The raw code, e.g. <c>"101"</c>, <c>"X001"</c>, <c>"1003"</c>, or Africa's Talking's per-recipient <c>"403"</c>.</param>
    /// <param name="description">The provider's description, if any; kept in <see cref="SmsStatus.Description"/>.</param>
    /// <returns>The mapped status.</returns>
    public static SmsStatus Map(string provider, string? code, string? description = null)
    {
        string key = provider?.Trim() ?? string.Empty;
        if (key.Equals(QserveStatusMap.Provider, StringComparison.OrdinalIgnoreCase)
            || key.Equals("254sms", StringComparison.OrdinalIgnoreCase))
        {
            return QserveStatusMap.Map(code, description);
        }

        if (key.Equals(SynqtelStatusMap.Provider, StringComparison.OrdinalIgnoreCase))
        {
            return SynqtelStatusMap.Map(code, description);
        }

        if (key.Equals(AfricasTalkingStatusMap.Provider, StringComparison.OrdinalIgnoreCase))
        {
            return AfricasTalkingStatusMap.Map(code, description);
        }

        return StatusDefinition.Unknown.ToStatus(key, code?.Trim() ?? string.Empty, description);
    }

    /// <summary>
    /// True for the errors that concern one recipient (the result lists it as rejected) rather than the
    /// whole request (the gateway throws <see cref="SmsGatewayException"/>).
    /// </summary>
    internal static bool IsRecipientLevel(SmsErrorCode error) =>
        error is SmsErrorCode.InvalidPhoneNumber or SmsErrorCode.DoNotDisturb or SmsErrorCode.NetworkNotAllowed;
}
