using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KenyaSms.Benchmarks.Baselines;

/// <summary>The part every hand-written call shares: send, check the status, deserialize the reply straight from the response stream.</summary>
public static class HandWrittenHttp
{
    public static async Task<TReply> SendAsync<TReply>(HttpClient http, HttpRequestMessage request, JsonTypeInfo<TReply> reply, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, reply, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("empty reply");
        }
    }
}
