using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Json;

// AsciiChar stands in for char.IsAscii* (net7+) on every target: it must agree with them on every char.
public sealed class AsciiCharTests
{
    [Fact]
    public void Classes_EveryChar_AgreeWithTheBcl()
    {
        for (int i = char.MinValue; i <= char.MaxValue; i++)
        {
            char c = (char)i;
            Assert.Equal(char.IsAsciiDigit(c), AsciiChar.IsDigit(c));
            Assert.Equal(char.IsAsciiLetter(c), AsciiChar.IsLetter(c));
            Assert.Equal(char.IsAsciiLetterOrDigit(c), AsciiChar.IsLetterOrDigit(c));
        }
    }

    [Theory]
    [InlineData("0123456789", true)]
    [InlineData("7", true)]
    [InlineData("", false)]
    [InlineData("12a", false)]
    [InlineData("-1", false)]
    [InlineData("\u0661", false)]
    public void AllDigits_Text_TrueOnlyForNonEmptyAsciiDigits(string text, bool expected) =>
        Assert.Equal(expected, AsciiChar.AllDigits(text));
}
