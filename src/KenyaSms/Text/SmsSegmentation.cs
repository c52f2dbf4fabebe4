namespace KenyaSms;

/// <summary>Counts SMS segments the way the networks bill them.</summary>
public static class SmsSegmentation
{
    private const int Gsm7Single = 160;
    private const int Gsm7PerSegment = 153;
    private const int Ucs2Single = 70;
    private const int Ucs2PerSegment = 67;

    /// <summary>Analyses <paramref name="text"/> without allocating.</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The encoding, units and segments.</returns>
    /// <remarks>
    /// The text is GSM-7 when every character is in the GSM 03.38 basic or extension table (an extension
    /// character costs 2 septets); one other character makes the whole text UCS-2, counted in UTF-16 code
    /// units. A single SMS carries 160 septets or 70 units, each part of a longer one 153 or 67. An
    /// extension character or a surrogate pair is never split across two parts, so a part may carry one
    /// unit less. Empty text is one GSM-7 segment of 0 units.
    /// </remarks>
    public static SmsSegmentInfo Analyze(ReadOnlySpan<char> text)
    {
        int septets = 0;
        foreach (char c in text)
        {
            int cost = Gsm7Alphabet.Septets(c);
            if (cost == 0)
            {
                return Split(text, SmsEncoding.Ucs2, text.Length);
            }

            septets += cost;
        }

        return Split(text, SmsEncoding.Gsm7, septets);
    }

    private static SmsSegmentInfo Split(ReadOnlySpan<char> text, SmsEncoding encoding, int units)
    {
        bool gsm7 = encoding == SmsEncoding.Gsm7;
        int single = gsm7 ? Gsm7Single : Ucs2Single;
        if (units <= single)
        {
            return new SmsSegmentInfo(encoding, units, 1, single - units);
        }

        // Walk rather than divide: an indivisible 2-unit character that does not fit moves to the next part.
        int perSegment = gsm7 ? Gsm7PerSegment : Ucs2PerSegment;
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int size = 1;
            if (gsm7)
            {
                size = Gsm7Alphabet.Septets(text[i]);
            }
            else if (i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1]))
            {
                size = 2;
                i++;
            }

            if (used + size > perSegment)
            {
                segments++;
                used = 0;
            }

            used += size;
        }

        return new SmsSegmentInfo(encoding, units, segments, perSegment - used);
    }
}
