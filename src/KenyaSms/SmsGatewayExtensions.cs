using KenyaSms.Sending;

namespace KenyaSms;

/// <summary>Convenience overloads for <see cref="ISmsGateway"/>.</summary>
public static class SmsGatewayExtensions
{
    /// <summary>Sends <paramref name="text"/> to one recipient.</summary>
    /// <param name="gateway">The gateway.</param>
    /// <param name="to">The recipient's phone number, in any common Kenyan form.</param>
    /// <param name="text">The message text.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The result for the recipient.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is empty, or too long for the provider (both name <c>text</c>).</exception>
    public static Task<SmsSendResult> SendAsync(this ISmsGateway gateway, string to, string text, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(gateway);
        return SendNamingTextAsync(gateway, new SmsMessage(to, text), nameof(text), cancellationToken);
    }

    /// <summary>Sends one <paramref name="text"/> to many recipients.</summary>
    /// <param name="gateway">The gateway.</param>
    /// <param name="to">The recipients' phone numbers, in any common Kenyan form.</param>
    /// <param name="text">The message text.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>One result per recipient, in input order.</returns>
    /// <exception cref="ArgumentException"><paramref name="to"/> is empty, or <paramref name="text"/> is empty or too long for the provider (both name <c>text</c>).</exception>
    public static Task<SmsSendResult> SendAsync(this ISmsGateway gateway, IEnumerable<string> to, string text, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(gateway);
        return SendNamingTextAsync(gateway, new SmsMessage(to, text), nameof(text), cancellationToken);
    }

