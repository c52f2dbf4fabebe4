using System.Net;

namespace KenyaSms;

/// <summary>
/// A gateway call failed as a whole: credentials, sender ID, credits, account state, transport, or an
/// unreadable response. Per-recipient failures are not exceptions; see <see cref="SmsRecipientResult"/>.
/// </summary>
/// <remarks>
/// A background job should retry a failed send only when <see cref="MayHaveBeenSent"/> is false;
/// otherwise a retry may deliver the SMS twice. The message never contains an API key or an unmasked
/// phone number.
/// </remarks>
public class SmsGatewayException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public SmsGatewayException()
        : this("The SMS gateway call failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SmsGatewayException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SmsGatewayException(string message, Exception? innerException)
        : this("unknown", SmsErrorCode.Unknown, message, innerException: innerException)
    {
    }

    /// <summary>Creates an exception describing a failed gateway call.</summary>
    /// <param name="provider">The provider key.</param>
    /// <param name="error">The mapped error.</param>
    /// <param name="message">A message without secrets or unmasked phone numbers.</param>
    /// <param name="providerCode">The provider's raw status code, if any.</param>
    /// <param name="httpStatusCode">The HTTP status of the last response, if any.</param>
    /// <param name="isTransient">True when trying again later may succeed.</param>
    /// <param name="mayHaveBeenSent">True when the provider may have accepted the send.</param>
    /// <param name="innerException">The cause.</param>
    public SmsGatewayException(
        string provider,
        SmsErrorCode error,
        string message,
        string? providerCode = null,
        HttpStatusCode? httpStatusCode = null,
        bool isTransient = false,
        bool mayHaveBeenSent = false,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Throw.IfNull(provider);
        Provider = provider;
        Error = error;
        ProviderCode = providerCode;
        HttpStatusCode = httpStatusCode;
        IsTransient = isTransient;
        MayHaveBeenSent = mayHaveBeenSent;
    }

    /// <summary>The provider key (<c>"qserve"</c>, <c>"synqtel"</c>, ...).</summary>
    public string Provider { get; }

    /// <summary>The mapped error.</summary>
    public SmsErrorCode Error { get; }

    /// <summary>The provider's raw status code (e.g. <c>"1004"</c>, <c>"X001"</c>), when it sent one.</summary>
    public string? ProviderCode { get; }

    /// <summary>The HTTP status of the last response, when there was one.</summary>
    public HttpStatusCode? HttpStatusCode { get; }

    /// <summary>True when trying again later may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>
    /// True when the provider may have accepted the send (for example a timeout after the request body
    /// went out). False means the provider certainly did not take it, so retrying cannot duplicate it.
    /// Always false for reads.
    /// </summary>
    public bool MayHaveBeenSent { get; }
}
