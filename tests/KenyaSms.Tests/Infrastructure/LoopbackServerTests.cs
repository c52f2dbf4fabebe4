using System.Net;
using System.Text;

namespace KenyaSms.Tests.Infrastructure;

#pragma warning disable CA1001 // _client and _server are disposed in IAsyncLifetime.DisposeAsync
public sealed class LoopbackServerTests : IAsyncLifetime
#pragma warning restore CA1001
{
    // Generous: only a safety net against hangs, never a timing assertion.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private LoopbackServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        _client = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void BaseAddress_IsLoopbackWithTrailingSlash()
    {
        Assert.Equal("127.0.0.1", _server.BaseAddress.Host);
        Assert.NotEqual(0, _server.BaseAddress.Port);
        Assert.EndsWith("/", _server.BaseAddress.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_PostWithBodyAndHeaders_RecordsWhatWasSent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "sms/sendsms?x=1&y=%20")
        {
            Content = new StringContent("{\"message\":\"Habari \\\"yako\\\" ✓\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("h_api_key", "secret-key");

        using HttpResponseMessage response = await _client.SendAsync(request);

        RecordedRequest recorded = Assert.Single(_server.Requests);
        Assert.Equal(0, recorded.Index);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/sms/sendsms?x=1&y=%20", recorded.PathAndQuery);
        Assert.Equal("/sms/sendsms", recorded.Path);
        Assert.Equal("secret-key", recorded.Header("H_API_KEY"));
        Assert.Equal("application/json; charset=utf-8", recorded.Headers["content-type"]);
        Assert.Null(recorded.Header("X-Not-Sent"));
        Assert.Equal("{\"message\":\"Habari \\\"yako\\\" ✓\"}", recorded.BodyText);
        Assert.Equal(Encoding.UTF8.GetBytes(recorded.BodyText), recorded.Body);
        Assert.Equal(1, _server.ReceivedCount);
    }

    [Fact]
    public async Task Enqueue_SeveralBehaviors_AnswersInOrderThenFallsBack()
    {
        _server.Enqueue(
            Behavior.Respond(429, "slow down", "text/plain", ("Retry-After", "1")),
            Behavior.Respond(500, "<html>oops</html>", "text/html"),
            Behavior.RespondBytes(200, [0xEF, 0xBB, 0xBF, (byte)'[', 0xFF]));

        using HttpResponseMessage first = await _client.PostAsync("a", new StringContent("1"));
        using HttpResponseMessage second = await _client.PostAsync("b", new StringContent("2"));
        using HttpResponseMessage third = await _client.PostAsync("c", new StringContent("3"));
        using HttpResponseMessage fourth = await _client.PostAsync("d", new StringContent("4"));

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), first.Headers.RetryAfter?.Delta);
        Assert.Equal("slow down", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal("text/html", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'[', 0xFF }, await third.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
        Assert.Equal("{}", await fourth.Content.ReadAsStringAsync());
        Assert.Equal(["1", "2", "3", "4"], _server.Requests.Select(r => r.BodyText));
    }

    [Fact]
    public async Task Fallback_RouteBased_AnswersByPath()
    {
        _server.Fallback = r => r.Path == "/sms/getbalance"
            ? Behavior.Respond(200, "{\"credit_balance\":\"12\"}")
            : Behavior.Respond(404, "");

        using HttpResponseMessage balance = await _client.GetAsync("sms/getbalance");
        using HttpResponseMessage other = await _client.GetAsync("nope");

        Assert.Equal("{\"credit_balance\":\"12\"}", await balance.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task AbortAfterReadingBody_ClientGetsHttpRequestException_ServerRecordedTheRequest()
    {
        _server.Enqueue(Behavior.AbortAfterReadingBody());

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(
            () => _client.PostAsync("sms/sendsms", new StringContent("{\"mobile\":\"+254722000000\"}")));

        Assert.NotEqual(HttpRequestError.ConnectionError, error.HttpRequestError);
        RecordedRequest recorded = Assert.Single(_server.Requests);
        Assert.Equal("{\"mobile\":\"+254722000000\"}", recorded.BodyText);
    }

    [Fact]
    public async Task Stall_ClientCancels_ClientGetsCancellationAndServerRecordedTheRequest()
    {
        _server.Enqueue(Behavior.Stall());
        using var cancel = new CancellationTokenSource();

        Task<HttpResponseMessage> send = _client.PostAsync("sms/sendsms", new StringContent("stalled"), cancel.Token);
        await _server.WaitForRequestsAsync(1).WaitAsync(Guard);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Equal("stalled", Assert.Single(_server.Requests).BodyText);
    }

    [Fact]
    public async Task After_ReleasedByTest_ThenAnswers()
    {
        var release = new TaskCompletionSource();
        _server.Enqueue(Behavior.After(release.Task, Behavior.Respond(202, "late")));

        Task<HttpResponseMessage> send = _client.PostAsync("x", new StringContent("held"));
        await _server.WaitForRequestsAsync(1).WaitAsync(Guard);
        Assert.False(send.IsCompleted);
        release.SetResult();

        using HttpResponseMessage response = await send.WaitAsync(Guard);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("late", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DripForever_ClientStopsReading_EndsWithoutAnswer()
    {
        _server.Enqueue(Behavior.DripForever());
        using var cancel = new CancellationTokenSource();

        using HttpResponseMessage response = await _client.GetAsync("drip", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Stream body = await response.Content.ReadAsStreamAsync(cancel.Token);
        byte[] buffer = new byte[16];
        int read = await body.ReadAsync(buffer, cancel.Token);
        Assert.Equal((byte)'[', buffer[0]);
        Assert.True(read > 0);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await body.ReadAsync(buffer, cancel.Token) > 0)
            {
            }
        });
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(100, true)]
    [InlineData(300_000, true)]
    [InlineData(300_000, false)]
    public async Task RespondHuge_StreamsExactlyThatManyBytesOfJson(long size, bool contentLength)
    {
        _server.Enqueue(Behavior.RespondHuge(size, contentLength));

        using HttpResponseMessage response = await _client.GetAsync("huge");
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(size, body.LongLength);
        Assert.Equal(!contentLength, response.Headers.TransferEncodingChunked == true);
        if (size >= 10)
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            Assert.Equal(size - 10, json.RootElement.GetProperty("pad").GetString()!.Length);
        }
    }

    [Fact]
    public async Task WaitForRequestsAsync_ConcurrentRequests_CompletesAtCountAndRecordsEach()
    {
        Task waitForThree = _server.WaitForRequestsAsync(3);
        Assert.False(waitForThree.IsCompleted);

        Task<HttpResponseMessage>[] sends = [.. Enumerable.Range(0, 3).Select(i => _client.PostAsync("p", new StringContent($"n{i}")))];
        await waitForThree.WaitAsync(Guard);
        foreach (HttpResponseMessage response in await Task.WhenAll(sends))
        {
            response.Dispose();
        }

        Assert.Equal(["n0", "n1", "n2"], _server.Requests.Select(r => r.BodyText).Order());
        Assert.Equal([0, 1, 2], _server.Requests.Select(r => r.Index));
        Assert.True(_server.WaitForRequestsAsync(2).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitForRequestsAsync_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        Task wait = _server.WaitForRequestsAsync(1, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task ConnectionsAccepted_NewClientEachTime_CountsEachConnection()
    {
        using (var first = new HttpClient())
        {
            (await first.GetAsync(_server.BaseAddress)).Dispose();
        }

        using (var second = new HttpClient())
        {
            (await second.GetAsync(_server.BaseAddress)).Dispose();
        }

        Assert.Equal(2, _server.ConnectionsAccepted);
    }

    [Fact]
    public async Task DisposeAsync_WhileStalling_StopsAndClientFails()
    {
        LoopbackServer server = await LoopbackServer.StartAsync();
        server.Enqueue(Behavior.Stall());
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        Task<HttpResponseMessage> send = client.GetAsync(server.BaseAddress);
        await server.WaitForRequestsAsync(1).WaitAsync(Guard);

        await server.DisposeAsync().AsTask().WaitAsync(Guard);

        await Assert.ThrowsAsync<HttpRequestException>(() => send.WaitAsync(Guard));
    }
}
