using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Sending;

public class PreparedMessageTests
{
    // Lone surrogates are built from code units here: xunit would mangle them as theory data.
    [Theory]
    [InlineData("abc", 0xD83D, "", 3)]
    [InlineData("", 0xDE00, "abc", 0)]
    [InlineData("a", 0xD83D, "b", 1)]
    public void Prepare_UnpairedSurrogate_ThrowsNamingIndex(string before, int surrogate, string after, int index)
    {
        string text = before + (char)surrogate + after;
        var message = new SmsMessage("0722123456", text);
        ArgumentException ex = Assert.Throws<ArgumentException>(() => PreparedMessage.Prepare(message, "MYCO", 6, "synqtel"));
        Assert.Equal("message", ex.ParamName);
        Assert.Contains($"index {index}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_EmojiPair_IsAccepted()
    {
        PreparedMessage prepared = PreparedMessage.Prepare(new SmsMessage("0722123456", "Habari 😀"), "MYCO", 6, "synqtel");
        Assert.Equal(SmsEncoding.Ucs2, prepared.Segments.Encoding);
    }

    [Fact]
    public void Prepare_DuplicatesInAnyFormat_KeepsOneSlotPerInput()
    {
        PreparedMessage prepared = PreparedMessage.Prepare(
            new SmsMessage(["0722 123 456", "+254722123456", "bogus", "0733123456"], "Hi"), "MYCO", 6, "synqtel");
        Assert.Equal(2, prepared.Unique.Count);
        Assert.Equal([0, 0, -1, 1], Enumerable.Range(0, prepared.InputCount).Select(prepared.SlotOf));
    }
}
