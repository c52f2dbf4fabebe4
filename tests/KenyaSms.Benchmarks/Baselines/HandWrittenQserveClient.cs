using System.Net.Http.Json;

namespace KenyaSms.Benchmarks.Baselines;

/// <summary>The floor for a 254sms send: one hand-written HttpClient + System.Text.Json call, same body, same reply.</summary>
public sealed class HandWrittenQserveClient
{
    private readonly HttpClient _http;
    private readonly string _username;
    private readonly string _apiKey;
    private readonly string _senderId;

    public HandWrittenQserveClient(HttpClient http, string username, string apiKey, string senderId)
    {
        _http = http;
        _username = username;
        _apiKey = apiKey;
        _senderId = senderId;
    }

    public async Task<QserveSendSmsReply> SendSmsAsync(string msisdn, string text, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "sendsms");
        request.Content = JsonContent.Create(new QserveSendSmsBody(_username, _apiKey, _senderId, msisdn, text), BaselineJson.Default.QserveSendSmsBody);
        QserveSendSmsReply[] replies = await HandWrittenHttp.SendAsync(_http, request, BaselineJson.Default.QserveSendSmsReplyArray, cancellationToken).ConfigureAwait(false);
        return replies[0];
    }
}
