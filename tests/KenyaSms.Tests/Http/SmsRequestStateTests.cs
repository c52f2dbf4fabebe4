using System.Text.Json;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Http;

// The retry predicate parses a 2xx body once and leaves the document for the adapter's read of the same body.
public sealed class SmsRequestStateTests
{
    [Fact]
    public void TakeParsed_SameBody_HandsOverTheDocumentOnce()
    {
        var state = new SmsRequestState("synqtel", "sendsms", SmsRequestKind.Send);
        ReadOnlyMemory<byte> body = """{"status_code":"1000"}"""u8.ToArray();

        JsonDocument parsed = state.ParseBody(body);
        using JsonDocument? taken = state.TakeParsed(body);

        Assert.Same(parsed, taken);
        Assert.Null(state.TakeParsed(body));
    }

    [Fact]
    public void TakeParsed_AnotherAttemptsBody_NothingAndTheOldDocumentDisposed()
    {
        var state = new SmsRequestState("synqtel", "sendsms", SmsRequestKind.Send);
        byte[] first = """{"status_code":"1005"}"""u8.ToArray();
        byte[] second = """{"status_code":"1005"}"""u8.ToArray(); // equal bytes, another attempt's buffer

        JsonDocument parsed = state.ParseBody(first);

        Assert.Null(state.TakeParsed(second));
        Assert.Throws<ObjectDisposedException>(() => parsed.RootElement.ValueKind);
        Assert.Null(state.TakeParsed(first));
    }

    [Fact]
    public void ParseBody_NextAttempt_DisposesTheEarlierDocument()
    {
        var state = new SmsRequestState("synqtel", "sendsms", SmsRequestKind.Send);
        byte[] first = """{"status_code":"1005"}"""u8.ToArray();
        byte[] second = """{"status_code":"1000"}"""u8.ToArray();

        JsonDocument earlier = state.ParseBody(first);
        JsonDocument later = state.ParseBody(second);
        using JsonDocument? taken = state.TakeParsed(second);

        Assert.Throws<ObjectDisposedException>(() => earlier.RootElement.ValueKind);
        Assert.Same(later, taken);
    }

    [Fact]
    public void ParseBody_Unreadable_ThrowsAndKeepsNothing()
    {
        var state = new SmsRequestState("synqtel", "sendsms", SmsRequestKind.Send);
        byte[] body = "<html>"u8.ToArray();

        Assert.Throws<InvalidProviderResponseException>(() => state.ParseBody(body));
        Assert.Null(state.TakeParsed(body));
    }

    [Fact]
    public void Get_RequestCarryingState_FindsIt()
    {
        var state = new SmsRequestState("qserve", "sendsms", SmsRequestKind.Send);
        using var request = new SmsRequestState.Request(HttpMethod.Post, new Uri("https://api.example/sendsms"), state);

        Assert.Same(state, SmsRequestState.Get(request));
    }

    [Fact]
    public void Get_PlainRequest_Null()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://api.example/sendsms"));

        Assert.Null(SmsRequestState.Get(request));
    }
}
