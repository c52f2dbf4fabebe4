using System.Net;
using System.Text.Json;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.Qserve;

/// <summary>Request-level failures, chunking and bad input.</summary>
public sealed partial class QserveSmsGatewayTests
{
    // ---- 4. Request-level errors -------------------------------------------------------------------

    public static TheoryData<string, SmsErrorCode, string> ErrorResponses()
    {
        var data = new TheoryData<string, SmsErrorCode, string>();
        (string Code, SmsErrorCode Error, string Text)[] codes =
        [
            ("X000", SmsErrorCode.MissingParameters, "Some parameters are missing"),
            ("X001", SmsErrorCode.InvalidCredentials, "Unknown or unvalid secret_key"),
            ("X002", SmsErrorCode.CredentialsNotAllowedForDomain, "Unvalid secret_key for this domain"),
            ("X003", SmsErrorCode.InvalidUserToken, "Unknown or unvalid user token"),
        ];
        foreach ((string code, SmsErrorCode error, string text) in codes)
        {
            string named = $$"""{"statusCode":"{{code}}","statusMessage":"{{text}}"}""";
            string swapped = $$"""{"statusCode":"{{text}}","statusMessage":"{{code}}"}""";
            data.Add(named, error, code);
            data.Add(swapped, error, code);
            data.Add($"[{named}]", error, code);
            data.Add($"[{swapped}]", error, code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ErrorResponses))]
    public async Task SendAsync_ProviderErrorCode_ThrowsMappedErrorNotSentWithoutRetry(string body, SmsErrorCode error, string code)
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", body);
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => sp.GetRequiredService<ISmsGateway>().SendAsync(["0722123456", "0733123456"], "hi"));

        AdapterHost.AssertRefused(ex, "qserve", error, code, "0722123456", "0733123456");
        Assert.Single(mock.Sent);
    }

    [Theory]
    [MemberData(nameof(ErrorResponses))]
    public async Task GetBalanceAsync_ProviderErrorCode_ThrowsMappedError(string body, SmsErrorCode error, string code)
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "credits", body);
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => sp.GetRequiredService<ISmsGateway>().GetBalanceAsync());

        AdapterHost.AssertRefused(ex, "qserve", error, code);
        Assert.Single(mock.Sent);
    }

    [Theory]
    [InlineData("sendsms", "Qserve/sendsms-error.json", SmsErrorCode.InvalidCredentials, "X001")]
    [InlineData("sendsms", "Qserve/sendsms-error-swapped.json", SmsErrorCode.InvalidUserToken, "x003")]
    [InlineData("credits", "Qserve/credits-error-swapped.json", SmsErrorCode.MissingParameters, "X000")]
    public async Task SendOrBalance_ErrorFixture_ThrowsTheDocumentedRefusal(string endpoint, string fixture, SmsErrorCode error, string code)
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, endpoint, TestPaths.Fixture(fixture));
        await using ServiceProvider sp = AdapterHost.Qserve(mock);
        ISmsGateway gateway = sp.GetRequiredService<ISmsGateway>();

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => endpoint == "sendsms" ? gateway.SendAsync("0722123456", "hi") : gateway.GetBalanceAsync());

        AdapterHost.AssertRefused(ex, "qserve", error, code, "0722123456");
        Assert.Single(mock.Sent);
    }

    [Fact]
    public async Task SendAsync_Http401WithProviderCode_ThrowsThatCode()
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", """[{"statusCode":"Unknown or unvalid secret_key","statusMessage":"X001"}]""", 401);
        await using ServiceProvider sp = AdapterHost.Qserve(mock);

        SmsGatewayException ex = await Assert.ThrowsAsync<SmsGatewayException>(() => sp.GetRequiredService<ISmsGateway>().SendAsync("0722123456", "hi"));

        Assert.Equal((SmsErrorCode.InvalidCredentials, "X001", HttpStatusCode.Unauthorized, false), (ex.Error, ex.ProviderCode, ex.HttpStatusCode, ex.MayHaveBeenSent));
    }

    // ---- 5. Chunking -------------------------------------------------------------------------------

    [Fact]
    public async Task SendBatchAsync_TwoMessagesChunked_EachMessageItsOwnRequestsResultsInInputOrder()
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", r => (200, FakeReplies.Qserve(r.Body)));
        await using ServiceProvider sp = AdapterHost.Qserve(mock, o => o.MaxRecipientsPerRequest = 2);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendBatchAsync(
            [new SmsMessage(Five[..3], "first"), new SmsMessage(["0733123456", "bad", "0722000001"], "second")]);

        Assert.Equal(
            ["first 254722000001,254722000002", "first 254722000003", "second 254733123456,254722000001"],
            mock.Sent.Select(s => s.Field("message") + " " + s.Field("phone")).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["+254722000001", "+254722000002", "+254722000003", "+254733123456", "bad", "+254722000001"],
            result.Recipients.Select(r => r.PhoneNumber));
        Assert.Equal([true, true, true, true, false, true], result.Recipients.Select(r => r.IsAccepted));
    }

    // ---- 7. Bad input (the shared rules are in SmsGatewayContractTests) ----------------------------

    [Theory]
    [InlineData(1, 160, true)]
    [InlineData(1, 161, false)]
    [InlineData(2, 306, true)]
    [InlineData(2, 307, false)]
    [InlineData(20, 3060, true)]
    [InlineData(20, 3061, false)]
    public async Task SendAsync_TextAtConfiguredMaxSegments_SentOrRefusedBeforeIo(int maxSegments, int length, bool ok)
    {
        await using AdapterRig rig = AdapterProfile.Qserve.Start(maxSegments: maxSegments);

        await rig.AssertLengthLimitAsync(TrickyInput.Gsm7(length), ok, maxSegments, $"({length} GSM-7 septets)");
    }

    [Fact]
    public async Task SendAsync_TrickyTextOverLoopback_ProviderReceivesItExactlyWithNoExtraFields()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = r => Behavior.Respond(200, FakeReplies.Qserve(r.BodyText));
        await using ServiceProvider sp = AdapterHost.Qserve(server);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722123456", "0733123456"], TrickyInput.Text);

        Assert.True(result.IsSuccess);
        using JsonDocument body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(["username", "api_key", "sender_id", "phone", "message"], TrickyInput.Names(body.RootElement));
        Assert.Equal(TrickyInput.Text, body.RootElement.GetProperty("message").GetString());
        Assert.Equal(AdapterHost.QserveApiKey, body.RootElement.GetProperty("api_key").GetString());
        Assert.Equal("254sms", body.RootElement.GetProperty("sender_id").GetString());
        Assert.Equal("254722123456,254733123456", body.RootElement.GetProperty("phone").GetString());
    }
}
