using System.Globalization;

namespace KenyaSms.Tests.Text;

public class SmsSegmentationTests
{
    private const string Emoji = "\U0001F600";

    // Every row of shared/data/segment-vectors.md; RemainingUnits is the single or per-segment limit
    // minus the units of the last segment in the table.
    public static TheoryData<string, string, SmsEncoding, int, int, int> Vectors => new()
    {
        { "empty string", "", SmsEncoding.Gsm7, 0, 1, 160 },
        { "160 x 'a'", A(160), SmsEncoding.Gsm7, 160, 1, 0 },
        { "161 x 'a'", A(161), SmsEncoding.Gsm7, 161, 2, 145 },
        { "159 x 'a' + '€'", A(159) + "€", SmsEncoding.Gsm7, 161, 2, 145 },
        { "158 x 'a' + '€'", A(158) + "€", SmsEncoding.Gsm7, 160, 1, 0 },
        { "80 x '{'", new string('{', 80), SmsEncoding.Gsm7, 160, 1, 0 },
        { "306 x 'a'", A(306), SmsEncoding.Gsm7, 306, 2, 0 },
        { "307 x 'a'", A(307), SmsEncoding.Gsm7, 307, 3, 152 },
        { "152 x 'a' + '[' + 152 x 'a'", A(152) + "[" + A(152), SmsEncoding.Gsm7, 306, 3, 152 },
        { "phlib/sms-length#1 example", A(152) + "[" + A(152), SmsEncoding.Gsm7, 306, 3, 152 },
        { "70 x 'Ж' (U+0416)", Zhe(70), SmsEncoding.Ucs2, 70, 1, 0 },
        { "71 x 'Ж'", Zhe(71), SmsEncoding.Ucs2, 71, 2, 63 },
        { "69 x 'a' + 'ç' (U+00E7, not GSM)", A(69) + "\u00E7", SmsEncoding.Ucs2, 70, 1, 0 },
        { "'Habari 😀' (emoji U+1F600)", "Habari " + Emoji, SmsEncoding.Ucs2, 9, 1, 61 },
        { "35 x '😀'", Emojis(35), SmsEncoding.Ucs2, 70, 1, 0 },
        { "36 x '😀'", Emojis(36), SmsEncoding.Ucs2, 72, 2, 61 },
        { "66 x 'Ж' + '😀' + 5 x 'Ж'", Zhe(66) + Emoji + Zhe(5), SmsEncoding.Ucs2, 73, 2, 60 },
        { "'Pay KES 1,000 via M-Pesa: till 123456' (all GSM)", "Pay KES 1,000 via M-Pesa: till 123456", SmsEncoding.Gsm7, 37, 1, 123 },
        { "text with ’ (U+2019 smart apostrophe)", "It\u2019s a test!", SmsEncoding.Ucs2, 12, 1, 58 },
        { "text with ` (U+0060 backtick)", "a`b", SmsEncoding.Ucs2, 3, 1, 67 },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Analyze_ReferenceVector_MatchesTheTable(string vector, string text, SmsEncoding encoding, int units, int segments, int remaining)
    {
        SmsSegmentInfo info = SmsSegmentation.Analyze(text);

        Assert.True(new SmsSegmentInfo(encoding, units, segments, remaining) == info, $"{vector}: got {info}");
    }

    [Theory]
    [InlineData("Habari", 1, 154)]
    [InlineData("Habari €", 1, 151)]
    [InlineData("Habari 😀", 1, 61)]
    [InlineData("", 1, 160)]
    public void Analyze_SingleSegment_RemainingIsTheLimitLessTheUnits(string text, int segments, int remaining)
    {
        SmsSegmentInfo info = SmsSegmentation.Analyze(text);

        Assert.Equal(segments, info.Segments);
        Assert.Equal(remaining, info.RemainingUnits);
    }

    [Fact]
    public void Analyze_ExtensionCharacterWithOneSeptetLeft_MovesToTheNextSegmentAndCountsTheGap()
    {
        SmsSegmentInfo info = SmsSegmentation.Analyze(A(152) + "€" + A(10));

        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 164, 2, 141), info);
    }

    [Theory]
    [InlineData("Habari", 'a')]
    [InlineData("Habari €", 'a')]
    [InlineData("Habari 😀", 'Ж')]
    [InlineData("Ж", 'Ж')]
    [InlineData("", 'a')]
    public void Analyze_TextFilledByRemainingUnits_FitsAndOneMoreUnitAddsASegment(string start, char filler)
    {
        foreach (int length in new[] { 0, 100, 152, 153, 200, 500 })
        {
            string text = start + new string(filler, length);
            SmsSegmentInfo info = SmsSegmentation.Analyze(text);

            string full = text + new string(filler, info.RemainingUnits);
            Assert.Equal(info.Segments, SmsSegmentation.Analyze(full).Segments);
            Assert.Equal(0, SmsSegmentation.Analyze(full).RemainingUnits);
            Assert.Equal(info.Segments + 1, SmsSegmentation.Analyze(full + filler).Segments);
        }
    }

    [Fact]
    public void IsGsm7_EveryCharacterOfTheCharsetFile_IsClassifiedAsTheFileSays()
    {
        Dictionary<string, int[]> tables = ReadCharsetFile();
        int[] basic = tables["GSM7_BASIC"];
        int[] extension = tables["GSM7_EXTENSION"];

        foreach (char c in basic.Select(code => (char)code))
        {
            Assert.True(Gsm7Alphabet.IsGsm7(c) && !Gsm7Alphabet.IsExtension(c), $"U+{(int)c:X4} is basic");
            Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 1, 1, 159), SmsSegmentation.Analyze([c]));
        }

        foreach (char c in extension.Select(code => (char)code))
        {
            Assert.True(Gsm7Alphabet.IsGsm7(c) && Gsm7Alphabet.IsExtension(c), $"U+{(int)c:X4} is extension");
            Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 2, 1, 158), SmsSegmentation.Analyze([c]));
        }

        var listed = basic.Concat(extension).ToHashSet();
        for (int code = char.MinValue; code <= char.MaxValue; code++)
        {
            if (!listed.Contains(code))
            {
                Assert.False(Gsm7Alphabet.IsGsm7((char)code), $"U+{code:X4} is in neither table");
                Assert.False(Gsm7Alphabet.IsExtension((char)code), $"U+{code:X4} is in neither table");
            }
        }
    }

    [Theory]
    [InlineData('\u00E7')] // ç: only capital Ç is GSM-7
    [InlineData('`')]
    [InlineData('\u2019')]
    [InlineData('\u0416')]
    [InlineData('\t')]
    [InlineData('\0')]
    public void Analyze_OneCharacterOutsideGsm7_MakesTheWholeTextUcs2(char c)
    {
        string text = A(100) + c + "{€}";

        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Ucs2, 104, 2, 30), SmsSegmentation.Analyze(text));
    }

    // A Fact, not InlineData: xunit cannot tell apart test cases whose strings hold lone surrogates.
    [Fact]
    public void Analyze_LoneSurrogate_CountsAsOneUcs2Unit()
    {
        foreach (string text in new[] { "\uD83D", "\uDE00", "a\uDE00\uD83Db", A(100) + "\uD83D" })
        {
            SmsSegmentInfo info = SmsSegmentation.Analyze(text);

            Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
            Assert.Equal(text.Length, info.Units);
        }
    }

    [Fact]
    public void Analyze_LoneSurrogatesOnSegmentBoundaries_AreNotTreatedAsPairs()
    {
        string text = Zhe(66) + "\uD83D" + Zhe(66) + "\uDE00";

        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Ucs2, 134, 2, 0), SmsSegmentation.Analyze(text));
    }

    [Fact]
    public void Analyze_AllocatesNothing()
    {
        string gsm7 = A(152) + "[" + A(300);
        string ucs2 = Zhe(66) + Emoji + Zhe(100);
        int segments = 0;
        for (int i = 0; i < 100; i++)
        {
            segments += SmsSegmentation.Analyze(gsm7).Segments + SmsSegmentation.Analyze(ucs2).Segments;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            segments += SmsSegmentation.Analyze(gsm7).Segments + SmsSegmentation.Analyze(ucs2).Segments;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1_100 * (3 + 3), segments);
    }

    private static string A(int count) => new('a', count);

    private static string Zhe(int count) => new('\u0416', count);

    private static string Emojis(int count) => string.Concat(Enumerable.Repeat(Emoji, count));

    // Lines such as "GSM7_BASIC (127) = 10,13,32,..." into name -> code points; the count in
    // parentheses is checked so that a truncated line cannot pass.
    private static Dictionary<string, int[]> ReadCharsetFile()
    {
        var tables = new Dictionary<string, int[]>();
        foreach (string line in SharedDataFiles.DataLines("gsm7-charset.txt"))
        {
            string[] sides = line.Split('=');
            string[] head = sides[0].Split(['(', ')', ' '], StringSplitOptions.RemoveEmptyEntries);
            int[] codes = [.. sides[1].Split(',').Select(code => int.Parse(code, CultureInfo.InvariantCulture))];
            Assert.Equal(int.Parse(head[1], CultureInfo.InvariantCulture), codes.Length);
            tables.Add(head[0], codes);
        }

        return tables;
    }
}
