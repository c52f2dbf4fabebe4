using System.Text.Json;
using KenyaSms.Qserve;
using KenyaSms.Qserve.Wire;

namespace KenyaSms.Tests.Qserve;

public sealed class QserveJsonContextTests
{
    // Quotes, backslashes, line breaks, NUL, an RTL mark, an emoji and a JSON fragment that tries to add a field.
    internal const string HostileText = "He said \"hi\" \\ C:\\path\r\n\tnext\0 \u200F\u05E9\u05DC\u05D5\u05DD \U0001F600 {\"api_key\":\"x\"}\", \"api_key\": \"injected";

    [Fact]
    public void SendRequest_HostileText_RoundTripsExactlyWithOnlyTheRecordsFields()
    {
        var request = new QserveSendRequest("user", "key", "254sms", "254722123456,254733123456", HostileText);

        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, QserveJsonContext.Default.QserveSendRequest);

        using JsonDocument document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false });
        Assert.Equal(["username", "api_key", "sender_id", "phone", "message"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(HostileText, document.RootElement.GetProperty("message").GetString());
        Assert.Equal("key", document.RootElement.GetProperty("api_key").GetString());
        Assert.Equal("254722123456,254733123456", document.RootElement.GetProperty("phone").GetString());
    }

    [Fact]
    public void CreditsRequest_Serialized_HasExactlyUsernameAndApiKey()
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new QserveCreditsRequest("user", "k\"ey"), QserveJsonContext.Default.QserveCreditsRequest);

        Assert.Equal("""{"username":"user","api_key":"k\u0022ey"}""", System.Text.Encoding.UTF8.GetString(body));
    }
}
