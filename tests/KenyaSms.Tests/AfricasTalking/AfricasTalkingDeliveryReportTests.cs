using System.Text;
using KenyaSms.AfricasTalking;

namespace KenyaSms.Tests.AfricasTalking;

// Reference "Delivery reports (AT calls the customer)": form-encoded id, status, phoneNumber, networkCode, retryCount,
// failureReason; read through DeliveryReportParser's content-type overload.
public sealed class AfricasTalkingDeliveryReportTests
{
    private const string Form = "application/x-www-form-urlencoded";

    private const string Delivered = "id=ATXid_0123456789abcdef0123456789abcdef&status=Success&phoneNumber=%2B254722123456&networkCode=63902&retryCount=0";

    private static bool Parse(string body, out DeliveryReport? report, string? contentType = Form) =>
        DeliveryReportParser.TryParse("africastalking", Encoding.UTF8.GetBytes(body), contentType, out report);

    [Fact]
    public void TryParse_Success_ReadsEveryField()
    {
        Assert.True(Parse(Delivered, out DeliveryReport? report));

        Assert.Equal("africastalking", report!.Provider);
        Assert.Equal("ATXid_0123456789abcdef0123456789abcdef", report.MessageId);
        Assert.Equal("+254722123456", report.PhoneNumber);
        Assert.Equal(DeliveryStatus.Delivered, report.Status);
        Assert.Equal("Success", report.ProviderStatus);
        Assert.Null(report.ProviderDescription);
        Assert.Null(report.DeliveredAt);
        Assert.Null(report.SenderId);
        Assert.Equal(MobileNetwork.Safaricom, report.Network);
    }

    [Theory]
    [InlineData("Success", DeliveryStatus.Delivered)]
    [InlineData("Sent", DeliveryStatus.Submitted)]
    [InlineData("Submitted", DeliveryStatus.Submitted)]
    [InlineData("Buffered", DeliveryStatus.Submitted)]
    [InlineData("Rejected", DeliveryStatus.Rejected)]
    [InlineData("InsufficientBalance", DeliveryStatus.Rejected)]
    [InlineData("Failed", DeliveryStatus.Failed)]
    [InlineData("AbsentSubscriber", DeliveryStatus.Failed)]
    [InlineData("Expired", DeliveryStatus.Expired)]
    [InlineData("success", DeliveryStatus.Delivered)]
    [InlineData("BUFFERED", DeliveryStatus.Submitted)]
    [InlineData("Incomplete", DeliveryStatus.Unknown)]
    [InlineData("Teleported", DeliveryStatus.Unknown)]
    public void TryParse_StatusWord_MapsAndKeepsTheRawWord(string word, DeliveryStatus expected)
    {
        Assert.True(Parse($"id=ATXid_1&status={word}&phoneNumber=%2B254722123456&networkCode=63902&retryCount=0", out DeliveryReport? report));

        Assert.Equal(expected, report!.Status);
        Assert.Equal(word, report.ProviderStatus);
    }

    [Theory]
    [InlineData("63902", MobileNetwork.Safaricom)]
    [InlineData("63903", MobileNetwork.Airtel)]
    [InlineData("63907", MobileNetwork.Telkom)]
    [InlineData("63999", MobileNetwork.Equitel)]
    public void TryParse_NetworkCode_NamesTheNetwork(string code, MobileNetwork expected)
    {
        // A Safaricom prefix, so only the code can give another network.
        Assert.True(Parse($"id=ATXid_1&status=Success&phoneNumber=%2B254722123456&networkCode={code}", out DeliveryReport? report));

        Assert.Equal(expected, report!.Network);
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("")]
    [InlineData("12345")]
    public void TryParse_SandboxOrUnknownNetworkCode_FallsBackToThePrefix(string code)
    {
        Assert.True(Parse($"id=ATXid_1&status=Success&phoneNumber=%2B254733123456&networkCode={code}", out DeliveryReport? report));

        Assert.Equal(MobileNetwork.Airtel, report!.Network);
    }

    [Fact]
    public void TryParse_UserInBlackList_IsRecognisableAsTheSubscriberBlacklistingTheSender()
    {
        Assert.True(Parse("id=ATXid_1&status=Rejected&phoneNumber=%2B254722123456&networkCode=63902&retryCount=0&failureReason=UserInBlacklist", out DeliveryReport? report));

        Assert.Equal(DeliveryStatus.Rejected, report!.Status);
        Assert.Equal(AfricasTalkingFailureReasons.UserInBlackList, report.ProviderDescription);
    }

    [Theory]
    [InlineData("DeliveryFailure", "DeliveryFailure")]
    [InlineData("doNotDisturbRejection", "DoNotDisturbRejection")]
    [InlineData("SomethingNew", "SomethingNew")]
    public void TryParse_FailureReason_IsKept(string reason, string expected)
    {
        Assert.True(Parse($"id=ATXid_1&status=Failed&phoneNumber=%2B254722123456&failureReason={reason}", out DeliveryReport? report));

        Assert.Equal(DeliveryStatus.Failed, report!.Status);
        Assert.Equal(expected, report.ProviderDescription);
    }

    [Theory]
    [InlineData("%2B254722123456", "+254722123456")]
    [InlineData("254722123456", "+254722123456")]
    [InlineData("+254722123456", "+254722123456")] // '+' unescaped in a form is a space; the number still reads
    [InlineData("0722123456", "+254722123456")]
    [InlineData("%2B447911123456", "+447911123456")] // not Kenyan: as received
    public void TryParse_PhoneNumber_IsNormalisedWhenValid(string field, string expected)
    {
        Assert.True(Parse($"id=ATXid_1&status=Success&phoneNumber={field}", out DeliveryReport? report));

        Assert.Equal(expected, report!.PhoneNumber);
    }

