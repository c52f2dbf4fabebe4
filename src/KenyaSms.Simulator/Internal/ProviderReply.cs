using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KenyaSms.Simulator.Internal;

/// <summary>An HTTP answer built in memory, so a fault can still replace, cut or withhold it.</summary>
internal sealed record ProviderReply(int StatusCode, string ContentType, byte[] Body, int? RetryAfterSeconds = null, string? Location = null, string? WwwAuthenticate = null)
{
    public const string JsonType = "application/json";

    /// <summary>Writes <c>+254...</c> and non-ASCII text as they are, like the reference's examples, not as <c>\u002B</c>.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ProviderReply Json(Action<Utf8JsonWriter> write, int statusCode = 200)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return new ProviderReply(statusCode, JsonType, buffer.WrittenSpan.ToArray());
    }

    public static ProviderReply Text(string text, int statusCode = 200, string contentType = "text/plain") =>
        new(statusCode, contentType, Encoding.UTF8.GetBytes(text));
}
