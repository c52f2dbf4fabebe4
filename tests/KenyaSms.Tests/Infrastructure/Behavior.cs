using System.Text;
using Microsoft.AspNetCore.Http;

namespace KenyaSms.Tests.Infrastructure;

/// <summary>
/// What <see cref="LoopbackServer"/> does with one request after it has read and recorded the body.
/// Build them with the static factories; a behaviour may be reused for many requests.
/// </summary>
public sealed class Behavior
{
    private readonly string _name;
    private readonly Func<HttpContext, CancellationToken, Task> _run;

    private Behavior(string name, Func<HttpContext, CancellationToken, Task> run)
    {
        _name = name;
        _run = run;
    }

    /// <summary>Answers with a status, a UTF-8 body and optional extra headers, e.g. <c>("Retry-After", "1")</c>.</summary>
    public static Behavior Respond(int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        new($"Respond({status})", (context, ct) => WriteAsync(context, status, Encoding.UTF8.GetBytes(body), contentType, headers, ct));

    /// <summary>Answers with raw bytes (invalid UTF-8, truncated JSON, a BOM ...).</summary>
    public static Behavior RespondBytes(int status, byte[] body, string? contentType = "application/json") =>
        new($"RespondBytes({status})", (context, ct) => WriteAsync(context, status, body, contentType, [], ct));

    /// <summary>Never answers; ends only when the client aborts the request (its timeout or token) or the server stops.</summary>
    public static Behavior Stall() =>
        new("Stall", (_, ct) => Task.Delay(Timeout.Infinite, ct));

    /// <summary>Resets the connection after the body was read: the provider got the request, the client gets no response.</summary>
    public static Behavior AbortAfterReadingBody() =>
        new("AbortAfterReadingBody", (context, _) =>
        {
            context.Abort();
            return Task.CompletedTask;
        });

    /// <summary>Sends 200 and a JSON-looking start, then one whitespace byte every 50 ms until the client aborts.</summary>
    public static Behavior DripForever() =>
        new("DripForever", async (context, ct) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync("[ "u8.ToArray(), ct);
            await context.Response.Body.FlushAsync(ct);
            while (true)
            {
                // Server side pacing, not test synchronisation: the client's read cap or timeout ends this.
                await Task.Delay(50, ct);
                await context.Response.Body.WriteAsync(" "u8.ToArray(), ct);
                await context.Response.Body.FlushAsync(ct);
            }
        });

    /// <summary>
    /// Streams a 200 JSON body of exactly <paramref name="bytes"/> bytes (<c>{"pad":"aaaa...."}</c>), in 64 KB chunks so
    /// the server's memory stays flat. With <paramref name="sendContentLength"/> false it is sent chunked, so the
    /// client cannot refuse it from the header alone.
    /// </summary>
    public static Behavior RespondHuge(long bytes, bool sendContentLength = true) =>
        new($"RespondHuge({bytes})", async (context, ct) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            if (sendContentLength)
            {
                context.Response.ContentLength = bytes;
            }

            byte[] chunk = new byte[64 * 1024];
            for (long written = 0; written < bytes; )
            {
                int count = (int)Math.Min(chunk.Length, bytes - written);
                FillHugeJson(chunk.AsSpan(0, count), written, bytes);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, count), ct);
                written += count;
            }
        });

    /// <summary>Waits for <paramref name="release"/> (e.g. a test's TaskCompletionSource), then behaves as <paramref name="then"/>.</summary>
    public static Behavior After(Task release, Behavior then) =>
        new($"After({then})", async (context, ct) =>
        {
            await release.WaitAsync(ct);
            await then.RunAsync(context, ct);
        });

    /// <inheritdoc />
    public override string ToString() => _name;

    internal Task RunAsync(HttpContext context, CancellationToken cancellationToken) => _run(context, cancellationToken);

    private static async Task WriteAsync(HttpContext context, int status, byte[] body, string? contentType, (string Name, string Value)[] headers, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        foreach ((string name, string value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, ct);
    }

    // Writes the slice [offset, offset + span.Length) of {"pad":"aaa...a"} whose total length is `total`.
    private static void FillHugeJson(Span<byte> span, long offset, long total)
    {
        ReadOnlySpan<byte> head = "{\"pad\":\""u8, tail = "\"}"u8;
        bool framed = total >= head.Length + tail.Length;
        for (int i = 0; i < span.Length; i++)
        {
            long position = offset + i;
            long fromEnd = total - position;
            span[i] = !framed ? (byte)' '
                : position < head.Length ? head[(int)position]
                : fromEnd <= tail.Length ? tail[tail.Length - (int)fromEnd]
                : (byte)'a';
        }
    }
}
