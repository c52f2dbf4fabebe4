using System.Runtime.CompilerServices;

namespace KenyaSms.Sending;

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
    private static SmsStatus? s_canceled;
    private static SmsStatus? s_canceledInFlight;

    public static SmsStatus InvalidNumber(string provider) => Shared(ref s_invalidNumber, provider, static p =>
        new(p, "sdk:invalid-number", "Not a valid Kenyan mobile number; not sent.", SmsErrorCode.InvalidPhoneNumber, IsSuccess: false, IsTransient: false));

    /// <summary>The provider accepted the request but its answer did not mention this recipient.</summary>
    public static SmsStatus NotReported(string provider) => Shared(ref s_notReported, provider, static p =>
        new(p, "sdk:not-reported", "The provider's response did not report this recipient; it may have been sent.", SmsErrorCode.Unknown, IsSuccess: false, IsTransient: false)
        {
            MayHaveBeenSent = true,
        });

    /// <summary>The send was cancelled before this recipient's request started: nothing of it reached the provider.</summary>
    public static SmsStatus Canceled(string provider) => Shared(ref s_canceled, provider, static p =>
        new(p, "sdk:canceled", "The send was cancelled before this recipient's request started; not sent.", SmsErrorCode.Canceled, IsSuccess: false, IsTransient: true));

    /// <summary>The send was cancelled while this recipient's request was going out, and no answer came within the grace period.</summary>
    public static SmsStatus CanceledInFlight(string provider) => Shared(ref s_canceledInFlight, provider, static p =>
        new(p, "sdk:canceled-in-flight", "The send was cancelled while this recipient's request was going out and no answer came in time; it may have been sent.", SmsErrorCode.OutcomeUnknown, IsSuccess: false, IsTransient: false)
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
