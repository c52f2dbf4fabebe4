namespace KenyaSms;

/// <summary>Provider-agnostic reason a request or a recipient failed.</summary>
public enum SmsErrorCode
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The provider says mandatory parameters are missing (254sms X000).</summary>
    MissingParameters,

    /// <summary>Unknown or invalid credentials (254sms X001, Synqtel 1006/1013).</summary>
    InvalidCredentials,

    /// <summary>The API key is not valid for this domain (254sms X002).</summary>
    CredentialsNotAllowedForDomain,

    /// <summary>Unknown or expired user token (254sms X003).</summary>
    InvalidUserToken,

    /// <summary>The sender ID or short code is not valid for the account (Synqtel 1001).</summary>
    InvalidSenderId,

    /// <summary>The recipient's network is not allowed (Synqtel 1002).</summary>
    NetworkNotAllowed,

    /// <summary>The recipient's number is not a valid mobile number (Synqtel 1003, or rejected by the SDK).</summary>
    InvalidPhoneNumber,

    /// <summary>Not enough credits (Synqtel 1004).</summary>
    InsufficientCredits,

    /// <summary>The provider failed internally (Synqtel 1005, 1007, 1008).</summary>
    ProviderInternalError,

    /// <summary>The account is suspended or in an invalid state (Synqtel 1011).</summary>
    AccountSuspended,

    /// <summary>The recipient is on the do-not-disturb list (Synqtel 1012).</summary>
    DoNotDisturb,

    /// <summary>The caller's IP address is not allowed (Synqtel 1014).</summary>
    IpNotAllowed,

    /// <summary>The provider does not support the data type sent (Synqtel 1009).</summary>
    UnsupportedDataType,

    /// <summary>The provider does not support the request type (Synqtel 1010).</summary>
    UnsupportedRequestType,

    /// <summary>The request failed on the way: connection, timeout, HTTP error status, or an open circuit.</summary>
    Transport,

    /// <summary>The provider's response could not be read.</summary>
    InvalidResponse,

    /// <summary>A code the SDK does not know. Never treated as success.</summary>
    Unknown,

    /// <summary>
    /// The SDK cannot tell whether the provider accepted it: its request was going out when the send was cancelled
    /// and no answer came within the grace period. It may have been sent; check delivery reports before sending again.
    /// </summary>
    OutcomeUnknown,

    /// <summary>The caller cancelled the send before this recipient's request started: not sent, safe to send again.</summary>
    Canceled,

    /// <summary>The send ledger could not be reached to claim the send; nothing was sent, and trying again later is safe.</summary>
    LedgerUnavailable,

    /// <summary>
    /// The idempotency key was already used for this recipient with another text or sender: nothing was sent, and the
    /// ledger's entry is unchanged. Use a new key for a new message.
    /// </summary>
    IdempotencyConflict,

    /// <summary>The recipient is suppressed (opted out, or not on the safe-mode allowlist): not sent.</summary>
    Suppressed,

    /// <summary>The provider held the message in its fraud or risk checks (Africa's Talking 401 RiskHold): not sent.</summary>
    RiskHold,

    /// <summary>
    /// The subscriber blocked this sender at the provider (Africa's Talking 406 UserInBlacklist): not sent, and sending
    /// again will not reach them. Unlike <see cref="Suppressed"/>, the provider refused it, not the SDK's own list.
    /// </summary>
    OptedOut,
}
