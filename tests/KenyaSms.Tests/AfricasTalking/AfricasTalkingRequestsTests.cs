using System.Text;
using KenyaSms.AfricasTalking.Wire;

namespace KenyaSms.Tests.AfricasTalking;

/// <summary>The messaging form is encoded straight into bytes: it must equal what Uri.EscapeDataString would give.</summary>
public sealed class AfricasTalkingRequestsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Habari from the SDK")]
    [InlineData("AZaz09-_.~")]
    [InlineData("!*'();:@&=+$,/?#[]% \"<>\\^`{|}")]
    [InlineData("Bei ni KES 1,500/=. Asante!")]
    [InlineData("€ £ ¥ é ñ ü ß")]
    [InlineData("Karibu 😀👍🏽 mama")]
    [InlineData("line one\nline two\r\ttab")]
    [InlineData("\u0000\u007F\u0080\u07FF\u0800\uFFFF")]
    public void Escape_AnyText_SameAsUriEscapeDataString(string text)
    {
        AssertSameAsEscapeDataString(text);
    }

    [Fact]
    public void Escape_RandomTextsOverEveryPlane_SameAsUriEscapeDataString()
    {
        var random = new Random(20261206);
        for (int n = 0; n < 2_000; n++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 40);
            for (int i = 0; i < length; i++)
            {
                int kind = random.Next(4);
                int code = kind switch
                {
                    0 => random.Next(0, 0x80),
                    1 => random.Next(0x80, 0x800),
                    2 => random.Next(0x800, 0xD800),
                    _ => random.Next(0x10000, 0x110000),
                };
                text.Append(char.ConvertFromUtf32(code));
            }

            AssertSameAsEscapeDataString(text.ToString());
        }
    }

    [Fact]
    public void Messaging_Fields_InTheOrderAtsSdksSendThem()
    {
        byte[] form = AfricasTalkingRequests.Messaging("sandbox", [PhoneNumber.Parse("0722310558"), PhoneNumber.Parse("0733123456")], "Habari 😀", "ACME", enqueue: false);

        Assert.Equal("username=sandbox&to=%2B254722310558%2C%2B254733123456&message=Habari%20%F0%9F%98%80&from=ACME&bulkSMSMode=1&enqueue=0", Encoding.ASCII.GetString(form));
    }

    [Fact]
    public void Messaging_NoSenderIdAndEnqueue_NoFromFieldEnqueue1()
    {
        byte[] form = AfricasTalkingRequests.Messaging("user name", [PhoneNumber.Parse("+254110123456")], "a&b=c", from: null, enqueue: true);

        Assert.Equal("username=user%20name&to=%2B254110123456&message=a%26b%3Dc&bulkSMSMode=1&enqueue=1", Encoding.ASCII.GetString(form));
    }

    private static void AssertSameAsEscapeDataString(string text)
    {
        byte[] into = new byte[AfricasTalkingRequests.EscapedLength(text)];
        int written = AfricasTalkingRequests.Escape(into, 0, text);

        Assert.Equal(into.Length, written);
        Assert.Equal(Uri.EscapeDataString(text), Encoding.ASCII.GetString(into));
    }
}
