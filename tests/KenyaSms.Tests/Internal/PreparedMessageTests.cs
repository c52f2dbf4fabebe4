using KenyaSms.Internal;

namespace KenyaSms.Tests.Internal;

public class PreparedMessageTests
{
    [Theory]
    [InlineData("abc\uD83D", 3)]
    [InlineData("\uDE00abc", 0)]
    [InlineData("a\uD83Db\uDE00", 1)]
    public void Prepare_UnpairedSurrogate_ThrowsNamingIndex(string text, int index)
    {
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
        Assert.Equal([0, 0, -1, 1], prepared.Slots);
    }
}
