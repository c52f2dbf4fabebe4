namespace KenyaSms;

/// <summary>
/// A send (<see cref="ISmsGateway.SendAsync"/>, <see cref="ISmsGateway.SendBatchAsync"/>, the failover chain, the
/// streaming overloads) was cancelled by the caller's token. It is an <see cref="OperationCanceledException"/>, so
/// hosts and existing <c>catch</c> blocks treat it as cancellation, and it says what a job needs before it runs again:
/// whether anything may have gone out, and, per recipient, what is known.
/// </summary>
/// <remarks>
/// A request whose body had started to go out when the caller cancelled is given
/// <see cref="SmsResilienceOptions.CancellationGracePeriod"/> to finish, so its outcome is usually known: a single
/// send that finished in time returns its result instead of throwing. Retry only the recipients of
/// <see cref="PartialResult"/> whose status says they were not sent (<see cref="SmsStatus.MayHaveBeenSent"/> false
/// and not accepted). The message never contains an API key or an unmasked phone number.
/// </remarks>
public class SmsSendCanceledException : OperationCanceledException
{
    /// <summary>Creates an exception with a default message.</summary>
    public SmsSendCanceledException()
        : this("The send was cancelled.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">A message without secrets or unmasked phone numbers.</param>
    public SmsSendCanceledException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and its cause.</summary>
    /// <param name="message">A message without secrets or unmasked phone numbers.</param>
    /// <param name="innerException">The cause.</param>
    public SmsSendCanceledException(string message, Exception? innerException)
        : this("unknown", message, mayHaveBeenSent: true, partialResult: null, innerException)
    {
    }

    /// <summary>Creates an exception that says what is known of the cancelled send.</summary>
    /// <param name="provider">The provider key.</param>
    /// <param name="message">A message without secrets or unmasked phone numbers.</param>
    /// <param name="mayHaveBeenSent">True when a request body of this call had started to go out.</param>
    /// <param name="partialResult">One entry per input recipient, in order, when known.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="cancellationToken">The caller's token that was cancelled.</param>
    public SmsSendCanceledException(string provider, string message, bool mayHaveBeenSent, SmsSendResult? partialResult, Exception? innerException = null, CancellationToken cancellationToken = default)
        : base(message, innerException, cancellationToken)
    {
        Provider = provider ?? throw new ArgumentNullException(nameof(provider));
        MayHaveBeenSent = mayHaveBeenSent;
        PartialResult = partialResult;
    }

    /// <summary>The provider key (<c>"qserve"</c>, <c>"synqtel"</c>, ...) of the gateway that was sending.</summary>
    public string Provider { get; }

    /// <summary>
    /// True when a request body of this call had started to go out, so the provider may have accepted some of it:
    /// see <see cref="PartialResult"/> for which recipients. False means nothing reached the provider.
    /// </summary>
    public bool MayHaveBeenSent { get; }

    /// <summary>
    /// What is known, one entry per input recipient in input order: accepted (with message id), rejected, not sent
    /// (never started: <see cref="SmsStatus.MayHaveBeenSent"/> false), or may have been sent. Null when the
    /// cancellation came before the recipients were known.
    /// </summary>
    public SmsSendResult? PartialResult { get; }
}
