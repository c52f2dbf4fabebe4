using System.Text;
using CsCheck;
using Failure = KenyaSms.PhoneNumber.ParseFailure;

namespace KenyaSms.Tests.PhoneNumbers;

// The one-pass parser against the straightforward one it replaced (trim, collect digits, strip prefixes).
public class PhoneNumberDifferentialTests
{
    private const int Inputs = 200_000;

    private static readonly string[] Leads = ["", "0", "00", "254", "+254", "00254", "+2540", "2540", "+", "+0", "0254", "002540", "+255", "2", "25"];

    // Separators, unicode whitespace and characters that are not allowed, typed the way people do.
    private static readonly string[] Noise =
    [
        " ", " ", "-", ".", "(", ")", "+", "\t", "\n", "\r", "\v", "\f", "\u00A0", "\u0085", "\u2003", "\u3000", "\u2028", "\u200B",
        "\u001C", "\u001F", "/", "l", "O", "x", "#", "*", ",", "\u0660", "\u0667", "\uFF10", "\uFF17", "\u00B2", "\u00BD", "\u00E9", "\U0001F600",
        "\u202A", "\u202C", "\u200E", "\u200F", "\u2066", "\u2069", "\u200C", "\u2060", "\uFEFF", "\u2011", "\u2013", "\u2014", "\u2212", "\u202F",
        "\u2009", "\u00AD", "\u202E", "\u202D", "\u2063", "\u2064", "\u2016", "\uFE62", "\uFF0B",
    ];

    // What the parser takes for a separator besides white space and - . ( ): the dashes (U+2010-U+2015, minus, small and
    // full-width hyphen-minus, soft hyphen) and the invisible formatting characters that copying adds (zero-width
    // characters, direction marks, embeddings and isolates, word joiner, byte-order mark). Not the overrides U+202D/U+202E.
    private const string PastedSeparators =
        "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63\uFF0D\u00AD"
        + "\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u2060\u2066\u2067\u2068\u2069\u061C\uFEFF";

    // Typed inputs from the Leads and Noise vocabulary: noise, a lead, noise, a first digit (mostly 7 or 1), usually
    // 8 more digits (else 0-13) each followed now and then by noise, noise. CsCheck shrinks a disagreement to the
    // smallest input it can find and prints it with the seed that replays it (Sample(..., seed: "<seed>")).
    private static readonly Gen<string> NoiseCharacter = Gen.OneOf(Gen.OneOf(Noise[..6]), Gen.OneOf(Noise)); // mostly the separators at the start of the list

    private static readonly Gen<char> Digit = Gen.Char['0', '9'];

    private static readonly Gen<string> Typed = Gen.Select(
        NoiseRun(20),
        Gen.OneOf(Leads),
        NoiseRun(10),
        Gen.OneOf(Gen.Const('7'), Gen.Const('1'), Digit),
        Gen.Frequency((7, Gen.Const(8)), (3, Gen.Int[0, 13])).SelectMany(n => Gen.Select(Digit, NoiseRun(8), (d, noise) => d + noise).Array[n]),
        NoiseRun(20),
        (before, lead, afterLead, first, digits, after) => before + lead + afterLead + first + string.Concat(digits) + after);

    // The NSN of a valid number: 9 digits in a mobile range.
    private static readonly Gen<int> ValidNsn = Gen.OneOf(Gen.Int[100_000_000, 199_999_999], Gen.Int[700_000_000, 799_999_999])
        .Where(nsn => KenyaPrefixTable.NetworkOf(nsn / 1_000_000) != MobileNetwork.Unknown);

    // The separators people put between digit groups, the plain ones most often.
    private static readonly Gen<string> Separator = Gen.Frequency(
        (6, Gen.OneOf("", " ", "-", ".")),
        (1, Gen.OneOf("\u00A0", "\u2011", "\u2013", "\u202F", "\t", " - ", "\u200B")));

