namespace KenyaSms.Tests;

public sealed class SmsMessageTests
{
    [Fact]
    public void Ctor_OneRecipient_KeepsRecipientAndTextAsGiven()
    {
        var message = new SmsMessage("0722 123 456", "  Hello\n");

        Assert.Equal(["0722 123 456"], message.To);
        Assert.Equal("  Hello\n", message.Text);
        Assert.Null(message.SenderId);
        Assert.Null(message.ClientReference);
    }

    [Fact]
    public void Ctor_ManyRecipients_KeepsThemInOrderWithoutValidatingNumbers()
    {
        var message = new SmsMessage(["0722123456", "not a number", "0722123456"], "hi") { SenderId = "MYCO", ClientReference = "R-1" };

        Assert.Equal(["0722123456", "not a number", "0722123456"], message.To);
        Assert.Equal(("MYCO", "R-1"), (message.SenderId, message.ClientReference));
    }

    [Fact]
    public void Ctor_ManyRecipients_CopiesTheInputOnce()
    {
        var source = new List<string> { "0722123456", "0733123456" };
        int enumerations = 0;

        var message = new SmsMessage(Counted(), "hi");
        source.Add("0700000000");
        source[0] = "changed";

        Assert.Equal(["0722123456", "0733123456"], message.To);
        Assert.Equal(1, enumerations);

        IEnumerable<string> Counted()
        {
            enumerations++;
            foreach (string s in source.ToArray())
            {
                yield return s;
            }
        }
    }

    [Fact]
    public void Ctor_NullText_ThrowsArgumentNullNamingText()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => new SmsMessage("0722123456", null!)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => new SmsMessage(["0722123456"], null!)).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n ")]
    [InlineData("\u00A0\u2003")]
    public void Ctor_EmptyOrWhiteSpaceText_ThrowsArgumentExceptionNamingText(string text)
    {
        ArgumentException single = Assert.Throws<ArgumentException>(() => new SmsMessage("0722123456", text));
        ArgumentException many = Assert.Throws<ArgumentException>(() => new SmsMessage(["0722123456"], text));

        Assert.Equal(("text", "text"), (single.ParamName, many.ParamName));
    }

    [Fact]
    public void Ctor_NullRecipient_ThrowsArgumentNullNamingTo()
    {
        Assert.Equal("to", Assert.Throws<ArgumentNullException>(() => new SmsMessage((string)null!, "hi")).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentNullException>(() => new SmsMessage((IEnumerable<string>)null!, "hi")).ParamName);
    }

    [Fact]
    public void Ctor_EmptyRecipientList_ThrowsArgumentExceptionNamingTo()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new SmsMessage(Array.Empty<string>(), "hi"));

        Assert.Equal("to", ex.ParamName);
    }

    [Fact]
    public void Ctor_NullItemInRecipientList_ThrowsArgumentNullNamingToAndIndex()
    {
        ArgumentNullException ex = Assert.Throws<ArgumentNullException>(() => new SmsMessage(["0722123456", null!], "hi"));

        Assert.Equal("to", ex.ParamName);
        Assert.Contains("index 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Always_ShowsCountsButNeitherNumbersNorText()
    {
        var message = new SmsMessage(["0722123456", "+254733123456"], "Your PIN is 4321") { ClientReference = "R-1" };

        string text = message.ToString();

        Assert.Contains("Recipients = 2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("722123456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("733123456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", text, StringComparison.Ordinal);
    }
}
