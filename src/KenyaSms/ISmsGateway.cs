namespace KenyaSms;

/// <summary>
/// A bulk-SMS gateway. Every implementation is thread-safe and meant to be used as a singleton.
/// </summary>
/// <remarks>
/// Whole-message problems (empty text, no recipients, text too long, bad sender ID) throw
/// <see cref="ArgumentException"/> before any request. Per-recipient problems (invalid number, DND)
/// are reported as rejected <see cref="SmsRecipientResult"/>s. Every other failure throws
/// <see cref="SmsGatewayException"/>, whose <see cref="SmsGatewayException.MayHaveBeenSent"/> says
/// whether the provider may have accepted the send.
/// </remarks>
public interface ISmsGateway
{
    /// <summary>The provider key: <c>"qserve"</c>, <c>"synqtel"</c>, or a custom key.</summary>
    string Name { get; }

    /// <summary>What this gateway supports.</summary>
    SmsGatewayCapabilities Capabilities { get; }

    /// <summary>Sends one text to one or more recipients.</summary>
    /// <param name="message">The message to send.</param>
    /// <param name="cancellationToken">Cancels the send; a cancelled send may still have reached the provider.</param>
    /// <returns>One result per input recipient, in input order.</returns>
    Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default);

    /// <summary>Sends many messages (possibly with different texts), in as many provider requests as needed.</summary>
    /// <param name="messages">The messages to send; enumerated once.</param>
    /// <param name="cancellationToken">Cancels the remaining requests.</param>
    /// <returns>One result whose recipients are flattened in input order.</returns>
    Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>Reads the account's remaining credits.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The balance reported by the provider.</returns>
    Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default);
}
