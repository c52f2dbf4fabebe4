using System.Text;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Telemetry;

public sealed class RedactTests
{
    [Fact]
    public void Snippet_Empty_SaysEmptyBody() => Assert.Equal("(empty body)", Redact.Snippet([]));

    [Fact]
    public void Snippet_WhitespaceOnly_SaysBlankBody() => Assert.Equal("(blank body)", Redact.Snippet(" \r\n\t "u8));

    [Fact]
    public void Snippet_ShortBody_IsKeptWithWhitespaceCollapsed() =>
        Assert.Equal("<html> <body>Bad Gateway</body> </html>", Redact.Snippet("\uFEFF  <html>\r\n\t<body>Bad\u00A0Gateway</body>\0\u200F\n</html>\n"u8));

    [Theory]
    [InlineData("254722123456", "254*******56")]
    [InlineData("+254722123456,0722123456", "+254*******56,072*****56")]
    [InlineData("1234567", "123**67")]
    [InlineData("123456 code 42", "123456 code 42")]
    [InlineData("{\"message_id\":8738598}", "{\"message_id\":873**98}")]
    public void Snippet_DigitRuns_MasksSevenOrMoreKeepingThreeAndTwo(string body, string expected) =>
        Assert.Equal(expected, Redact.Snippet(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("{\"api_key\":\"abc\"}", "{\"api_key\":\"***\"}")]
    [InlineData("{\"API_KEY\" : \"a b\\\"c\", \"x\":1}", "{\"API_KEY\" : \"***\", \"x\":1}")]
    [InlineData("{\"h_api_key\":12345}", "{\"h_api_key\":***}")]
    [InlineData("{\"secret\":null,\"token\":true}", "{\"secret\":***,\"token\":***}")]
    [InlineData("username=bob&password=hunter2&x=1", "username=***&password=***&x=1")]
    [InlineData("api_key: abc123, other: 1", "api_key: ***, other: 1")]
    [InlineData("'apikey' => 'abc'", "'apikey' => '***'")]
    [InlineData("{\"message\":\"{\\\"api_key\\\":\\\"abc\\\"}\"}", "{\"message\":\"{\\\"api_key\\\":\\\"***\\\"}")]
    [InlineData("{\"Username\":\"bob\",\"statusCode\":\"X001\"}", "{\"Username\":\"***\",\"statusCode\":\"X001\"}")]
    [InlineData("{\"password\":\"unterminated", "{\"password\":\"***\"")]
    public void Snippet_SecretFields_MasksTheValue(string body, string expected) =>
        Assert.Equal(expected, Redact.Snippet(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Snippet_LongKeyLikeToken_IsMasked()
    {
        const string key = "adeedccd2199f41f7e731e3150b4c8009de4cded064b6407a310573e28978680";

        Assert.Equal("key was *** .", Redact.Snippet(Encoding.UTF8.GetBytes($"key was {key} .")));
    }

    [Fact]
    public void Snippet_LongBody_IsCutTo120WithEllipsis()
    {
        string snippet = Redact.Snippet(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("lorem ipsum ", 30))));

        Assert.Equal(120, snippet.Length);
        Assert.EndsWith("\u2026", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_CutBetweenSurrogates_KeepsWholeCharacters()
    {
        string words = string.Concat(Enumerable.Repeat("abcdefgh ", 13)) + "z";

        string snippet = Redact.Snippet(Encoding.UTF8.GetBytes(words + "\U0001F600\U0001F600"));

        Assert.Equal(words + "\u2026", snippet);
    }

    [Fact]
    public void Snippet_HugeBodyOfPhoneNumbers_ShowsNoUnmaskedDigitRun()
    {
        byte[] body = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("254722123456", 100_000)) + "]");

        string snippet = Redact.Snippet(body);

        Assert.InRange(snippet.Length, 1, 120);
        Assert.DoesNotMatch("[0-9]{6}", snippet);
        Assert.StartsWith("[254*******56,", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_WindowEndsInsideANumber_DoesNotShowItsStart()
    {
        // Spaces collapse, so the 1 KiB window holds little text; a number straddles the window's end.
        byte[] body = Encoding.UTF8.GetBytes("x" + new string(' ', 1020) + "2547221234567890");

        Assert.Equal("x\u2026", Redact.Snippet(body));
    }

    [Fact]
    public void Snippet_InvalidUtf8_UsesReplacementCharacter() =>
        Assert.Equal("ok \uFFFD( end", Redact.Snippet([(byte)'o', (byte)'k', (byte)' ', 0xC3, 0x28, (byte)' ', (byte)'e', (byte)'n', (byte)'d']));

    [Fact]
    public void Snippet_RandomBytes_NeverThrowsAndStaysShort()
    {
        var random = new Random(7);
        for (int i = 0; i < 2_000; i++)
        {
            byte[] body = new byte[random.Next(0, 3_000)];
            random.NextBytes(body);

            string snippet = Redact.Snippet(body);

            Assert.InRange(snippet.Length, 1, 120);
        }
    }

    [Fact]
    public void Phone_Masks_KeepingFiveAndTwo() => Assert.Equal("+2547******56", Redact.Phone("+254722123456"));
}
