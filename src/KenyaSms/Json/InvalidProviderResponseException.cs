namespace KenyaSms.Json;

/// <summary>
/// Thrown by the response readers when a body cannot be read (not JSON, truncated, wrong shape).
/// The adapter turns it into <see cref="SmsGatewayException"/> with <see cref="SmsErrorCode.InvalidResponse"/>.
/// <see cref="Snippet"/> is short and redacted (no keys, no full phone numbers).
/// </summary>
internal sealed class InvalidProviderResponseException : Exception
{
    public InvalidProviderResponseException(string reason, string snippet, Exception? inner = null)
        : base(reason, inner)
    {
        Reason = reason;
        Snippet = snippet;
    }

    public InvalidProviderResponseException()
        : this("unreadable response", string.Empty)
    {
    }

    public InvalidProviderResponseException(string message)
        : this(message, string.Empty)
    {
    }

    public InvalidProviderResponseException(string message, Exception innerException)
        : this(message, string.Empty, innerException)
    {
    }

    /// <summary>Why the body was refused, e.g. "expected an object or a one-element array".</summary>
    public string Reason { get; }

    /// <summary>The start of the body, redacted.</summary>
    public string Snippet { get; }
}
