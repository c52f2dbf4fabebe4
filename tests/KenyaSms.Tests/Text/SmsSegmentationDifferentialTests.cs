using CsCheck;

namespace KenyaSms.Tests.Text;

// Analyze (with its vectorised skipping of basic GSM-7 runs on net8.0+) against the plain per-character walk it replaced.
public class SmsSegmentationDifferentialTests
{
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "\f^{}\\[~]|€";
    private static readonly string[] Other = ["\u0416", "ê", "`", "\u00A0", "\t", "\U0001F600", "\uD83D", "\uDE00", "\u4E2D", "\u20AD"];

    private const int Texts = 20_000;

    private static readonly Gen<string> BasicCharacter = Gen.Char[Basic].Select(c => c.ToString());
    private static readonly Gen<string> ExtensionCharacter = Gen.Char[Extension].Select(c => c.ToString());

    // Lengths around the boundaries (short, one segment, two segments) or anything up to 1,000; the characters basic
    // GSM-7, with (by the mix) about 5 % extension characters, 2 % others (UCS-2, lone surrogates), or both.
    private static readonly Gen<string> Text = Gen.Select(
            Gen.OneOf(Gen.Int[0, 19], Gen.Int[150, 169], Gen.Int[300, 329], Gen.Int[0, 999]),
            Gen.Int[0, 3]) // 0: basic only, 1: some extension, 2: some other, 3: both
        .SelectMany((length, mix) => Character(mix).Array[length].Select(string.Concat));

    // GSM-7 only: basic characters with now and then an extension one (2 septets).
    private static readonly Gen<string> Gsm7Text = Gen.Int[0, 400].SelectMany(length => Gen.Frequency((9, BasicCharacter), (1, ExtensionCharacter)).Array[length].Select(string.Concat));

    // Anything a character can be: basic, extension, other (among them halves of a surrogate pair).
    private static readonly Gen<string> AnyCharacter = Gen.OneOf(BasicCharacter, ExtensionCharacter, Gen.OneOf(Other));

    // CsCheck shrinks a disagreement to the shortest text it finds and prints it with the seed that replays it.
    [Fact]
    public void Analyze_GeneratedTexts_AgreesWithTheReferenceWalk()
    {
        int gsm7 = 0;
        Text.Sample(
            text =>
            {
                SmsSegmentInfo actual = SmsSegmentation.Analyze(text);
                Assert.Equal(Reference(text), actual);
                if (actual.Encoding == SmsEncoding.Gsm7)
                {
                    Interlocked.Increment(ref gsm7);
                }
            },
            iter: Texts);

        Assert.InRange(gsm7, Texts / 4, Texts * 3 / 4);
    }

    // More text never takes fewer segments, whatever is appended (a UCS-2 character, an extension one, the second half
    // of a surrogate pair).
    [Fact]
    public void Analyze_AppendingCharacters_NeverLowersTheSegmentCount()
    {
        Gen.Select(Text, AnyCharacter.Array[1, 4]).Sample((text, more) =>
        {
            string longer = text;
            int segments = SmsSegmentation.Analyze(text).Segments;
            foreach (string c in more)
            {
                longer += c;
                int next = SmsSegmentation.Analyze(longer).Segments;
                Assert.True(next >= segments, $"{segments} segments, then {next} after appending U+{(int)c[0]:X4}");
                segments = next;
            }
        }, iter: Texts / 4);
    }

    // GSM-7 text: its units are its septets (2 for an extension character); up to 160 is one SMS with the rest to spare,
    // beyond that parts of 153 that never split an extension character.
    [Fact]
    public void Analyze_Gsm7Texts_CountSeptetsAndFitOneSegmentUpTo160()
    {
        Gsm7Text.Sample(text =>
        {
            SmsSegmentInfo info = SmsSegmentation.Analyze(text);
            int septets = text.Sum(c => Gsm7Alphabet.IsExtension(c) ? 2 : 1);
            Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
            Assert.Equal(septets, info.Units);
            if (septets <= 160)
            {
                Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, septets, 1, 160 - septets), info);
            }
            else
            {
                // Parts of 153 septets, or 152 when an extension character moved on to the next one.
                Assert.InRange(info.Segments, (septets + 152) / 153, (septets + 151) / 152);
                Assert.InRange(info.RemainingUnits, 0, 152);
            }
        }, iter: Texts / 4);
    }

    // Whatever the text: at least one segment, the units fit in the segments' capacity, the remainder is less than a
    // part, and UCS-2 counts UTF-16 code units.
    [Fact]
    public void Analyze_AnyText_UnitsFitTheSegmentsAndUcs2CountsCodeUnits()
    {
        Text.Sample(text =>
        {
            SmsSegmentInfo info = SmsSegmentation.Analyze(text);
            bool gsm7 = info.Encoding == SmsEncoding.Gsm7;
            int single = gsm7 ? 160 : 70;
            int perSegment = info.Segments == 1 ? single : gsm7 ? 153 : 67;
            Assert.True(info.Segments >= 1);
            Assert.InRange(info.Units, 0, info.Segments * perSegment);
            Assert.InRange(info.RemainingUnits, 0, perSegment);
            Assert.Equal(info.Segments == 1, info.Units <= single);
            Assert.Equal(text.All(Gsm7Alphabet.IsGsm7), gsm7);
            if (!gsm7)
            {
                Assert.Equal(text.Length, info.Units);
            }
        }, iter: Texts / 4);
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

    private static Gen<string> Character(int mix) => mix switch
    {
        0 => BasicCharacter,
        1 => Gen.Frequency((95, BasicCharacter), (5, ExtensionCharacter)),
        2 => Gen.Frequency((98, BasicCharacter), (2, Gen.OneOf(Other))),
        _ => Gen.Frequency((93, BasicCharacter), (5, ExtensionCharacter), (2, Gen.OneOf(Other))),
    };

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
