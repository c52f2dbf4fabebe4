using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace KenyaSms.Benchmarks.Baselines;

/// <summary>
/// The floor for a client library: a minimal hand-written Synqtel client on HttpClient and
/// System.Text.Json (source-generated), producing the same request bodies as the SDK and reading the
/// same replies, with no validation, retries, logging or result mapping beyond the DTOs.
/// </summary>
public sealed class HandWrittenSynqtelClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly HttpClient _http;
    private readonly string _apiKey;
    private readonly string _senderName;
    private long _clientRef = 6_000_000_000_000_000;

    public HandWrittenSynqtelClient(HttpClient http, string apiKey, string senderName)
    {
        _http = http;
        _apiKey = apiKey;
        _senderName = senderName;
    }

    /// <summary>One sendsms: body serialized straight to the request stream, reply read from the response stream.</summary>
    public async Task<SynqtelSendSmsReply> SendSmsAsync(string e164, string text, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "sendsms");
        request.Headers.TryAddWithoutValidation("h_api_key", _apiKey);
        request.Content = JsonContent.Create(new SynqtelSendSmsBody(e164, "json", _senderName, 0, text), BaselineJson.Default.SynqtelSendSmsBody);
        SynqtelSendSmsReply[] replies = await HandWrittenHttp.SendAsync(_http, request, BaselineJson.Default.SynqtelSendSmsReplyArray, cancellationToken).ConfigureAwait(false);
        return replies[0];
    }

    /// <summary>
    /// The same sendsms with the body serialized to a byte[] first (ByteArrayContent), so that it goes out
    /// with a Content-Length as the SDK's does, instead of JsonContent's chunked transfer encoding.
    /// </summary>
    public async Task<SynqtelSendSmsReply> SendSmsWithLengthAsync(string e164, string text, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "sendsms");
        request.Headers.TryAddWithoutValidation("h_api_key", _apiKey);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new SynqtelSendSmsBody(e164, "json", _senderName, 0, text), BaselineJson.Default.SynqtelSendSmsBody);
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonMediaType } };
        SynqtelSendSmsReply[] replies = await HandWrittenHttp.SendAsync(_http, request, BaselineJson.Default.SynqtelSendSmsReplyArray, cancellationToken).ConfigureAwait(false);
        return replies[0];
    }

    /// <summary>
    /// The chunked sender people write: cut the messages into sendmultiple requests of
    /// <paramref name="chunkSize"/>, one request after the other, and match each reply entry to its
    /// message by client_ref. Returns one outcome per message, in input order.
    /// </summary>
    public async Task<List<BatchOutcome>> SendBatchAsync(IEnumerable<SmsMessage> messages, int chunkSize, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<BatchOutcome>();
        var chunk = new List<SynqtelMultipleEntry>(chunkSize);
        foreach (SmsMessage message in messages)
        {
            string clientRef = Interlocked.Increment(ref _clientRef).ToString(CultureInfo.InvariantCulture);
            chunk.Add(new SynqtelMultipleEntry(message.To[0], message.Text, clientRef));
            if (chunk.Count == chunkSize)
            {
                await SendChunkAsync(chunk, outcomes, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            await SendChunkAsync(chunk, outcomes, cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    private async Task SendChunkAsync(List<SynqtelMultipleEntry> chunk, List<BatchOutcome> outcomes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "sendmultiple");
        request.Headers.TryAddWithoutValidation("h_api_key", _apiKey);
        request.Content = JsonContent.Create(new SynqtelSendMultipleBody(0, _senderName, chunk), BaselineJson.Default.SynqtelSendMultipleBody);
        SynqtelSendMultipleReply reply = await HandWrittenHttp.SendAsync(_http, request, BaselineJson.Default.SynqtelSendMultipleReply, cancellationToken).ConfigureAwait(false);

        var byRef = new Dictionary<string, SynqtelScheduleDetail>(reply.ScheduleDetails.Count, StringComparer.Ordinal);
        foreach (SynqtelScheduleDetail detail in reply.ScheduleDetails)
        {
            byRef.TryAdd(detail.ClientRef, detail);
        }

        foreach (SynqtelMultipleEntry entry in chunk)
        {
            outcomes.Add(byRef.TryGetValue(entry.ClientRef, out SynqtelScheduleDetail? d)
                ? new BatchOutcome(entry.Mobile, entry.ClientRef, d.MessageId, d.ScheduleStatus == "1")
                : new BatchOutcome(entry.Mobile, entry.ClientRef, 0, false));
        }
    }
}

/// <summary>What the hand-written batch sender keeps per message.</summary>
public sealed record BatchOutcome(string Mobile, string ClientRef, long MessageId, bool Accepted);