    // The gateway refuses a message as a whole naming its own parameter, "message"; the caller of these overloads
    // passed no message, and an empty text already names "text" (SmsMessage): a text too long for the provider must
    // name it too, whatever the mistake. Nothing else of the message can be wrong here (no sender ID, no key), and the
    // refusal comes before any request.
    private static async Task<SmsSendResult> SendNamingTextAsync(ISmsGateway gateway, SmsMessage message, string textParameter, CancellationToken cancellationToken)
    {
        try
        {
            return await gateway.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (e.GetType() == typeof(ArgumentException) && e.ParamName == "message")
        {
            // What the runtime appends to name a parameter (" (Parameter 'message')" on .NET, "\r\nParameter name: message"
            // on .NET Framework, translated under other UI cultures), asked of the runtime rather than assumed.
            string suffix = new ArgumentException(string.Empty, e.ParamName).Message;
            string reason = e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message.Substring(0, e.Message.Length - suffix.Length) : e.Message;
            throw new ArgumentException(reason, textParameter, e);
        }
    }

    /// <summary>
    /// Sends a campaign of any size window by window: reads <paramref name="windowSize"/> messages, sends them with
    /// <see cref="ISmsGateway.SendBatchAsync"/>, yields their results in input order, and only then reads the next
    /// window. Memory is bounded by the window, not by the campaign (unlike <see cref="ISmsGateway.SendBatchAsync"/>,
    /// which validates every message before the first request and so keeps every message alive).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Validation is per window: a message the gateway refuses as a whole (see <see cref="ISmsGateway"/>) throws
    /// <see cref="ArgumentException"/> (parameter <c>messages</c>, the message names the input index) before any
    /// request of <em>its</em> window, but after the results of every earlier window were yielded: those windows were
    /// sent. A null message throws <see cref="ArgumentNullException"/> the same way. Validate the campaign first, or
    /// use <see cref="ISmsGateway.SendBatchAsync"/>, when "all or nothing" matters more than memory.
    /// </para>
    /// <para>
    /// Each window behaves as one <see cref="ISmsGateway.SendBatchAsync"/> call: per-recipient results, including
    /// <see cref="SmsStatus.MayHaveBeenSent"/> for requests that failed inside the window, and an
    /// <see cref="SmsGatewayException"/> when every request of the window failed (earlier windows were sent). The
    /// input is enumerated once, lazily. The arguments are checked at the call; nothing is read or sent until the
    /// results are enumerated.
    /// </para>
    /// </remarks>
    /// <param name="gateway">The gateway (any <see cref="ISmsGateway"/>, a failover chain included).</param>
    /// <param name="messages">The messages; enumerated once, <paramref name="windowSize"/> at a time.</param>
    /// <param name="windowSize">How many messages each <see cref="ISmsGateway.SendBatchAsync"/> call sends (at least 1).</param>
    /// <param name="cancellationToken">Cancels the remaining windows and the requests in flight; a cancelled send may still have reached the provider.</param>
    /// <returns>One result per input recipient, in input order, window after window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="gateway"/> or <paramref name="messages"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowSize"/> is less than 1.</exception>
    public static IAsyncEnumerable<SmsRecipientResult> SendBatchStreamAsync(this ISmsGateway gateway, IEnumerable<SmsMessage> messages, int windowSize = 1000, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(gateway);
        Throw.IfNull(messages);
        BatchStream.ThrowIfWindowTooSmall(windowSize);
        return BatchStream.SendAsync(gateway, BatchStream.AsAsync(messages), windowSize, cancellationToken);
    }

    /// <summary>
    /// Sends a campaign read asynchronously (from a database, a file, a queue) window by window: reads
    /// <paramref name="windowSize"/> messages, sends them with <see cref="ISmsGateway.SendBatchAsync"/>, yields their
    /// results in input order, and only then reads the next window. Memory is bounded by the window.
    /// </summary>
    /// <remarks>
    /// The same semantics as the <see cref="IEnumerable{T}"/> overload: validation per window (a refused message throws
    /// <see cref="ArgumentException"/> naming its input index before any request of its window, after every earlier
    /// window was sent and its results yielded), arguments checked at the call, nothing read or sent until enumerated.
    /// <paramref name="cancellationToken"/> and the token given to <c>WithCancellation</c> both cancel, and both
    /// are passed to <paramref name="messages"/>.
    /// </remarks>
    /// <param name="gateway">The gateway (any <see cref="ISmsGateway"/>, a failover chain included).</param>
    /// <param name="messages">The messages; enumerated once, <paramref name="windowSize"/> at a time.</param>
    /// <param name="windowSize">How many messages each <see cref="ISmsGateway.SendBatchAsync"/> call sends (at least 1).</param>
    /// <param name="cancellationToken">Cancels the remaining windows and the requests in flight; a cancelled send may still have reached the provider.</param>
    /// <returns>One result per input recipient, in input order, window after window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="gateway"/> or <paramref name="messages"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowSize"/> is less than 1.</exception>
    public static IAsyncEnumerable<SmsRecipientResult> SendBatchStreamAsync(this ISmsGateway gateway, IAsyncEnumerable<SmsMessage> messages, int windowSize = 1000, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(gateway);
        Throw.IfNull(messages);
        BatchStream.ThrowIfWindowTooSmall(windowSize);
        return BatchStream.SendAsync(gateway, messages, windowSize, cancellationToken);
    }

    /// <summary>
    /// Estimates, offline, what sending <paramref name="messages"/> through <paramref name="gateway"/> would cost: no
    /// request is made and nothing is recorded. Each message is validated as the send would validate it, so a message the
    /// gateway would refuse as a whole throws here too; invalid numbers are counted, not thrown, and a number given twice in
    /// one message is counted once.
    /// </summary>
    /// <remarks>
    /// For a failover chain, a message must suit every provider of the chain (as for its send). A gateway that is not
    /// one of the SDK's is checked with the rules every provider shares (text, idempotency key, sender ID when given) and
    /// no segment limit. Credits are one per segment per recipient. Safe mode and suppression lists are not applied: the
    /// estimate is the cost of the whole audience, an upper bound of what a send charges.
    /// </remarks>
    /// <param name="gateway">The gateway whose rules apply.</param>
    /// <param name="messages">The messages; enumerated once.</param>
    /// <returns>The counts of messages, recipients, invalid recipients, segments and credits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="gateway"/> or <paramref name="messages"/> is null, or a message is null (the parameter name says which).</exception>
    /// <exception cref="ArgumentException">There is no message, or a message would be refused (the parameter name says which, e.g. <c>messages[3]</c>).</exception>
    public static SmsSendEstimate Estimate(this ISmsGateway gateway, IEnumerable<SmsMessage> messages)
    {
        Throw.IfNull(gateway);
        Throw.IfNull(messages);
        return Policies.SmsSendEstimator.Estimate(gateway, messages);
    }
}
