using System.Text.Json;
using KenyaSms.Synqtel;
using KenyaSms.Synqtel.Wire;
using KenyaSms.Tests.Qserve;

namespace KenyaSms.Tests.Synqtel;

public sealed class SynqtelJsonContextTests
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    [Fact]
    public void SendRequest_HostileText_RoundTripsExactlyWithOnlyTheRecordsFields()
    {
        var request = new SynqtelSendRequest("+254722310558", "json", "Synqtel", 0, QserveJsonContextTests.HostileText);

        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, SynqtelJsonContext.Default.SynqtelSendRequest);

        using JsonDocument document = JsonDocument.Parse(body, Strict);
        JsonElement root = document.RootElement;
        Assert.Equal(["mobile", "response_type", "sender_name", "service_id", "message"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(QserveJsonContextTests.HostileText, root.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("service_id").ValueKind);
        Assert.Equal(0, root.GetProperty("service_id").GetInt32());
    }

    [Fact]
    public void SendMultipleRequest_HostileTextAndReference_RoundTripExactly()
    {
        var request = new SynqtelSendMultipleRequest(0, "Synqtel",
        [
            new SynqtelMultipleItem("+254722310558", QserveJsonContextTests.HostileText, "ref\",\"mobile\":\"+254700000000"),
            new SynqtelMultipleItem("+254712244244", "second", "6092"),
        ]);

        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, SynqtelJsonContext.Default.SynqtelSendMultipleRequest);

        using JsonDocument document = JsonDocument.Parse(body, Strict);
        JsonElement root = document.RootElement;
        Assert.Equal(["serviceId", "shortcode", "messages"], root.EnumerateObject().Select(p => p.Name));
        JsonElement first = root.GetProperty("messages")[0];
        Assert.Equal(["mobile", "message", "client_ref"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(QserveJsonContextTests.HostileText, first.GetProperty("message").GetString());
        Assert.Equal("ref\",\"mobile\":\"+254700000000", first.GetProperty("client_ref").GetString());
        Assert.Equal("+254722310558", first.GetProperty("mobile").GetString());
        Assert.Equal(2, root.GetProperty("messages").GetArrayLength());
    }
}
