using System.Text;

namespace KenyaSms.Benchmarks.Baselines;

/// <summary>
/// SMS segmentation written the straightforward way: HashSet lookups for the GSM 03.38 tables, the
/// encoded text built with a StringBuilder (an extension character becomes ESC + character), and the
/// parts cut as strings.
/// </summary>
public static class NaiveSegmenter
{
    private const char Escape = '\u001B';

    private static readonly HashSet<char> Basic =
    [
        .. "\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
        .. "\u00A1\u00A3\u00A4\u00A5\u00A7\u00BF\u00C4\u00C5\u00C6\u00C7\u00C9\u00D1\u00D6\u00D8\u00DC\u00DF",
        .. "\u00E0\u00E4\u00E5\u00E6\u00E8\u00E9\u00EC\u00F1\u00F2\u00F6\u00F8\u00F9\u00FC",
        .. "\u0393\u0394\u0398\u039B\u039E\u03A0\u03A3\u03A6\u03A8\u03A9",
    ];

    private static readonly HashSet<char> Extension = [.. "\f[\\]^{|}~\u20AC"];

    public static SmsSegmentInfo Analyze(string text)
    {
        var encoded = new StringBuilder();
        foreach (char c in text)
        {
            if (Basic.Contains(c))
            {
                encoded.Append(c);
            }
            else if (Extension.Contains(c))
            {
                encoded.Append(Escape).Append(c);
            }
            else
            {
                return Ucs2(text);
            }
        }

        string septets = encoded.ToString();
        if (septets.Length <= 160)
        {
            return new SmsSegmentInfo(SmsEncoding.Gsm7, septets.Length, 1, 160 - septets.Length);
        }

        List<string> parts = Cut(septets, 153, (s, i) => s[i] == Escape ? 2 : 1);
        return new SmsSegmentInfo(SmsEncoding.Gsm7, septets.Length, parts.Count, 153 - parts[^1].Length);
    }

    private static SmsSegmentInfo Ucs2(string text)
    {
        if (text.Length <= 70)
        {
            return new SmsSegmentInfo(SmsEncoding.Ucs2, text.Length, 1, 70 - text.Length);
        }

        List<string> parts = Cut(text, 67, (s, i) => i + 1 < s.Length && char.IsSurrogatePair(s[i], s[i + 1]) ? 2 : 1);
        return new SmsSegmentInfo(SmsEncoding.Ucs2, text.Length, parts.Count, 67 - parts[^1].Length);
    }

    // Never splits an ESC sequence or a surrogate pair.
    private static List<string> Cut(string units, int perPart, Func<string, int, int> sizeAt)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        for (int i = 0; i < units.Length;)
        {
            string unit = units.Substring(i, sizeAt(units, i));
            if (part.Length + unit.Length > perPart)
            {
                parts.Add(part.ToString());
                part.Clear();
            }

            part.Append(unit);
            i += unit.Length;
        }

        parts.Add(part.ToString());
        return parts;
    }
}
