using System.Globalization;

namespace KenyaSms.Tests.PhoneNumbers;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("0722123456")]
    [InlineData("722123456")]
    [InlineData("254722123456")]
    [InlineData("+254722123456")]
    [InlineData("00254722123456")]
    [InlineData("+2540722123456")]
    [InlineData("2540722123456")]
    [InlineData("002540722123456")]
    [InlineData("0722 123 456")]
    [InlineData("0722-123-456")]
    [InlineData("0722.123.456")]
    [InlineData("(0722) 123456")]
    [InlineData("+254 (722) 123-456")]
    [InlineData("+254 722 123 456")]
    [InlineData("(+254) 722-123-456")]
    [InlineData("+254 (0)722 123 456")]
    [InlineData("  0722123456  ")]
    [InlineData("\t+254722123456\n")]
    [InlineData("\u00A00722\u00A0123\u00A0456")]
    public void TryParse_TypedForm_IsTheSameNumber(string input)
    {
        Assert.True(PhoneNumber.TryParse(input, out PhoneNumber number));
        Assert.Equal("+254722123456", number.E164);
        Assert.True(PhoneNumber.TryParse(input.AsSpan(), out PhoneNumber fromSpan));
        Assert.Equal(number, fromSpan);
    }

    // Copied from a phone's contacts, WhatsApp, a spreadsheet or a word processor: each looks like a valid number on
    // screen, the extra characters invisible or a dash that is not U+002D.
    [Theory]
    [InlineData("\u202A+254 722 123456\u202C")]           // LRE ... PDF: Android and WhatsApp wrap copied contacts in these
    [InlineData("\u202B0722123456\u202C")]                // RLE ... PDF
    [InlineData("\u200E+254722123456")]                   // left-to-right mark
    [InlineData("\u200F+254722123456\u200F")]             // right-to-left mark
    [InlineData("\u2066+254 722 123 456\u2069")]          // LRI ... PDI
    [InlineData("\u20670722123456\u2069")]                // RLI ... PDI
    [InlineData("\u2068+254722123456\u2069")]             // FSI ... PDI
    [InlineData("\u061C0722123456")]                      // Arabic letter mark
    [InlineData("0722\u200B123\u200B456")]                // zero-width space
    [InlineData("0722\u200C123456\u200D")]                // zero-width non-joiner and joiner
    [InlineData("07\u206022123456")]                      // word joiner
    [InlineData("\uFEFF0722123456")]                      // byte-order mark at the start of a CSV's first cell
    [InlineData("+254\uFEFF722123456")]                   // zero-width no-break space inside
    [InlineData("0722\u00AD123\u00AD456")]                // soft hyphen
    [InlineData("0722\u2010123\u2010456")]                // hyphen
    [InlineData("0722\u2011123\u2011456")]                // non-breaking hyphen
    [InlineData("0722\u2012123\u2012456")]                // figure dash
    [InlineData("0722\u2013123\u2013456")]                // en dash
    [InlineData("+254\u2014722\u2014123456")]             // em dash
    [InlineData("0722\u2015123456")]                      // horizontal bar
    [InlineData("0722\u2212123\u2212456")]                // minus sign
    [InlineData("0722\uFE63123\uFF0D456")]                // small and full-width hyphen-minus
    [InlineData("0722\u00A0123\u00A0456")]                // no-break space
    [InlineData("+254\u202F722\u202F123\u202F456")]       // narrow no-break space
    [InlineData("0722\u2009123\u2009456")]                // thin space
    [InlineData("\uFEFF\u202A+254\u00A0(722)\u2011123\u2013456\u200B\u202C")] // all at once
    public void TryParse_PastedWithInvisibleOrDashCharacters_IsTheSameNumber(string input)
    {
        Assert.True(PhoneNumber.TryParse(input, out PhoneNumber number));
        Assert.Equal("+254722123456", number.E164);
        Assert.True(PhoneNumber.TryParse(input.AsSpan(), out PhoneNumber fromSpan));
        Assert.Equal(number, fromSpan);
        Assert.Equal(number, PhoneNumber.Parse(input));
    }

    // The new separators carry no digit: what was not a Kenyan mobile number stays refused with them around.
    [Theory]
    [InlineData("\u202A+254 722 l23456\u202C")]           // letter l for 1, inside direction marks
    [InlineData("\uFEFF0722-ABC-456")]
    [InlineData("\u202A+255 712 345678\u202C")]           // Tanzania
    [InlineData("\u202A020 1234567\u202C")]               // landline
    [InlineData("0722\u2013123\u20134567")]               // one digit too many
    [InlineData("0722\u200B12345")]                       // one digit short
    [InlineData("\u2013\u200B\uFEFF")]                    // separators only
    [InlineData("0722\u2013+123456")]                     // a '+' after the digits started
    [InlineData("\u202E6543212270")]                      // right-to-left override: shows 0722123456, holds 6543212270
    [InlineData("\u202D0722123456")]                      // left-to-right override: overrides reorder digits, so none is accepted
    [InlineData("0722\u2063123456")]                      // invisible separator (a maths operator, not formatting)
    [InlineData("0722\u2064123456")]                      // invisible plus
    [InlineData("0722\u2044123456")]                      // fraction slash
    [InlineData("0722\u2022123456")]                      // bullet
    [InlineData("0722\u2016123456")]                      // double vertical line, next to the dashes
    [InlineData("0722\u00B7123456")]                      // middle dot
    public void TryParse_InvisibleOrDashAroundInvalidNumber_StillRejected(string input)
    {
        Assert.False(PhoneNumber.TryParse(input, out PhoneNumber number));
        Assert.Equal(default, number);
        Assert.False(PhoneNumber.TryParse(input.AsSpan(), out _));
    }

    [Theory]
    [InlineData("0110123456", "+254110123456")]
    [InlineData("+254110123456", "+254110123456")]
    [InlineData("110 123 456", "+254110123456")]
    [InlineData("+2540110123456", "+254110123456")]
    [InlineData("0100123456", "+254100123456")]
    public void TryParse_1xxRange_IsValid(string input, string e164)
    {
        Assert.True(PhoneNumber.TryParse(input, out PhoneNumber number));
        Assert.Equal(e164, number.E164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("020 1234567")]            // Nairobi landline
    [InlineData("+254201234567")]          // landline in international form
    [InlineData("0800723253")]             // toll-free
    [InlineData("+255712345678")]          // Tanzania
    [InlineData("+1 202 555 0143")]        // USA
    [InlineData("00255712345678")]         // Tanzania with the international prefix
    [InlineData("+722123456")]             // plus without a country code
    [InlineData("+0722123456")]            // plus before the trunk zero
    [InlineData("072212345")]              // one digit short
    [InlineData("07221234567")]            // one digit too many
    [InlineData("25472212345")]            // country code, one digit short
    [InlineData("2547221234567")]          // country code, one digit too many
    [InlineData("0722123456789012345")]    // far too long
    [InlineData("0722l23456")]             // letter l for digit 1
    [InlineData("O722123456")]             // letter O for zero
    [InlineData("tel:0722123456")]
    [InlineData("0722+123456")]            // plus in the middle
    [InlineData("++254722123456")]         // two pluses
    [InlineData("+254+722123456")]
    [InlineData("0722/123/456")]           // slash is not a separator
    [InlineData("\u0660\u0667\u0662\u0662\u0661\u0662\u0663\u0664\u0665\u0666")] // Arabic-Indic digits
    [InlineData("\uFF10\uFF17\uFF12\uFF12\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16")] // full-width digits
    [InlineData("0600123456")]             // 600 is not listed
    [InlineData("0109123456")]             // 109 is not listed (100-108 are)
    [InlineData("0122123456")]             // 122 is not listed
    [InlineData("0800123456")]             // 800 is not listed
    [InlineData("+-()")]
    public void TryParse_NotAKenyanMobileNumber_ReturnsFalseAndDefault(string input)
    {
        Assert.False(PhoneNumber.TryParse(input, out PhoneNumber number));
        Assert.Equal(default, number);
        Assert.False(PhoneNumber.TryParse(input.AsSpan(), out _));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(PhoneNumber.TryParse((string?)null, out PhoneNumber number));
        Assert.Equal(default, number);
    }

    [Fact]
    public void Forms_ValidNumber_AreE164MsisdnAndNational()
    {
        PhoneNumber number = PhoneNumber.Parse("+254 (722) 123-456");

        Assert.Equal("+254722123456", number.E164);
        Assert.Equal("254722123456", number.Msisdn);
        Assert.Equal("0722123456", number.National);
        Assert.Equal("+254722123456", number.ToString());
        Assert.Equal(MobileNetwork.Safaricom, number.Network);
    }

    // One row per range line of shared/data/ke-mobile-prefixes.txt: its first and last prefix.
    [Theory]
    [InlineData("0100123456", "0108123456", MobileNetwork.Airtel)]
    [InlineData("0110123456", "0119123456", MobileNetwork.Safaricom)]
    [InlineData("0120123456", "0120123456", MobileNetwork.Telkom)]
    [InlineData("0121123456", "0121123456", MobileNetwork.Infura)]
    [InlineData("0124123456", "0124123456", MobileNetwork.Equitel)]
    [InlineData("0130123456", "0130123456", MobileNetwork.NrgMedia)]
    [InlineData("0140123456", "0145123456", MobileNetwork.Safaricom)]
    [InlineData("0180123456", "0189123456", MobileNetwork.Safaricom)]
    [InlineData("0700123456", "0729123456", MobileNetwork.Safaricom)]
    [InlineData("0730123456", "0739123456", MobileNetwork.Airtel)]
    [InlineData("0740123456", "0743123456", MobileNetwork.Safaricom)]
    [InlineData("0744123456", "0744123456", MobileNetwork.HomelandMedia)]
    [InlineData("0745123456", "0746123456", MobileNetwork.Safaricom)]
    [InlineData("0747123456", "0747123456", MobileNetwork.Faiba)]
    [InlineData("0748123456", "0749123456", MobileNetwork.Safaricom)]
    [InlineData("0750123456", "0756123456", MobileNetwork.Airtel)]
    [InlineData("0757123456", "0759123456", MobileNetwork.Safaricom)]
    [InlineData("0760123456", "0760123456", MobileNetwork.MobilePay)]
    [InlineData("0761123456", "0762123456", MobileNetwork.Airtel)]
    [InlineData("0763123456", "0766123456", MobileNetwork.Equitel)]
    [InlineData("0767123456", "0767123456", MobileNetwork.SemaMobile)]
    [InlineData("0768123456", "0769123456", MobileNetwork.Safaricom)]
    [InlineData("0770123456", "0779123456", MobileNetwork.Telkom)]
    [InlineData("0780123456", "0789123456", MobileNetwork.Airtel)]
    [InlineData("0790123456", "0799123456", MobileNetwork.Safaricom)]
    public void Network_EachPrefixRange_IsTheAllocatedOperator(string first, string last, MobileNetwork network)
    {
        Assert.Equal(network, PhoneNumber.Parse(first).Network);
        Assert.Equal(network, PhoneNumber.Parse(last).Network);
    }

    [Fact]
    public void Network_EveryPrefix_MatchesThePrefixFile()
    {
        var expected = new Dictionary<int, MobileNetwork>();
        foreach (string line in SharedDataFiles.DataLines("ke-mobile-prefixes.txt"))
        {
            string[] fields = line.Split('|');
            string[] range = fields[0].Split('-');
            int from = int.Parse(range[0], CultureInfo.InvariantCulture);
            int to = int.Parse(range[^1], CultureInfo.InvariantCulture);
            MobileNetwork network = Enum.Parse<MobileNetwork>(fields[1]);
            for (int prefix = from; prefix <= to; prefix++)
            {
                expected.Add(prefix, network);
            }
        }

        Assert.NotEmpty(expected);
        for (int prefix = 100; prefix <= 999; prefix++)
        {
            string national = $"0{prefix}123456";
            bool parsed = PhoneNumber.TryParse(national, out PhoneNumber number);
            if (expected.TryGetValue(prefix, out MobileNetwork network))
            {
                Assert.True(parsed, $"{national} should be a {network} number");
                Assert.Equal(network, number.Network);
            }
            else
            {
                Assert.False(parsed, $"{national}: prefix {prefix} is not in the file, so not a mobile range");
            }
        }
    }

    [Theory]
    [InlineData("0201234567", "prefix 201 is not a mobile range")]
    [InlineData("+254 600 123 456", "prefix 600 is not a mobile range")]
    [InlineData("07221234567", "wrong number of digits")]
    [InlineData("0722-ABC-456", "contains a character that is not a digit or separator")]
    [InlineData("\u0660\u0667\u0662\u0662\u0661\u0662\u0663\u0664\u0665\u0666", "not a digit or separator")]
    [InlineData("0722+123456", "'+'")]
    [InlineData("+255712345678", "country code is not 254")]
    [InlineData("  ", "empty")]
    public void Parse_Invalid_ThrowsFormatExceptionThatQuotesTheInputAndSaysWhy(string input, string reason)
    {
        FormatException ex = Assert.Throws<FormatException>(() => PhoneNumber.Parse(input));

        Assert.StartsWith($"'{input}' is not a Kenyan mobile number: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongInput_QuotesOnlyItsStart()
    {
        string input = new('x', 10_000);

        FormatException ex = Assert.Throws<FormatException>(() => PhoneNumber.Parse(input));

        Assert.StartsWith($"'{new string('x', 64)}...' is not a Kenyan mobile number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException() =>
        Assert.Throws<ArgumentNullException>("value", () => PhoneNumber.Parse(null!));

    [Fact]
    public void Equality_SameNumberTypedDifferently_IsEqual()
    {
        PhoneNumber a = PhoneNumber.Parse("0722 123 456");
        PhoneNumber b = PhoneNumber.Parse("+254722123456");

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equality_DifferentNumbers_IsNotEqual()
    {
        PhoneNumber a = PhoneNumber.Parse("0722123456");
        PhoneNumber b = PhoneNumber.Parse("0722123457");

        Assert.True(a != b);
        Assert.False(a.Equals((object)"+254722123456"));
        Assert.NotEqual(default, a);
    }

    [Fact]
    public void Default_IsNotANumber_EmptyFormsAndUnknownNetwork()
    {
        PhoneNumber none = default;

        Assert.Equal(string.Empty, none.E164);
        Assert.Equal(string.Empty, none.Msisdn);
        Assert.Equal(string.Empty, none.National);
        Assert.Equal(string.Empty, none.ToString());
        Assert.Equal(MobileNetwork.Unknown, none.Network);
        Assert.Equal(new PhoneNumber(), none);
    }

    [Fact]
    public void TryParse_Span_AllocatesNothing()
    {
        ReadOnlySpan<char> valid = "+254 (722) 123-456";
        ReadOnlySpan<char> invalid = "\u0660\u0667\u0662\u0662\u0661\u0662\u0663\u0664\u0665\u0666";
        ReadOnlySpan<char> landline = "020 1234567";
        ReadOnlySpan<char> pasted = "\uFEFF\u202A+254\u00A0722\u2011123\u2013456\u200B\u202C";
        int parsed = 0;
        for (int i = 0; i < 100; i++)
        {
            parsed += ParseAll(valid, invalid, landline, pasted);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            parsed += ParseAll(valid, invalid, landline, pasted);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(2_200, parsed);
    }

    private static int ParseAll(ReadOnlySpan<char> valid, ReadOnlySpan<char> invalid, ReadOnlySpan<char> landline, ReadOnlySpan<char> pasted)
    {
        int parsed = 0;
        parsed += PhoneNumber.TryParse(valid, out PhoneNumber number) && number.Network == MobileNetwork.Safaricom ? 1 : 0;
        parsed += PhoneNumber.TryParse(invalid, out _) ? 1 : 0;
        parsed += PhoneNumber.TryParse(landline, out _) ? 1 : 0;
        parsed += PhoneNumber.TryParse(pasted, out PhoneNumber copied) && copied == number ? 1 : 0;
        return parsed;
    }
}