    [Fact]
    public void ParseCore_GeneratedInputs_AgreesWithTheReferenceParser()
    {
        int valid = 0;
        Typed.Sample(
            input =>
            {
                if (Check(input))
                {
                    Interlocked.Increment(ref valid);
                }
            },
            iter: Inputs,
            print: Escape);

        // The generator must reach both verdicts often, or it tests little.
        Assert.InRange(valid, Inputs / 10, Inputs * 9 / 10);
    }

    // Whatever was typed: a number that parses comes out normalised, and its E.164 (and MSISDN and national forms)
    // parse back to the same number; a failure leaves default.
    [Fact]
    public void TryParse_AnyGeneratedInput_WhenItParsesItsFormsParseBackToTheSameNumber()
    {
        int valid = 0;
        Typed.Sample(
            input =>
            {
                if (!PhoneNumber.TryParse(input, out PhoneNumber number))
                {
                    Assert.Equal(default, number);
                    return;
                }

                Interlocked.Increment(ref valid);
                Assert.Matches("^\\+254[17][0-9]{8}$", number.E164);
                Assert.Equal("254" + number.E164[4..], number.Msisdn);
                Assert.Equal("0" + number.E164[4..], number.National);
                Assert.True(PhoneNumber.TryParse(number.E164, out PhoneNumber again));
                Assert.Equal(number, again);
                Assert.Equal(number.E164, again.E164);
                Assert.Equal(number, PhoneNumber.Parse(number.Msisdn));
                Assert.Equal(number, PhoneNumber.Parse(number.National));
                Assert.Equal(number.Network, again.Network);
            },
            iter: 20_000,
            print: Escape);

        Assert.True(valid > 0, "no generated input parsed");
    }

    // One valid number typed every common way (leading 0, none, 254, +254, 00254, the +2540 slip; digits grouped with
    // spaces, dashes, dots or pasted separators; surrounding white space; the national part in parentheses): every
    // variant parses, to the same number.
    [Fact]
    public void TryParse_FormattingVariantsOfAValidNumber_AllParseToTheSameNumber()
    {
        Gen<string> lead = Gen.OneOf("0", "", "254", "+254", "00254", "+2540", "+254 ", "(0)", "+254 (0)");
        Gen.Select(ValidNsn, Gen.Select(lead, Separator, Separator, Separator, Gen.OneOf("", " ", "\t", "\u00A0"), Gen.Bool))
            .Sample(
                (nsn, format) =>
                {
                    (string before, string sep1, string sep2, string sep3, string pad, bool brackets) = format;
                    string digits = nsn.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    string grouped = digits[..3] + sep1 + digits[3..6] + sep2 + digits[6..];
                    string typed = pad + before + sep3 + (brackets ? "(" + digits[..3] + ")" + sep1 + digits[3..6] + sep2 + digits[6..] : grouped) + pad;
                    PhoneNumber expected = PhoneNumber.Parse("+254" + digits);

                    Assert.True(PhoneNumber.TryParse(typed, out PhoneNumber number), $"'{Escape(typed)}' did not parse");
                    Assert.Equal(expected, number);
                    Assert.Equal("+254" + digits, number.E164);
                },
                iter: 20_000,
                print: t => Escape($"{t.Item1} {t.Item2}"));
    }

    [Fact]
    public void ParseCore_EveryCharacterInEveryPosition_AgreesWithTheReferenceParser()
    {
        string[] templates = ["0722123456", "+254722123456", "254722123456", "0722 123 456"];
        for (int c = 0; c <= char.MaxValue; c++)
        {
            string ch = ((char)c).ToString();
            Check(ch);
            foreach (string template in templates)
            {
                Check(ch + template);
                Check(template + ch);
                Check(template.Insert(4, ch));
                Check(template.Insert(1, ch));
            }
        }
    }

