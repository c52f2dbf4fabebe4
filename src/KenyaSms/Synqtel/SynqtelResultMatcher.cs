using KenyaSms.Sending;
using KenyaSms.Synqtel.Wire;

namespace KenyaSms.Synqtel;

/// <summary>
/// Finds the entry a schedule_details row belongs to: by client_ref and number, then by client_ref
/// alone, then by number alone (each only when unambiguous), whatever format the number is echoed in.
/// </summary>
internal sealed class SynqtelResultMatcher
{
    private readonly Dictionary<(string Ref, PhoneNumber Number), int> _byRefAndNumber = [];
    private readonly Dictionary<string, int> _byRef = new(StringComparer.Ordinal);
    private readonly Dictionary<PhoneNumber, int> _byNumber = [];

    public SynqtelResultMatcher(List<PreparedMessage> messages, List<BatchSender.Slot> items)
    {
        for (int i = 0; i < items.Count; i++)
        {
            PhoneNumber number = messages[items[i].Message].Unique[items[i].Unique];
            _byRefAndNumber.TryAdd((items[i].ClientRef ?? string.Empty, number), i);
            AddOrMarkAmbiguous(_byRef, items[i].ClientRef ?? string.Empty, i);
            AddOrMarkAmbiguous(_byNumber, number, i);
        }
    }

    public int? Match(SynqtelScheduleReply detail)
    {
        bool hasNumber = PhoneNumber.TryParse(detail.Mobile, out PhoneNumber number);
        if (detail.ClientRef is { } clientRef)
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
