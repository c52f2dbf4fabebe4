namespace KenyaSms.Sending;

/// <summary>
/// A message checked against a provider's limits, with its recipients normalised and de-duplicated:
/// "0722 123 456" and "+254722123456" become one send, and the result still has one entry per input.
/// </summary>
/// <remarks>
/// Compact, because a batch prepares one per message: a message to one valid number (the common case)
/// holds that number inline, with no array; the input-to-number map exists only when the message has
/// duplicates or invalid numbers next to valid ones.
/// </remarks>
internal sealed class PreparedMessage
{
    // Lists this short are de-duplicated by a scan rather than a dictionary.
    private const int ScanLimit = 8;

    private readonly PhoneNumber _first;
    private readonly int _uniqueCount;

    // The distinct numbers when there are two or more (possibly longer than _uniqueCount).
    private readonly PhoneNumber[]? _unique;

    // For each input, its index among the distinct numbers or -1; null when that is the identity (input i is
    // number i) or when no input is valid (every input is -1).
    private readonly int[]? _slots;

    private PreparedMessage(SmsMessage message, string senderId, SmsSegmentInfo segments, PhoneNumber first, int uniqueCount, PhoneNumber[]? unique, int[]? slots)
    {
        Message = message;
        SenderId = senderId;
        Segments = segments;
        _first = first;
        _uniqueCount = uniqueCount;
        _unique = unique;
        _slots = slots;
    }

    public SmsMessage Message { get; }

    /// <summary>The sender ID to use: the message's, or the configured default.</summary>
    public string SenderId { get; }

    public SmsSegmentInfo Segments { get; }

    /// <summary>The distinct valid numbers, in first-seen order.</summary>
    public UniqueNumbers Unique => new(this);

    /// <summary>How many recipients the caller gave (valid or not, duplicates included).</summary>
    public int InputCount => Message.To.Count;

    /// <summary>True when input recipient <c>i</c> is distinct number <c>i</c> for every input (no duplicate, no invalid number).</summary>
    public bool IsOneToOne => _slots is null && _uniqueCount == InputCount;

    /// <summary>For input recipient <paramref name="input"/>, its index in <see cref="Unique"/>, or -1 when it is not a valid number.</summary>
    public int SlotOf(int input) => _slots is not null ? _slots[input] : _uniqueCount == 0 ? -1 : input;

    /// <summary>
    /// Validates <paramref name="message"/> before any I/O.
    /// </summary>
    /// <exception cref="ArgumentException">The text is too long for the provider, or the sender ID is not valid.</exception>
    public static PreparedMessage Prepare(SmsMessage message, string defaultSenderId, int maxSegments, string provider, string paramName = "message")
    {
        SmsSegmentInfo segments = Validate(message, defaultSenderId, maxSegments, provider, paramName, out string senderId);
        IReadOnlyList<string> to = message.To;
        if (to.Count == 1)
        {
            return PhoneNumber.TryParse(to[0], out PhoneNumber only)
                ? new PreparedMessage(message, senderId, segments, only, 1, null, null)
                : new PreparedMessage(message, senderId, segments, default, 0, null, null);
        }

        int[] slots = new int[to.Count];
        var unique = new PhoneNumber[to.Count];
        int count = 0;
        Dictionary<PhoneNumber, int>? seen = to.Count > ScanLimit ? new Dictionary<PhoneNumber, int>(to.Count) : null;
        for (int i = 0; i < to.Count; i++)
        {
            if (!PhoneNumber.TryParse(to[i], out PhoneNumber number))
            {
                slots[i] = -1;
                continue;
            }

            int existing = seen is null ? Array.IndexOf(unique, number, 0, count) : seen.TryGetValue(number, out int found) ? found : -1;
            if (existing >= 0)
            {
                slots[i] = existing;
                continue;
            }

            slots[i] = count;
            seen?.Add(number, count);
            unique[count++] = number;
        }

        return new PreparedMessage(message, senderId, segments, unique[0], count, count > 1 ? unique : null, count == to.Count || count == 0 ? null : slots);
    }

    /// <summary>
    /// Checks what makes a message unsendable as a whole (text, length, sender ID), without keeping anything.
    /// </summary>
    /// <exception cref="ArgumentException">The message is null, its text is too long for the provider, or its sender ID is not valid.</exception>
    public static SmsSegmentInfo Validate(SmsMessage message, string defaultSenderId, int maxSegments, string provider, string paramName, out string senderId)
    {
        Throw.IfNull(message, paramName);
        return Refusal(message, defaultSenderId, maxSegments, provider, out SmsSegmentInfo segments, out senderId) is { } refusal
            ? throw new ArgumentException(refusal, paramName)
            : segments;
    }

