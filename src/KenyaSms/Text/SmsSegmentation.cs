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
        for (int i = 0; i < text.Length; i++)
        {
#if !NETSTANDARD2_0
            // Most texts are basic GSM-7 throughout: a vectorised scan skips basic runs (1 septet a character).
            int run = Gsm7Alphabet.LengthOfBasicRun(text[i..]);
            septets += run;
            i += run;
            if (i == text.Length)
            {
                break;
            }
#endif
            int cost = Gsm7Alphabet.Septets(text[i]);
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
        var parts = new Parts(perSegment);
        for (int i = 0; i < text.Length; i++)
        {
            int size = 1;
            if (gsm7)
            {
#if !NETSTANDARD2_0
                int run = Gsm7Alphabet.LengthOfBasicRun(text[i..]);
                parts.AddSingles(run);
                i += run;
                if (i == text.Length)
                {
                    break;
                }
#endif
                size = Gsm7Alphabet.Septets(text[i]);
            }
            else if (i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1]))
            {
                size = 2;
                i++;
            }

            parts.Add(size);
        }

        return new SmsSegmentInfo(encoding, units, parts.Segments, perSegment - parts.Used);
    }

    // The parts filled so far: how many, and how many units the last one holds.
    private struct Parts
    {
        private readonly int _perSegment;

        public Parts(int perSegment)
        {
            _perSegment = perSegment;
            Segments = 1;
            Used = 0;
        }

        public int Segments { get; private set; }

        public int Used { get; private set; }

        public void Add(int size)
        {
            if (Used + size > _perSegment)
            {
                Segments++;
                Used = 0;
            }

            Used += size;
        }

        // The same as Add(1) count times.
        public void AddSingles(int count)
        {
            int room = _perSegment - Used;
            if (count <= room)
            {
                Used += count;
                return;
            }

            count -= room;
            int more = (count + _perSegment - 1) / _perSegment;
            Segments += more;
            Used = count - ((more - 1) * _perSegment);
        }
    }
}
