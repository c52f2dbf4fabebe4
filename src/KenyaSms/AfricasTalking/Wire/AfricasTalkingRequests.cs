namespace KenyaSms.AfricasTalking.Wire;

/// <summary>
/// The <c>messaging</c> form, field by field as AT's SDKs send it: <c>username</c>, <c>to</c> (comma-joined E.164 with
/// <c>+</c>), <c>message</c>, <c>from</c> only when a sender ID is set, <c>bulkSMSMode=1</c>, and <c>enqueue</c> always
/// explicit (a recorded send without it came back 101, although AT's docs say it defaults to 1).
/// </summary>
/// <remarks>
/// Values are percent-encoded exactly as <see cref="Uri.EscapeDataString(string)"/> does (UTF-8, upper-case hex, only
/// RFC 3986's unreserved characters left as they are), straight into the body's bytes: one array, measured first, instead
/// of escaped strings, a builder and a copy.
/// </remarks>
internal static class AfricasTalkingRequests
{
    private const string Tail0 = "&bulkSMSMode=1&enqueue=0";
    private const string Tail1 = "&bulkSMSMode=1&enqueue=1";
    private const string Hex = "0123456789ABCDEF";
    private const string Number = "%2B254712345678"; // the length of an escaped E.164 number

    public static byte[] Messaging(string username, IReadOnlyList<PhoneNumber> to, string message, string? from, bool enqueue)
    {
        int length = "username=".Length + EscapedLength(username) + "&to=".Length + "&message=".Length + EscapedLength(message) + Tail0.Length;
        for (int i = 0; i < to.Count; i++)
        {
            length += (i > 0 ? 3 : 0) + Number.Length; // "%2B" and the MSISDN's 12 digits
        }

        if (from is not null)
        {
            length += "&from=".Length + EscapedLength(from);
        }

        byte[] form = new byte[length];
        int at = Ascii(form, 0, "username=");
        at = Escape(form, at, username);
        at = Ascii(form, at, "&to=");
        for (int i = 0; i < to.Count; i++)
        {
            at = i > 0 ? Ascii(form, at, "%2C") : at;
            at = to[i].WriteMsisdnAscii(form, Ascii(form, at, "%2B")); // the E.164 form, "+" escaped
        }

        at = Ascii(form, at, "&message=");
        at = Escape(form, at, message);
        if (from is not null)
        {
            at = Ascii(form, at, "&from=");
            at = Escape(form, at, from);
        }

        at = Ascii(form, at, enqueue ? Tail1 : Tail0);
        return at == form.Length ? form : throw new InvalidOperationException("The form's measured length was wrong.");
    }

    /// <summary>The bytes <see cref="Escape"/> writes for <paramref name="value"/>.</summary>
    internal static int EscapedLength(string value)
    {
        int length = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            length += c < 0x80 ? (IsUnreserved(c) ? 1 : 3)
                : c < 0x800 ? 6
                : char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? Pair(ref i)
                : 9; // three UTF-8 bytes (a lone surrogate is U+FFFD's three, as EscapeDataString writes it)
        }

        return length;

        static int Pair(ref int i)
        {
            i++;
            return 12;
        }
    }

    /// <summary>Writes <paramref name="value"/> percent-encoded at <paramref name="at"/>; returns the next position.</summary>
    internal static int Escape(byte[] into, int at, string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c < 0x80)
            {
                if (IsUnreserved(c))
                {
                    into[at++] = (byte)c;
                }
                else
                {
                    at = Percent(into, at, c);
                }
            }
            else if (c < 0x800)
            {
                at = Percent(into, at, 0xC0 | (c >> 6));
                at = Percent(into, at, 0x80 | (c & 0x3F));
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                int code = char.ConvertToUtf32(c, value[++i]);
                at = Percent(into, at, 0xF0 | (code >> 18));
                at = Percent(into, at, 0x80 | ((code >> 12) & 0x3F));
                at = Percent(into, at, 0x80 | ((code >> 6) & 0x3F));
                at = Percent(into, at, 0x80 | (code & 0x3F));
            }
            else
            {
                int code = char.IsSurrogate(c) ? 0xFFFD : c;
                at = Percent(into, at, 0xE0 | (code >> 12));
                at = Percent(into, at, 0x80 | ((code >> 6) & 0x3F));
                at = Percent(into, at, 0x80 | (code & 0x3F));
            }
        }

        return at;
    }

    private static bool IsUnreserved(char c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c is '-' or '_' or '.' or '~';

    private static int Percent(byte[] into, int at, int value)
    {
        into[at] = (byte)'%';
        into[at + 1] = (byte)Hex[value >> 4];
        into[at + 2] = (byte)Hex[value & 0xF];
        return at + 3;
    }

    private static int Ascii(byte[] into, int at, string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            into[at + i] = (byte)text[i];
        }

        return at + text.Length;
    }
}
