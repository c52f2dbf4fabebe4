using System.Text;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Http;

public class TransportContentTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"api_key":"k","mobile":"254722123456","message":"Habari"}""");

    [Fact]
    public async Task Content_BodyStarted_MarkedWhenTheTransportWritesNotWhenAHandlerReadsOrMeasures()
    {
        var state = new SmsRequestState("synqtel", "sendsms", SmsRequestKind.Send);
        using TrackedJsonContent inner = TrackedJsonContent.Create(Body);
        inner.Track(state);
        state.BeginAttempt();

        // What body-logging and signing handlers do before the transport: .NET buffers the content.
        Assert.Equal(Body, await inner.ReadAsByteArrayAsync());
        await inner.LoadIntoBufferAsync();
        Assert.False(state.CurrentAttemptBodyStarted);

        var content = new TransportContent(inner, state);
        Assert.Equal(Body.Length, content.Headers.ContentLength);
        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
        Assert.False(state.CurrentAttemptBodyStarted);

        using var network = new MemoryStream();
        await content.CopyToAsync(network);
        Assert.True(state.CurrentAttemptBodyStarted);
        Assert.Equal(Body, network.ToArray());
    }

    [Fact]
    public async Task Content_OtherContent_KeepsItsHeadersAndBytes()
    {
        var state = new SmsRequestState("qserve", "sendsms", SmsRequestKind.Send);
        using var inner = new ByteArrayContent(Body);
        inner.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        inner.Headers.TryAddWithoutValidation("Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA==");
        state.BeginAttempt();

        var content = new TransportContent(inner, state);
        using var network = new MemoryStream();
        await content.CopyToAsync(network);

        Assert.Equal(Body, network.ToArray());
        Assert.Equal("utf-8", content.Headers.ContentType?.CharSet);
        Assert.True(content.Headers.Contains("Content-MD5"));
        Assert.Equal(Body.Length, content.Headers.ContentLength);
        Assert.True(state.CurrentAttemptBodyStarted);
    }
}
