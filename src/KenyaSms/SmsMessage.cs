namespace KenyaSms;

/// <summary>One text to one or more recipients.</summary>
/// <remarks>
/// Recipients are kept exactly as given; gateways normalise and de-duplicate them when sending and
/// report one result per input recipient. Emptiness (no recipient, a null recipient, blank text) is
/// checked here; the provider's limits (text length, sender ID) when the message is sent.
/// </remarks>
public sealed class SmsMessage
{
    /// <summary>Creates a message to one recipient.</summary>
    /// <param name="to">The recipient's phone number, in any common Kenyan form.</param>
    /// <param name="text">The message text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="to"/> or <paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is empty or white space.</exception>
    public SmsMessage(string to, string text)
    {
        Throw.IfNull(to);
        Text = ValidateText(text);
        To = [to];
    }

    /// <summary>Creates a message to many recipients.</summary>
    /// <param name="to">The recipients' phone numbers, in any common Kenyan form.</param>
    /// <param name="text">The message text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="to"/>, one of its items, or <paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is empty, or <paramref name="text"/> is empty or white space.</exception>
    public SmsMessage(IEnumerable<string> to, string text)
    {
        Throw.IfNull(to);
        Text = ValidateText(text);
        string[] copy = [.. to];
        if (copy.Length == 0)
        {
            throw new ArgumentException("At least one recipient is required.", nameof(to));
        }

        for (int i = 0; i < copy.Length; i++)
        {
            if (copy[i] is null)
            {
                throw new ArgumentNullException(nameof(to), $"Recipient at index {i} is null.");
            }
        }

        To = copy;
    }

    /// <summary>The recipients as given by the caller.</summary>
    public IReadOnlyList<string> To { get; }

    /// <summary>The message text.</summary>
    public string Text { get; }

    /// <summary>Overrides the configured default sender ID (1-11 letters, digits or spaces, or a numeric short code).</summary>
    public string? SenderId { get; init; }

    /// <summary>
    /// A caller reference echoed in each recipient's result (<see cref="SmsRecipientResult.ClientReference"/>; sent to
    /// Synqtel as <c>client_ref</c>). Delivery reports do not carry it (no provider sends it back in them): keep it with
    /// the <see cref="SmsRecipientResult.MessageId"/> to match reports.
    /// </summary>
    public string? ClientReference { get; init; }

    /// <summary>
    /// Makes sending this message idempotent when a send ledger is registered (<c>AddInMemorySendLedger</c>,
    /// <c>AddSqliteSendLedger</c>, <c>AddPostgreSqlSendLedger</c>): each (key, recipient) pair is accepted by a provider
    /// at most once, however often the send runs (job retries, restarts, several workers); a repeat is answered from
    /// the ledger (<see cref="SmsRecipientResult.IsReplay"/>). 1-200 printable ASCII characters, e.g.
    /// <c>"invoice-8812:reminder-1"</c>; checked when sent. Without a ledger it is ignored.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Sends to every recipient even when a suppression list (<see cref="ISmsSuppressionList"/>) holds some of them: for
    /// OTPs and security notices a subscriber must get whatever they opted out of. Safe mode still applies.
    /// </summary>
    public bool BypassSuppression { get; init; }

    private static string ValidateText(string text)
    {
        Throw.IfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The message text is empty or only white space.", nameof(text));
        }

        return text;
    }

    /// <summary>Describes the message without its text or full phone numbers.</summary>
    /// <returns>A short, log-safe description.</returns>
    public override string ToString() => $"SmsMessage {{ Recipients = {To.Count}, TextLength = {Text.Length} }}";
}
