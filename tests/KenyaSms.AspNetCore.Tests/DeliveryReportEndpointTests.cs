using System.Net;
using System.Text;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static KenyaSms.AspNetCore.Tests.DeliveryReportTestHost;

namespace KenyaSms.AspNetCore.Tests;

// Rows W1-W6 of reliability.md over real HTTP, and a failing handler.
public sealed class DeliveryReportEndpointTests
{
    // ---- W1: missing or wrong secret ----

    [Theory]
    [InlineData("wrong-secret-0123456789abcdef")]
    [InlineData("DLR-SECRET-0123456789ABCDEF")] // case matters
    [InlineData("dlr-secret-0123456789abcde")] // one character short
    [InlineData("dlr-secret-0123456789abcdef0")] // one character more
    [InlineData("x")]
    public async Task Post_WrongSecretInRoute_Returns401AndHandlerNeverRuns(string secret)
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage response = await host.PostAsync(Report(), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, host.Handled.Calls);
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 4003 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Post_NoSecretSegment_Returns404AndHandlerNeverRuns()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage response = await host.SendAsync("sms/delivery-reports/", Content(Report()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, host.Handled.Calls);
    }

    [Fact]
    public async Task Post_RightSecretInHeaderButWrongInRoute_Returns401()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage response = await host.SendAsync("sms/delivery-reports/wrong-secret-0123456789abcdef", Content(Report()), headerSecret: Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, host.Handled.Calls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret-0123456789abcdef")]
    [InlineData(Secret + ", " + Secret)] // two values
    public async Task Post_HeaderPatternWithMissingOrWrongHeader_Returns401AndHandlerNeverRuns(string? header)
    {
        await using DeliveryReportTestHost host = await StartAsync(pattern: HeaderPattern);

        using HttpResponseMessage response = await host.SendAsync(HeaderPattern, Content(Report()), header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, host.Handled.Calls);
    }

    [Fact]
    public async Task Post_HeaderPatternWithRightHeader_Returns200AndHandles()
    {
        await using DeliveryReportTestHost host = await StartAsync(pattern: HeaderPattern);

        using HttpResponseMessage response = await host.SendAsync(HeaderPattern, Content(Report()), Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("27312989", Assert.Single(host.Handled.Reports).MessageId);
    }

    [Fact]
    public async Task Post_WrongSecret_IsCheckedBeforeContentTypeAndSize()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage wrongType = await host.PostAsync("not json", "wrong-secret-0123456789abcdef", "text/plain");
        using HttpResponseMessage tooLarge = await host.PostAsync(new string(' ', 100_000), "wrong-secret-0123456789abcdef");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tooLarge.StatusCode);
        Assert.Equal(0, host.Handled.Calls);
    }

    // ---- W2: rotation ----