    /// <summary>
    /// Why <see cref="Validate"/> would refuse <paramref name="message"/> (a sentence naming the provider and the limit),
    /// or null when the provider can carry it; never throws.
    /// </summary>
    public static string? Refusal(SmsMessage message, string defaultSenderId, int maxSegments, string provider, out SmsSegmentInfo segments, out string senderId)
    {
        senderId = message.SenderId ?? defaultSenderId;
        segments = default;
        if (UnpairedSurrogateIndex(message.Text) is int read and >= 0)
        {
            // Serialising it would silently turn it into U+FFFD: the recipient would not get what was given.
            return $"The message text has an unpaired surrogate (half an emoji) at index {read}.";
        }

        if (message.IdempotencyKey is { } key && KeyProblem(key) is { } keyProblem)
        {
            return $"The idempotency key {keyProblem}: use 1-{MaxKeyLength} printable ASCII characters, e.g. \"invoice-8812:reminder-1\".";
        }

        segments = SmsSegmentation.Analyze(message.Text);
        if (segments.Segments > maxSegments)
        {
            string unit = segments.Encoding == SmsEncoding.Gsm7 ? "GSM-7 septets" : "UCS-2 units";
            return $"The message text is too long for {provider}: it needs {segments.Segments} segments ({segments.Units} {unit}); the limit is {maxSegments} segments.";
        }

        // An empty configured default (Africa's Talking without a SenderId) means the provider's own default sender: nothing
        // to check. An empty sender ID the message itself gives is still a mistake.
        bool providersDefault = message.SenderId is null && senderId.Length == 0;
        return !providersDefault && SenderIdRules.Problem(senderId) is { } problem
            ? $"The sender ID '{senderId}' is not valid: {problem}. Use 1-{SenderIdRules.MaxAlphanumericLength} letters, digits or spaces, or a numeric short code."
            : null;
    }

    /// <summary>The longest <see cref="SmsMessage.IdempotencyKey"/> (api.md 8b).</summary>
    public const int MaxKeyLength = 200;

    // What is wrong with an idempotency key (never the key itself, which may be long), or null.
    private static string? KeyProblem(string key)
    {
        if (key.Length == 0 || string.IsNullOrWhiteSpace(key))
        {
            return "is empty";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"is {key.Length} characters long";
        }

        for (int i = 0; i < key.Length; i++)
        {
            if (key[i] is < ' ' or > '~')
            {
                return $"has a character that is not printable ASCII at index {i} (U+{(int)key[i]:X4})";
            }
        }

        return null;
    }

    /// <summary>Prepares every message of a batch before any I/O, so one bad message fails the batch up front.</summary>
    /// <exception cref="ArgumentException">The batch is empty, or a message is not valid (the parameter name says which).</exception>
    public static List<PreparedMessage> PrepareBatch(IEnumerable<SmsMessage> messages, string defaultSender, int maxSegments, string provider)
    {
        var prepared = new List<PreparedMessage>(CountHint(messages));
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

    /// <summary>
    /// Validates every message of a batch before any I/O, keeping only what is needed to send it later: the
    /// caller's list itself when it is one, otherwise the messages in a list (the input is enumerated once).
    /// </summary>
    /// <param name="messages">The batch.</param>
    /// <param name="defaultSender">The configured sender ID.</param>
    /// <param name="maxSegments">The provider's limit.</param>
    /// <param name="provider">The provider key, for messages.</param>
    /// <param name="recipients">The number of input recipients of the whole batch.</param>
    /// <returns>The messages, in input order; <see cref="Prepare"/> each when it is sent.</returns>
    /// <exception cref="ArgumentException">The batch is empty, or a message is not valid (the parameter name says which).</exception>
    public static IReadOnlyList<SmsMessage> ValidateBatch(IEnumerable<SmsMessage> messages, string defaultSender, int maxSegments, string provider, out int recipients)
    {
        recipients = 0;
        IReadOnlyList<SmsMessage> list;
        if (messages is IReadOnlyList<SmsMessage> given)
        {
            for (int i = 0; i < given.Count; i++)
            {
                recipients = checked(recipients + ValidateItem(given[i], i));
            }

            list = given;
        }
        else
        {
            var copy = new List<SmsMessage>(CountHint(messages));
            foreach (SmsMessage message in messages)
            {
                recipients = checked(recipients + ValidateItem(message, copy.Count));
                copy.Add(message);
            }

            list = copy;
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("The batch has no messages.", nameof(messages));
        }

        return list;

        int ValidateItem(SmsMessage message, int index)
        {
            _ = Validate(message, defaultSender, maxSegments, provider, $"messages[{index}]", out _);
            return message.To.Count;
        }
    }

    private static int CountHint(IEnumerable<SmsMessage> messages) => messages switch
    {
        ICollection<SmsMessage> c => c.Count,
        IReadOnlyCollection<SmsMessage> c => c.Count,
        _ => 0,
    };

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
        for (int i = 0; i < InputCount; i++)
        {
            int slot = SlotOf(i);
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

    /// <summary>The distinct valid numbers of a message (a view, no copy).</summary>
    public readonly struct UniqueNumbers
    {
        private readonly PreparedMessage _message;

        public UniqueNumbers(PreparedMessage message) => _message = message;

        public int Count => _message._uniqueCount;

        public PhoneNumber this[int index] =>
            (uint)index >= (uint)_message._uniqueCount ? throw new ArgumentOutOfRangeException(nameof(index))
            : _message._unique is { } all ? all[index] : _message._first;
    }
}
