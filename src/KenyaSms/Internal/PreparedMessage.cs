namespace KenyaSms.Internal;

/// <summary>
/// A message checked against a provider's limits, with its recipients normalised and de-duplicated:
/// "0722 123 456" and "+254722123456" become one send, and the result still has one entry per input.
/// </summary>
internal sealed class PreparedMessage
{
    private PreparedMessage(SmsMessage message, string senderId, SmsSegmentInfo segments, int[] slots, List<PhoneNumber> unique)
    {
        Message = message;
        SenderId = senderId;
        Segments = segments;
        Slots = slots;
        Unique = unique;
    }

    public SmsMessage Message { get; }

    /// <summary>The sender ID to use: the message's, or the configured default.</summary>
    public string SenderId { get; }

    public SmsSegmentInfo Segments { get; }

    /// <summary>For each input recipient, its index in <see cref="Unique"/>, or -1 when it is not a valid number.</summary>
    public int[] Slots { get; }

    /// <summary>The distinct valid numbers, in first-seen order.</summary>
    public List<PhoneNumber> Unique { get; }

    /// <summary>
    /// Validates <paramref name="message"/> before any I/O.
    /// </summary>
    /// <exception cref="ArgumentException">The text is too long for the provider, or the sender ID is not valid.</exception>
    public static PreparedMessage Prepare(SmsMessage message, string defaultSenderId, int maxSegments, string provider, string paramName = "message")
    {
        Throw.IfNull(message, paramName);
        if (UnpairedSurrogateIndex(message.Text) is int read and >= 0)
        {
            // Serialising it would silently turn it into U+FFFD: the recipient would not get what was given.
            throw new ArgumentException($"The message text has an unpaired surrogate (half an emoji) at index {read}.", paramName);
        }

        SmsSegmentInfo segments = SmsSegmentation.Analyze(message.Text);
        if (segments.Segments > maxSegments)
        {
            string unit = segments.Encoding == SmsEncoding.Gsm7 ? "GSM-7 septets" : "UCS-2 units";
            throw new ArgumentException(
                $"The message text is too long for {provider}: it needs {segments.Segments} segments ({segments.Units} {unit}); the limit is {maxSegments} segments.",
                paramName);
        }

        string senderId = message.SenderId ?? defaultSenderId;
        if (SenderIdRules.Problem(senderId) is { } problem)
        {
            throw new ArgumentException(
                $"The sender ID '{senderId}' is not valid: {problem}. Use 1-{SenderIdRules.MaxAlphanumericLength} letters, digits or spaces, or a numeric short code.",
                paramName);
        }

        IReadOnlyList<string> to = message.To;
        int[] slots = new int[to.Count];
        var unique = new List<PhoneNumber>(to.Count);
        Dictionary<PhoneNumber, int>? seen = to.Count > 1 ? new Dictionary<PhoneNumber, int>(to.Count) : null;
        for (int i = 0; i < to.Count; i++)
        {
            if (!PhoneNumber.TryParse(to[i], out PhoneNumber number))
            {
                slots[i] = -1;
                continue;
            }

            if (seen is not null && seen.TryGetValue(number, out int existing))
            {
                slots[i] = existing;
                continue;
            }

            slots[i] = unique.Count;
            seen?.Add(number, unique.Count);
            unique.Add(number);
        }

        return new PreparedMessage(message, senderId, segments, slots, unique);
    }

    /// <summary>Prepares every message of a batch before any I/O, so one bad message fails the batch up front.</summary>
    /// <exception cref="ArgumentException">The batch is empty, or a message is not valid (the parameter name says which).</exception>
    public static List<PreparedMessage> PrepareBatch(IEnumerable<SmsMessage> messages, string defaultSender, int maxSegments, string provider)
    {
        var prepared = new List<PreparedMessage>();
        int index = 0;
        foreach (SmsMessage message in messages)
        {
            prepared.Add(Prepare(message, defaultSender, maxSegments, provider, $"messages[{index}]"));
            index++;
        }

        if (prepared.Count == 0)
        {
            throw new ArgumentException("The batch has no messages.", nameof(messages));
        }

        return prepared;
    }

    private static int UnpairedSurrogateIndex(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Expands results for <see cref="Unique"/> back to one result per input recipient, in input order.</summary>
    public void Expand(IReadOnlyList<SmsRecipientResult> uniqueResults, string provider, List<SmsRecipientResult> into)
    {
        SmsStatus? invalid = null;
        for (int i = 0; i < Slots.Length; i++)
        {
            int slot = Slots[i];
            if (slot >= 0)
            {
                into.Add(uniqueResults[slot]);
            }
            else
            {
                invalid ??= SdkStatus.InvalidNumber(provider);
                into.Add(new SmsRecipientResult(Message.To[i], invalid));
            }
        }
    }
}