    [Fact]
    public void TryParse_FieldsInAnyOrderWithUnknownOnes_Reads()
    {
        Assert.True(Parse("retryCount=2&extra=1&&phoneNumber=%2B254722123456&status=Sent&id=ATXid_2", out DeliveryReport? report));

        Assert.Equal("ATXid_2", report!.MessageId);
        Assert.Equal(DeliveryStatus.Submitted, report.Status);
    }

    [Theory]
    [InlineData(Form)]
    [InlineData("application/x-www-form-urlencoded; charset=utf-8")]
    [InlineData("Application/X-WWW-Form-UrlEncoded; charset=\"UTF-8\"")]
    [InlineData(null)]
    public void TryParse_FormContentType_Reads(string? contentType)
    {
        Assert.True(Parse(Delivered, out _, contentType));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded; charset=iso-8859-1")]
    [InlineData("not a media type")]
    [InlineData("")]
    public void TryParse_OtherContentType_IsFalse(string contentType)
    {
        Assert.False(Parse(Delivered, out DeliveryReport? report, contentType));
        Assert.Null(report);
    }

    [Theory]
    [InlineData("status=Success&phoneNumber=%2B254722123456")] // no id
    [InlineData("id=&status=Success&phoneNumber=%2B254722123456")]
    [InlineData("id=None&status=Success&phoneNumber=%2B254722123456")] // AT's "no id"
    [InlineData("id=ATX%20id&status=Success&phoneNumber=%2B254722123456")]
    [InlineData("id=ATXid_1&phoneNumber=%2B254722123456")] // no status
    [InlineData("id=ATXid_1&status=&phoneNumber=%2B254722123456")]
    [InlineData("id=ATXid_1&status=Success")] // no phone number
    [InlineData("id=ATXid_1&id=ATXid_2&status=Success&phoneNumber=%2B254722123456")] // which id?
    [InlineData("id=ATXid_1&status=Success&status=Failed&phoneNumber=%2B254722123456")]
    [InlineData("{\"id\":\"ATXid_1\",\"status\":\"Success\",\"phoneNumber\":\"+254722123456\"}")] // JSON is not AT's format
    [InlineData("")]
    [InlineData("&&&")]
    [InlineData("=")]
    public void TryParse_NotAReport_IsFalse(string body)
    {
        Assert.False(Parse(body, out DeliveryReport? report));
        Assert.Null(report);
    }

    [Fact]
    public void TryParse_OverlongIdOrStatus_IsFalse()
    {
        Assert.False(Parse($"id={new string('a', 65)}&status=Success&phoneNumber=%2B254722123456", out _));
        Assert.False(Parse($"id=ATXid_1&status={new string('a', 65)}&phoneNumber=%2B254722123456", out _));
        Assert.True(Parse($"id={new string('a', 64)}&status=Success&phoneNumber=%2B254722123456", out _));
    }

    [Fact]
    public void TryParse_InvalidUtf8OrBadEscapes_NeverThrows()
    {
        byte[] invalid = [.. Encoding.ASCII.GetBytes("id=ATXid_1&status="), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("&phoneNumber=1")];
        Assert.False(DeliveryReportParser.TryParse("africastalking", invalid, Form, out _));

        // A broken escape is kept as text, never an exception.
        Assert.True(Parse("id=ATXid_1&status=%ZZ%&phoneNumber=%2B254722123456", out DeliveryReport? report));
        Assert.Equal(DeliveryStatus.Unknown, report!.Status);
        Assert.Equal("%ZZ%", report.ProviderStatus);
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrow()
    {
        var random = new Random(14);
        byte[] alphabet = Encoding.ASCII.GetBytes("id=status&phoneNumber%2B+0123456789ATXid_");
        for (int i = 0; i < 2000; i++)
        {
            byte[] body = new byte[random.Next(0, 80)];
            for (int j = 0; j < body.Length; j++)
            {
                body[j] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }

            _ = DeliveryReportParser.TryParse("africastalking", body, Form, out _);
        }
    }

    [Theory]
    [InlineData("AfricasTalking")]
    [InlineData("AFRICASTALKING")]
    public void TryParse_ProviderKey_IgnoresCase(string provider)
    {
        Assert.True(DeliveryReportParser.TryParse(provider, Encoding.UTF8.GetBytes(Delivered), Form, out DeliveryReport? report));
        Assert.Equal("africastalking", report!.Provider);
    }

    [Theory]
    [InlineData("qserve")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_ProviderWithoutReports_IsFalse(string? provider)
    {
        Assert.False(DeliveryReportParser.TryParse(provider!, Encoding.UTF8.GetBytes(Delivered), Form, out _));
    }

    [Fact]
    public void TryParse_SynqtelThroughTheContentTypeOverload_ReadsJsonOnly()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"messageId":"27312989","dlrStatus":"1","dlrDesc":"DeliveredToTerminal","destaddr":"254767209917"}""");

        Assert.True(DeliveryReportParser.TryParse("synqtel", json, "application/json; charset=utf-8", out DeliveryReport? report));
        Assert.Equal(DeliveryStatus.Delivered, report!.Status);
        Assert.True(DeliveryReportParser.TryParse("synqtel", json, null, out _));
        Assert.False(DeliveryReportParser.TryParse("synqtel", json, Form, out _));
        Assert.False(DeliveryReportParser.TryParse("synqtel", Encoding.UTF8.GetBytes(Delivered), Form, out _));
    }

    [Fact]
    public void TryParse_AtFormThroughTheJsonOverload_IsFalse()
    {
        // The JSON overload is unchanged: it reads Synqtel only.
        Assert.False(DeliveryReportParser.TryParse("africastalking", Encoding.UTF8.GetBytes(Delivered), out _));
    }
}
