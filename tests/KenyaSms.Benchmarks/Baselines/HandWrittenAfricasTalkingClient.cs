namespace KenyaSms.Benchmarks.Baselines;

/// <summary>
/// The floor for an Africa's Talking send: one hand-written HttpClient call, the form its own SDKs post
/// (<c>FormUrlEncodedContent</c>, the key in the <c>apiKey</c> header), the reply read with System.Text.Json.
/// </summary>
public sealed class HandWrittenAfricasTalkingClient
{
    private readonly HttpClient _http;
    private readonly string _username;
    private readonly string _apiKey;
    private readonly string _senderId;

    public HandWrittenAfricasTalkingClient(HttpClient http, string username, string apiKey, string senderId)
    {
        _http = http;
        _username = username;
        _apiKey = apiKey;
        _senderId = senderId;
    }

    public async Task<AfricasTalkingRecipient> SendAsync(string e164, string text, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "messaging");
        request.Headers.TryAddWithoutValidation("apiKey", _apiKey);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Content = new FormUrlEncodedContent(
        [
            new("username", _username),
            new("to", e164),
            new("message", text),
            new("from", _senderId),
        ]);
        AfricasTalkingSendReply reply = await HandWrittenHttp.SendAsync(_http, request, BaselineJson.Default.AfricasTalkingSendReply, cancellationToken).ConfigureAwait(false);
        return reply.SmsMessageData.Recipients[0];
    }
}
