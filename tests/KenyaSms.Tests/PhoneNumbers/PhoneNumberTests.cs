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
        int parsed = 0;
        for (int i = 0; i < 100; i++)
        {
            parsed += ParseAll(valid, invalid, landline);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            parsed += ParseAll(valid, invalid, landline);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1_100, parsed);
    }

    private static int ParseAll(ReadOnlySpan<char> valid, ReadOnlySpan<char> invalid, ReadOnlySpan<char> landline)
    {
        int parsed = 0;
        parsed += PhoneNumber.TryParse(valid, out PhoneNumber number) && number.Network == MobileNetwork.Safaricom ? 1 : 0;
        parsed += PhoneNumber.TryParse(invalid, out _) ? 1 : 0;
        parsed += PhoneNumber.TryParse(landline, out _) ? 1 : 0;
        return parsed;
    }
}
