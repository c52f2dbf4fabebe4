using System.Net;
using System.Text;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Http;

public class BufferedContentTests
{
    [Fact]
    public async Task BufferAsync_ResponseWithContentHeaders_KeepsBodyAndEveryHeaderButTheLength()
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"status\":\"ok\"}");
        var original = new StreamContent(new MemoryStream(body));
        original.Headers.TryAddWithoutValidation("Content-Type", "application/json;charset=UTF-8");
        original.Headers.TryAddWithoutValidation("Content-Language", "en, sw");
        original.Headers.TryAddWithoutValidation("Content-Length", "999");
        original.Headers.TryAddWithoutValidation("X-Odd", "not parsed ; at all");
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = original };

        await BufferedContent.BufferAsync(response, 1_000, CancellationToken.None);

        BufferedContent buffered = Assert.IsType<BufferedContent>(response.Content);
        Assert.Equal(body, buffered.Body.ToArray());
        Assert.Equal(body, await buffered.ReadAsByteArrayAsync());
        Assert.Equal("application/json", buffered.Headers.ContentType?.MediaType);
        Assert.Equal("UTF-8", buffered.Headers.ContentType?.CharSet);
        Assert.Equal(["en", "sw"], buffered.Headers.ContentLanguage);
        Assert.Equal(["not parsed ; at all"], buffered.Headers.GetValues("X-Odd"));
        Assert.Equal(body.Length, buffered.Headers.ContentLength);
        Assert.Equal(["Content-Type", "Content-Language", "X-Odd", "Content-Length"], buffered.Headers.Select(h => h.Key));
    }

    [Fact]
    public async Task BufferAsync_BodyOverTheCap_ThrowsResponseTooLarge()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(new byte[101])) };

        await Assert.ThrowsAsync<ResponseTooLargeException>(() => BufferedContent.BufferAsync(response, 100, CancellationToken.None));
    }
}
