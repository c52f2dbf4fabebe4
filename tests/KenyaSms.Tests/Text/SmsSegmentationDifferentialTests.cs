using System.Text;

namespace KenyaSms.Tests.Text;

// Analyze (with its vectorised skipping of basic GSM-7 runs on net8.0+) against the plain per-character walk it replaced.
public class SmsSegmentationDifferentialTests
{
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "\f^{}\\[~]|€";
    private static readonly string[] Other = ["\u0416", "ê", "`", "\u00A0", "\t", "\U0001F600", "\uD83D", "\uDE00", "\u4E2D", "\u20AD"];

    [Fact]
    public void Analyze_GeneratedTexts_AgreesWithTheReferenceWalk()
    {
        var random = new Random(20261122);
        var builder = new StringBuilder();
        int gsm7 = 0;
        for (int i = 0; i < 20_000; i++)
        {
            builder.Clear();
            int length = random.Next(4) switch { 0 => random.Next(20), 1 => random.Next(150, 170), 2 => random.Next(300, 330), _ => random.Next(1_000) };
            int mix = random.Next(4); // 0: basic only, 1: some extension, 2: some other, 3: both
            while (builder.Length < length)
            {
                int roll = random.Next(100);
                if ((mix & 1) != 0 && roll < 5)
                {
                    builder.Append(Extension[random.Next(Extension.Length)]);
                }
                else if ((mix & 2) != 0 && roll >= 98)
                {
                    builder.Append(Other[random.Next(Other.Length)]);
                }
                else
                {
                    builder.Append(Basic[random.Next(Basic.Length)]);
                }
            }

            string text = builder.ToString();
            SmsSegmentInfo actual = SmsSegmentation.Analyze(text);
            Assert.Equal(Reference(text), actual);
            gsm7 += actual.Encoding == SmsEncoding.Gsm7 ? 1 : 0;
        }

        Assert.InRange(gsm7, 5_000, 15_000);
    }

    [Fact]
    public void Analyze_BasicTextsOfEveryLengthWithOneExtensionEverywhere_AgreesWithTheReferenceWalk()
    {
        for (int length = 0; length <= 480; length++)
        {
            string text = new('a', length);
            Assert.Equal(Reference(text), SmsSegmentation.Analyze(text));
            for (int at = 0; at < length; at += 7)
            {
                string mixed = text.Remove(at, 1).Insert(at, "€");
                Assert.Equal(Reference(mixed), SmsSegmentation.Analyze(mixed));
            }
        }
    }

    // Analyze as it was: every character classified one by one, then the parts walked one character at a time.
    private static SmsSegmentInfo Reference(string text)
    {
        int septets = 0;
        foreach (char c in text)
        {
            int cost = Gsm7Alphabet.Septets(c);
            if (cost == 0)
            {
                return Walk(text, false, text.Length);
            }

            septets += cost;
        }

        return Walk(text, true, septets);
    }

    private static SmsSegmentInfo Walk(string text, bool gsm7, int units)
    {
        SmsEncoding encoding = gsm7 ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;
        int single = gsm7 ? 160 : 70;
        if (units <= single)
        {
            return new SmsSegmentInfo(encoding, units, 1, single - units);
        }

        int perSegment = gsm7 ? 153 : 67;
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
