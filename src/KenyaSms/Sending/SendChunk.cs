namespace KenyaSms.Sending;

/// <summary>
/// The entries of one send request, as the protocol sees them: entry <c>i</c> is one distinct number of one message,
/// with the client reference it carries.
/// </summary>
internal readonly struct SendChunk
{
    private readonly List<PreparedMessage> _messages;
    private readonly List<BatchSender.Slot> _items;

    public SendChunk(List<PreparedMessage> messages, List<BatchSender.Slot> items)
    {
        _messages = messages;
        _items = items;
    }

    /// <summary>How many entries.</summary>
    public int Count => _items.Count;

    /// <summary>The message of the first entry (the only one, for a one-text-a-request provider).</summary>
    public PreparedMessage First => _messages[_items[0].Message];

    /// <summary>The distinct messages of the request.</summary>
    public List<PreparedMessage> Messages => _messages;

    /// <summary>Entry <paramref name="index"/>'s message.</summary>
    public PreparedMessage Message(int index) => _messages[_items[index].Message];

    /// <summary>Entry <paramref name="index"/>'s number.</summary>
    public PhoneNumber Number(int index) => _messages[_items[index].Message].Unique[_items[index].Unique];

    /// <summary>Entry <paramref name="index"/>'s client reference (null when it carries none).</summary>
    public string? ClientRef(int index) => _items[index].ClientRef;
}
