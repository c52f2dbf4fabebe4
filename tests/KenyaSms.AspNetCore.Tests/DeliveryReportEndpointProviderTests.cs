using System.Net;
using KenyaSms.Tests.Infrastructure;
using static KenyaSms.AspNetCore.Tests.DeliveryReportTestHost;

namespace KenyaSms.AspNetCore.Tests;

// api.md 10: the pattern gains a {provider} segment; Synqtel's JSON and Africa's Talking's forms share the endpoint,
// and a pattern without {provider} keeps meaning Synqtel.
public sealed class DeliveryReportEndpointProviderTests
{
    private const string ProviderPattern = "/sms/delivery-reports/{provider}/{secret}";

    private const string Form = "application/x-www-form-urlencoded";

    private static string AtReport(string id, string status, string? failureReason = null) =>
        $"id={id}&status={status}&phoneNumber=%2B254722123456&networkCode=63902&retryCount=0"
        + (failureReason is null ? string.Empty : $"&failureReason={failureReason}");

    private static Task<HttpResponseMessage> PostAsync(DeliveryReportTestHost app, string provider, string body, string contentType, string secret = Secret) =>
        app.SendAsync($"sms/delivery-reports/{provider}/{secret}", Content(body, contentType));

    [Theory]
    [InlineData("africastalking")]
    [InlineData("AfricasTalking")]
    public async Task AfricasTalkingForm_OnTheProviderRoute_ReachesTheHandler(string provider)
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);

        using HttpResponseMessage response = await PostAsync(app, provider, AtReport("ATXid_1", "Rejected", "UserInBlackList"), Form + "; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        DeliveryReport report = Assert.Single(app.Handled.Reports);
        Assert.Equal("africastalking", report.Provider);
        Assert.Equal("ATXid_1", report.MessageId);
        Assert.Equal(DeliveryStatus.Rejected, report.Status);
        Assert.Equal("UserInBlackList", report.ProviderDescription);
    }

    [Fact]
    public async Task SynqtelJson_OnTheProviderRoute_ReachesTheHandler()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);

        using HttpResponseMessage response = await PostAsync(app, "synqtel", Report("1001", "DeliveredToTerminal"), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        DeliveryReport report = Assert.Single(app.Handled.Reports);
        Assert.Equal("synqtel", report.Provider);
        Assert.Equal(DeliveryStatus.Delivered, report.Status);
    }

    [Theory]
    [InlineData("africastalking", "application/json")]
    [InlineData("africastalking", "text/plain")]
    [InlineData("synqtel", Form)]
    public async Task WrongContentTypeForTheProvider_Is415(string provider, string contentType)
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);
        string body = provider == "synqtel" ? Report("1001", "DeliveredToTerminal") : AtReport("ATXid_1", "Success");

        using HttpResponseMessage response = await PostAsync(app, provider, body, contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(app.Handled.Reports);
    }

    [Fact]
    public async Task AfricasTalkingFormWithoutAnId_Is400()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);

        using HttpResponseMessage response = await PostAsync(app, "africastalking", "status=Success&phoneNumber=%2B254722123456", Form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(app.Handled.Reports);
    }

    [Theory]
    [InlineData("qserve")]
    [InlineData("nobody")]
    public async Task ProviderWithoutReports_Is404(string provider)
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);

        using HttpResponseMessage response = await PostAsync(app, provider, AtReport("ATXid_1", "Success"), Form);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(app.Handled.Reports);
    }

    [Fact]
    public async Task WrongSecret_Is401BeforeTheProviderIsLookedAt()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);

        using HttpResponseMessage response = await PostAsync(app, "nobody", AtReport("ATXid_1", "Success"), Form, secret: "wrong-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PatternWithoutProvider_StillMeansSynqtel()
    {
        await using DeliveryReportTestHost app = await StartAsync();

        using HttpResponseMessage form = await app.PostAsync(AtReport("ATXid_1", "Success"), contentType: Form);
        using HttpResponseMessage json = await app.PostAsync(Report("1001", "DeliveredToTerminal"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("synqtel", Assert.Single(app.Handled.Reports).Provider);
    }

    [Fact]
    public async Task AfricasTalking_StatusesGoForwardOnly_AndDeliveryAfterAnAbsentSubscriberIsPassedOn()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);
        string[] posts =
        [
            AtReport("ATXid_1", "Sent"),
            AtReport("ATXid_1", "Buffered"),
            AtReport("ATXid_1", "AbsentSubscriber"),
            AtReport("ATXid_1", "Sent"), // backwards: acknowledged, not passed on
            AtReport("ATXid_1", "Success"),
            AtReport("ATXid_1", "Failed", "DeliveryFailure"), // after a final delivery: not passed on
        ];

        foreach (string body in posts)
        {
            using HttpResponseMessage response = await PostAsync(app, "africastalking", body, Form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(["Sent", "Buffered", "AbsentSubscriber", "Success"], app.Handled.Reports.Select(r => r.ProviderStatus));
    }

    [Fact]
    public async Task AfricasTalking_EveryOutcome_LogsNeitherSecretNorNumber()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);
        string unreadable = "status=Success&phoneNumber=%2B254767209917"; // no id: 400, body logged at Debug

        (await PostAsync(app, "africastalking", AtReport("ATXid_1", "Success").Replace("722123456", "767209917", StringComparison.Ordinal), Form)).Dispose();
        (await PostAsync(app, "africastalking", unreadable, Form)).Dispose();
        (await PostAsync(app, "africastalking", unreadable, "application/json")).Dispose();
        (await PostAsync(app, "nobody", unreadable, Form)).Dispose();

        Assert.DoesNotContain(Secret, app.SdkLogText(), StringComparison.Ordinal);
        Assert.DoesNotContain("767209917", app.Logs.AllText(), StringComparison.Ordinal);
        Assert.Contains(app.Logs.GetSnapshot(), e => e.Id.Id == 4001); // the report was logged, masked
        Assert.Single(app.Handled.Reports);
    }
}