    [Fact]
    public async Task Post_TwoSecretsConfigured_BothAcceptedAThirdRefused()
    {
        await using DeliveryReportTestHost host = await StartAsync(Rotating);

        using HttpResponseMessage first = await host.PostAsync(Report("1", "DeliveredToTerminal"), Secret);
        using HttpResponseMessage second = await host.PostAsync(Report("2", "DeliveredToTerminal"), SecondSecret);
        using HttpResponseMessage third = await host.PostAsync(Report("3", "DeliveredToTerminal"), "third-secret-0123456789abcdef");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (first.StatusCode, second.StatusCode, third.StatusCode));
        Assert.Equal(["1", "2"], host.Handled.Reports.Select(r => r.MessageId));
    }

    [Fact]
    public async Task Post_TwoSecretsConfiguredHeaderPattern_BothAccepted()
    {
        await using DeliveryReportTestHost host = await StartAsync(Rotating, HeaderPattern);

        using HttpResponseMessage first = await host.SendAsync(HeaderPattern, Content(Report("1", "Sent")), Secret);
        using HttpResponseMessage second = await host.SendAsync(HeaderPattern, Content(Report("2", "Sent")), SecondSecret);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, host.Handled.Calls);
    }

    // ---- W3: oversized, wrong content type, malformed ----

    // Over the limit is 413 whether the length is announced (Content-Length) or not (chunked); at the limit is fine.
    [Theory]
    [InlineData(1024, 1024, false, HttpStatusCode.OK)]
    [InlineData(1024, 1025, false, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(1024, 1024, true, HttpStatusCode.OK)]
    [InlineData(1024, 1025, true, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(1024, 64 * 1024, true, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(null, 8192, false, HttpStatusCode.OK)] // the default limit
    [InlineData(null, 8193, false, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(null, 8193, true, HttpStatusCode.RequestEntityTooLarge)]
    public async Task Post_BodySize_OverTheLimitIs413AndNeverHandled(int? maxBodyBytes, int length, bool chunked, HttpStatusCode expected)
    {
        await using DeliveryReportTestHost host = await StartAsync(o =>
        {
            o.Secrets.Add(Secret);
            o.MaxBodyBytes = maxBodyBytes ?? o.MaxBodyBytes;
        });
        byte[] body = Encoding.UTF8.GetBytes(Padded(Report(), length));
        HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        Assert.Equal(chunked ? null : length, content.Headers.ContentLength);

        using HttpResponseMessage response = await host.SendAsync($"sms/delivery-reports/{Secret}", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, host.Handled.Calls);
    }

    [Theory]
    [InlineData("application/json", HttpStatusCode.OK)]
    [InlineData("application/json; charset=utf-8", HttpStatusCode.OK)]
    [InlineData("Application/JSON; charset=\"UTF-8\"", HttpStatusCode.OK)]
    [InlineData("application/json;charset=utf8", HttpStatusCode.OK)]
    [InlineData("application/json; charset=iso-8859-1", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("text/json", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/jsonx", HttpStatusCode.UnsupportedMediaType)]
    [InlineData(null, HttpStatusCode.UnsupportedMediaType)]
    public async Task Post_ContentType_OnlyJsonInUtf8IsAccepted(string? contentType, HttpStatusCode expected)
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage response = await host.PostAsync(Report(), contentType: contentType);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, host.Handled.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>hello</body></html>")]
    [InlineData("{\"messageId\":\"27312989\",\"dlrDesc\":\"Delivered")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"messageId\":\"0\",\"dlrDesc\":\"DeliveredToTerminal\",\"destaddr\":\"254767209917\"}")]
    [InlineData("{\"dlrDesc\":\"DeliveredToTerminal\",\"destaddr\":\"254767209917\"}")]
    public async Task Post_MalformedBody_Returns400AndHandlerNeverRuns(string body)
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage response = await host.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, host.Handled.Calls);
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 4004 && e.Message.Contains("400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_MalformedBodyWithNumber_LogsOnlyARedactedSnippet()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage response = await host.PostAsync("{\"destaddr\":\"254767209917\",\"messageId\":");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Id.Id == 4005);
        Assert.DoesNotContain("767209917", host.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_IsNotMapped()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage response = await host.Client.GetAsync($"sms/delivery-reports/{Secret}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(0, host.Handled.Calls);
    }

    // ---- W4: duplicates ----

    [Fact]
    public async Task Post_SameReportFiveTimes_200EachHandlerOnce()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage response = await host.PostAsync(Report());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, host.Handled.Calls);
        Assert.Equal(4, host.Logs.GetSnapshot().Count(e => e.Id.Id == 4002));
    }

    // A copy that arrives while the first is being handled is 503 (see DeliveryReportEndpointRetryTests), never a second call.
    [Fact]
    public async Task Post_SameReportConcurrently_HandlerOnceAnd200OnceHandled()
    {
        await using DeliveryReportTestHost host = await StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<HttpStatusCode>[] posts = [.. Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await release.Task;
            using HttpResponseMessage response = await host.PostAsync(Report());
            return response.StatusCode;
        }))];
        release.SetResult();
        HttpStatusCode[] statuses = await Task.WhenAll(posts);

        using HttpResponseMessage after = await host.PostAsync(Report());

        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(1, host.Handled.Calls);
    }

    // ---- W5: never backwards (and W4 for the same status in other words) ----

    // The descriptions posted in order for one message (an unknown one comes with dlrStatus 0, so it stays Unknown),
    // then the ones the handler saw. Every post is answered 200.
    [Theory]
    [InlineData("DeliveredToTerminal,DeliveredToNetwork", "DeliveredToTerminal")] // delivered, then sent: stays delivered
    [InlineData("DeliveredToNetwork,DeliveredToTerminal", "DeliveredToNetwork,DeliveredToTerminal")]
    [InlineData("DeliveredToNetwork,MessageWaiting,DeliveredToNetwork", "DeliveredToNetwork,MessageWaiting")] // both Submitted, but two raw statuses
    [InlineData("DeliveredToTerminal,AbsentSubscriber", "DeliveredToTerminal")] // a failure never replaces a delivery
    [InlineData("AbsentSubscriber,DeliveredToTerminal", "AbsentSubscriber,DeliveredToTerminal")] // an absent subscriber may come back
    [InlineData("Expired,DeliveredToTerminal", "Expired,DeliveredToTerminal")]
    [InlineData("AbsentSubscriber,DeliveredToTerminal,AbsentSubscriber,Expired", "AbsentSubscriber,DeliveredToTerminal")]
    [InlineData("AbsentSubscriber,Expired,UserInBlacklist,DeliveryImpossible", "AbsentSubscriber")] // only a delivery replaces it
    [InlineData("DeliveryImpossible,DeliveredToTerminal", "DeliveryImpossible")] // a failure for good is final
    [InlineData("UserInBlacklist,DeliveredToTerminal", "UserInBlacklist")]
    [InlineData("UserInBlacklist,Expired", "UserInBlacklist")]
    [InlineData("MessageQueued,DeliveryFailedNoRoute", "MessageQueued,DeliveryFailedNoRoute")] // two unknown statuses are two reports
    [InlineData("MessageQueued,DeliveryFailedNoRoute,MessageQueued,DeliveryFailedNoRoute", "MessageQueued,DeliveryFailedNoRoute")]
    [InlineData("MessageQueued,DeliveredToNetwork,DeliveryFailedNoRoute", "MessageQueued,DeliveredToNetwork")] // Unknown ranks below Submitted
    [InlineData("DeliveredToNetwork,SomethingNew", "DeliveredToNetwork")]
    [InlineData("SomethingNew,DeliveredToNetwork", "SomethingNew,DeliveredToNetwork")]
    [InlineData("DeliveredToNetwork,DeliveredToTerminal,MessageWaiting,AbsentSubscriber,DeliveredToTerminal", "DeliveredToNetwork,DeliveredToTerminal")]
    public async Task Post_ReportsForOneMessage_HandlerSeesOnlyStepsForward(string posted, string handled)
    {
        await using DeliveryReportTestHost host = await StartAsync();

        foreach (string description in posted.Split(','))
        {
            using HttpResponseMessage response = await host.PostAsync(Report(("messageId", "11"), ("dlrDesc", description), ("dlrStatus", "0")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(handled.Split(','), host.Handled.Reports.Select(r => r.ProviderDescription));
    }

    [Fact]
    public async Task Post_ReportsForOtherMessages_AreIndependent()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage a = await host.PostAsync(Report("1", "DeliveredToTerminal"));
        using HttpResponseMessage b = await host.PostAsync(Report("2", "DeliveredToNetwork"));

        Assert.Equal(["1", "2"], host.Handled.Reports.Select(r => r.MessageId));
    }

    // ---- W6: unknown message id ----

    [Fact]
    public async Task Post_UnknownMessageId_Returns200LogsMaskedAndNoSecret()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage response = await host.PostAsync(Report(("messageId", "999000111"), ("destaddr", "254767209917")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FakeLogRecord received = Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 4001);
        Assert.Equal("+2547******17", received.GetStructuredStateValue("PhoneNumber"));
        Assert.Contains("999000111", received.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("767209917", host.Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, host.SdkLogText(), StringComparison.Ordinal);
        Assert.Equal("999000111", Assert.Single(host.Handled.Reports).MessageId); // the handler decides what an unknown id means
    }

    [Fact]
    public async Task Post_EveryOutcome_LogsNeitherSecretNorNumber()
    {
        await using DeliveryReportTestHost host = await StartAsync(Rotating);
        host.Handled.OnHandle = call => call == 2 ? throw new InvalidOperationException("handler down") : Task.CompletedTask;

        (await host.PostAsync(Report("1", "Sent"))).Dispose();
        (await host.PostAsync(Report("1", "Sent"))).Dispose();
        (await host.PostAsync(Report("2", "Sent"), SecondSecret)).Dispose();
        (await host.PostAsync(Report("3", "Sent"), Secret + "x")).Dispose();
        (await host.PostAsync(Report("4", "Sent"), contentType: "text/plain")).Dispose();
        (await host.PostAsync("{\"destaddr\":\"254767209917\"")).Dispose();
        (await host.PostAsync(Padded(Report(), 9000))).Dispose();

        string text = host.SdkLogText();
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SecondSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("767209917", host.Logs.AllText(), StringComparison.Ordinal);
        Assert.Equal([4008, 4001, 4002, 4001, 4006, 4003, 4004, 4005, 4004, 4004], host.Logs.GetSnapshot().Where(e => e.Category!.StartsWith("KenyaSms", StringComparison.Ordinal)).Select(e => e.Id.Id));
    }

    // ---- the handler fails ----

    [Fact]
    public async Task Post_HandlerThrows_Returns500AndTheRetryIsHandled()
    {
        await using DeliveryReportTestHost host = await StartAsync();
        host.Handled.OnHandle = call => call == 1 ? throw new InvalidOperationException("database down") : Task.CompletedTask;

        using HttpResponseMessage failed = await host.PostAsync(Report());
        using HttpResponseMessage retried = await host.PostAsync(Report());
        using HttpResponseMessage duplicate = await host.PostAsync(Report());

        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK), (failed.StatusCode, retried.StatusCode, duplicate.StatusCode));
        Assert.Equal(2, host.Handled.Calls);
        Assert.Equal("27312989", Assert.Single(host.Handled.Reports).MessageId);
        FakeLogRecord error = Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 4006);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public async Task Post_HandlerThrowsOnAStepForward_KeepsTheEarlierStatus()
    {
        await using DeliveryReportTestHost host = await StartAsync();
        host.Handled.OnHandle = call => call == 2 ? throw new InvalidOperationException("database down") : Task.CompletedTask;

        using HttpResponseMessage sent = await host.PostAsync(Report("5", "DeliveredToNetwork"));
        using HttpResponseMessage failed = await host.PostAsync(Report("5", "DeliveredToTerminal"));
        using HttpResponseMessage sentAgain = await host.PostAsync(Report("5", "DeliveredToNetwork"));
        using HttpResponseMessage retried = await host.PostAsync(Report("5", "DeliveredToTerminal"));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { sent, failed, sentAgain, retried }.Select(r => r.StatusCode));
        Assert.Equal([DeliveryStatus.Submitted, DeliveryStatus.Delivered], host.Handled.Reports.Select(r => r.Status));
        Assert.Equal(3, host.Handled.Calls); // the repeated Submitted never reached the handler
    }

    // A body padded with spaces to exactly `length` bytes (still the same JSON).
    private static string Padded(string json, int length) => json + new string(' ', length - Encoding.UTF8.GetByteCount(json));

    // Hides the length so HttpClient sends the body chunked.
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