    // The shapes that net8.0+ reads eight digits at a time: digits only, after an optional '+', of every length.
    [Fact]
    public void ParseCore_DigitsOnlyOfEveryLength_AgreesWithTheReferenceParser()
    {
        string[] leads = ["", "+", "0", "+0", "254", "+254", "2540", "+2540", "00254", "002540", "7", "1", "00", "+00"];
        Gen.Select(Gen.Int[0, 18], Gen.OneOf(leads), Digit.Array[18], (length, lead, digits) => lead + new string(digits, 0, Math.Max(0, length - lead.Length)))
            .Sample(input => { Check(input); }, iter: 19 * 2_000, print: Escape);

        for (int length = 0; length <= 18; length++)
        {
            Check(new string('9', length));
            Check("+" + new string('9', length));
            Check(new string('0', length));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \u00A0\t")]
    [InlineData("+")]
    [InlineData("()")]
    [InlineData("000000000000000")]
    [InlineData("0000000000000000")]
    [InlineData("999999999999999")]
    [InlineData("+999999999999999")]
    [InlineData("254254254254254")]
    [InlineData("2542547221234")]
    [InlineData("002542547221234")]
    [InlineData("0025")]
    [InlineData("00")]
    [InlineData("+25")]
    [InlineData("2541234567")]
    [InlineData("25401234567")]
    [InlineData("254012345678")]
    [InlineData("+254 0 0722 123456")]
    public void ParseCore_EdgeCases_AgreesWithTheReferenceParser(string input) => Check(input);

    private static bool Check(string input)
    {
        Failure expected = Reference(input, out int expectedNsn);
        Failure actual = PhoneNumber.ParseCore(input, out int actualNsn);
        if (actual != expected || actualNsn != expectedNsn)
        {
            Assert.Fail($"'{Escape(input)}': {actual}/{actualNsn}, the reference says {expected}/{expectedNsn}.");
        }

        return actual == Failure.None;
    }

    // Now and then (percent of the time) one to three noise characters.
    private static Gen<string> NoiseRun(int percent) =>
        Gen.Frequency((100 - percent, Gen.Const(string.Empty)), (percent, NoiseCharacter.Array[1, 3].Select(string.Concat)));

    private static string Escape(string s)
    {
        var b = new StringBuilder();
        foreach (char c in s)
        {
            b.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return b.ToString();
    }

    // The parser as it was before the one-pass rewrite, with the separators of pasted numbers added.
    private static Failure Reference(ReadOnlySpan<char> value, out int nsn)
    {
        nsn = 0;
        value = value.Trim();
        if (value.IsEmpty)
        {
            return Failure.Empty;
        }

        var digits = new List<int>();
        bool plus = false;
        foreach (char c in value)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Add(c - '0');
            }
            else if (c == '+')
            {
                if (plus || digits.Count > 0)
                {
                    return Failure.MisplacedPlus;
                }

                plus = true;
            }
            else if (!(char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')' || PastedSeparators.Contains(c, StringComparison.Ordinal)))
            {
                return Failure.InvalidCharacter;
            }
        }

        if (digits.Count is 0 or > 15)
        {
            return Failure.WrongLength;
        }

        string text = string.Concat(digits);
        if (plus || text.StartsWith("00", StringComparison.Ordinal))
        {
            text = text[(plus ? 0 : 2)..];
            if (!text.StartsWith("254", StringComparison.Ordinal))
            {
                return Failure.NotKenyan;
            }

            text = text[3..];
        }
        else if (text.Length > 10 && text.StartsWith("254", StringComparison.Ordinal))
        {
            text = text[3..];
        }

        if (text.Length == 10 && text[0] == '0')
        {
            text = text[1..];
        }

        if (text.Length != 9)
        {
            return Failure.WrongLength;
        }

        nsn = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return KenyaPrefixTable.NetworkOf(nsn / 1_000_000) == MobileNetwork.Unknown ? Failure.NotMobileRange : Failure.None;
    }
}
