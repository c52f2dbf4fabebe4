using System.Runtime.CompilerServices;

namespace KenyaSms.Internal;

/// <summary>Statuses the SDK itself assigns to recipients (codes start with "sdk:" so they never clash with a provider's).</summary>
/// <remarks>
/// <see cref="SmsStatus"/> is immutable (a record; <c>with</c> makes a copy), so every recipient given the same
/// status shares one instance: per provider for the fixed ones, per exception for <see cref="RequestFailed"/>.
/// </remarks>
internal static class SdkStatus
{
    private static readonly ConditionalWeakTable<SmsGatewayException, SmsStatus> Failed = new();
    private static SmsStatus? s_invalidNumber;
    private static SmsStatus? s_notReported;

    public static SmsStatus InvalidNumber(string provider) => Shared(ref s_invalidNumber, provider, static p =>
        new(p, "sdk:invalid-number", "Not a valid Kenyan mobile number; not sent.", SmsErrorCode.InvalidPhoneNumber, IsSuccess: false, IsTransient: false));

    /// <summary>The provider accepted the request but its answer did not mention this recipient.</summary>
    public static SmsStatus NotReported(string provider) => Shared(ref s_notReported, provider, static p =>
        new(p, "sdk:not-reported", "The provider's response did not report this recipient; it may have been sent.", SmsErrorCode.Unknown, IsSuccess: false, IsTransient: false)
        {
            MayHaveBeenSent = true,
        });

    /// <summary>The request carrying this recipient failed as a whole (in a batch where other requests succeeded).</summary>
    public static SmsStatus RequestFailed(SmsGatewayException exception) => Failed.GetValue(exception, static e =>
        new(e.Provider, e.ProviderCode ?? "sdk:request-failed", e.Message, e.Error, IsSuccess: false, e.IsTransient)
        {
            MayHaveBeenSent = e.MayHaveBeenSent,
        });

    // The status last built, if for this provider; else a new one kept in its place (two providers in turn: rebuilt, still correct).
    private static SmsStatus Shared(ref SmsStatus? slot, string provider, Func<string, SmsStatus> create)
    {
        SmsStatus? last = Volatile.Read(ref slot);
        if (last is not null && string.Equals(last.Provider, provider, StringComparison.Ordinal))
        {
            return last;
        }

        SmsStatus status = create(provider);
        Volatile.Write(ref slot, status);
        return status;
    }
}
