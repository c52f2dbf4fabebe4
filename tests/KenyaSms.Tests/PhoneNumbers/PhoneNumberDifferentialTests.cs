using System.Text;
using Failure = KenyaSms.PhoneNumber.ParseFailure;

namespace KenyaSms.Tests.PhoneNumbers;

// The one-pass parser against the straightforward one it replaced (trim, collect digits, strip prefixes).
public class PhoneNumberDifferentialTests
{
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

    [Fact]
    public void ParseCore_GeneratedInputs_AgreesWithTheReferenceParser()
    {
        var random = new Random(20261122);
        var builder = new StringBuilder();
        int valid = 0;
        for (int i = 0; i < 200_000; i++)
        {
            builder.Clear();
            Generate(random, builder);
            valid += Check(builder.ToString()) ? 1 : 0;
        }

        // The generator must reach both verdicts often, or it tests little.
        Assert.InRange(valid, 20_000, 180_000);
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
        var random = new Random(254);
        string[] leads = ["", "+", "0", "+0", "254", "+254", "2540", "+2540", "00254", "002540", "7", "1", "00", "+00"];
        for (int length = 0; length <= 18; length++)
        {
            for (int i = 0; i < 2_000; i++)
            {
                var builder = new StringBuilder(leads[random.Next(leads.Length)]);
                while (builder.Length < length)
                {
                    builder.Append((char)('0' + random.Next(10)));
                }

                Check(builder.ToString());
            }

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

    private static void Generate(Random random, StringBuilder builder)
    {
        AddNoise(random, builder, 0.2);
        builder.Append(Leads[random.Next(Leads.Length)]);
        AddNoise(random, builder, 0.1);
        builder.Append(random.Next(3) switch { 0 => '7', 1 => '1', _ => (char)('0' + random.Next(10)) });
        int digits = random.Next(10) < 7 ? 8 : random.Next(14);
        for (int d = 0; d < digits; d++)
        {
            builder.Append((char)('0' + random.Next(10)));
            AddNoise(random, builder, 0.08);
        }

        AddNoise(random, builder, 0.2);
    }

    private static void AddNoise(Random random, StringBuilder builder, double probability)
    {
        while (random.NextDouble() < probability)
        {
            // Mostly the separators at the start of the list.
            builder.Append(Noise[random.Next(random.Next(2) == 0 ? 6 : Noise.Length)]);
        }
    }

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
