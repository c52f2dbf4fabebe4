namespace KenyaSms.Sending;

/// <summary>
/// Finds the entry of a request a reply entry belongs to: by client reference and number, then by client reference
/// alone, then by number alone (each only when unambiguous), whatever format the number is echoed in.
/// </summary>
internal sealed class ReplyMatcher
{
    private readonly Dictionary<(string Ref, PhoneNumber Number), int> _byRefAndNumber = [];
    private readonly Dictionary<string, int> _byRef = new(StringComparer.Ordinal);
    private readonly Dictionary<PhoneNumber, int> _byNumber = [];

    /// <param name="chunk">The request's entries.</param>
    /// <param name="echoesRefs">True when the provider echoes each entry's client reference.</param>
    public ReplyMatcher(SendChunk chunk, bool echoesRefs)
    {
        for (int i = 0; i < chunk.Count; i++)
        {
            PhoneNumber number = chunk.Number(i);
            AddOrMarkAmbiguous(_byNumber, number, i);
            if (echoesRefs)
            {
                string clientRef = chunk.ClientRef(i) ?? string.Empty;
                _byRefAndNumber.TryAdd((clientRef, number), i);
                AddOrMarkAmbiguous(_byRef, clientRef, i);
            }
        }
    }

    /// <summary>The entry <paramref name="reply"/> speaks for, or null when none (or more than one) fits.</summary>
    public int? Match(in RecipientReply reply)
    {
        bool hasNumber = PhoneNumber.TryParse(reply.Number, out PhoneNumber number);
        if (reply.ClientRef is { } clientRef)
        {
            if (hasNumber && _byRefAndNumber.TryGetValue((clientRef, number), out int exact))
            {
                return exact;
            }

            if (_byRef.TryGetValue(clientRef, out int byRef) && byRef >= 0)
            {
                return byRef;
            }
        }

        return hasNumber && _byNumber.TryGetValue(number, out int byNumber) && byNumber >= 0 ? byNumber : null;
    }

    private static void AddOrMarkAmbiguous<TKey>(Dictionary<TKey, int> map, TKey key, int index)
        where TKey : notnull
    {
        if (!map.TryAdd(key, index))
        {
            map[key] = -1;
        }
    }
}
