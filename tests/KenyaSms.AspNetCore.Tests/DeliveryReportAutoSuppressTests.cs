using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static KenyaSms.AspNetCore.Tests.DeliveryReportTestHost;

namespace KenyaSms.AspNetCore.Tests;

// api.md 9: with KenyaSms:Suppression:AutoSuppress and a suppression list, a delivery report saying the subscriber
// blacklisted the sender (Africa's Talking failureReason UserInBlackList) adds the number. Over real HTTP.
public sealed class DeliveryReportAutoSuppressTests
{
    private const string ProviderPattern = "/sms/delivery-reports/{provider}/{secret}";
    private const string Form = "application/x-www-form-urlencoded";
    private static readonly PhoneNumber Subscriber = PhoneNumber.Parse("+254722123456");

    private static string AtReport(string id, string status, string? failureReason = null) =>
        $"id={id}&status={status}&phoneNumber=%2B254722123456&networkCode=63902&retryCount=0"
        + (failureReason is null ? string.Empty : $"&failureReason={failureReason}");

    private static Task<HttpResponseMessage> PostAsync(DeliveryReportTestHost app, string provider, string body, string contentType = Form) =>
        app.SendAsync($"sms/delivery-reports/{provider}/{Secret}", Content(body, contentType));

    // The app's registration: AddKenyaSms from configuration (KenyaSms:Suppression:AutoSuppress), and a suppression list.
    private static Action<IServiceCollection> KenyaSms(bool? autoSuppress, bool list = true, ISmsSuppressionList? replacement = null) => services =>
    {
        var settings = new Dictionary<string, string?>();
        if (autoSuppress is { } value)
        {
            settings["KenyaSms:Suppression:AutoSuppress"] = value ? "true" : "false";
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        IKenyaSmsBuilder builder = services.AddKenyaSms(configuration.GetSection("KenyaSms"));
        if (list)
        {
            builder.AddInMemorySuppressionList();
        }

        if (replacement is not null)
        {
            services.Replace(ServiceDescriptor.Singleton(replacement));
        }
    };

    private static Task<IReadOnlyCollection<PhoneNumber>> SuppressedAsync(DeliveryReportTestHost app) =>
        app.Services.GetRequiredService<ISmsSuppressionList>().FindSuppressedAsync([Subscriber]);

    [Theory]
    [InlineData("Rejected", "UserInBlackList")]
    [InlineData("Failed", "UserInBlackList")]
    [InlineData("Rejected", "userinblacklist")] // AT's case varies; the documented reason is recognised in any case
    public async Task BlacklistReport_AutoSuppressOn_AddsTheNumber_AndTheHandlerStillGetsIt(string status, string reason)
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern, services: KenyaSms(autoSuppress: true));

        using HttpResponseMessage response = await PostAsync(app, "africastalking", AtReport("ATXid_1", status, reason));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Subscriber], await SuppressedAsync(app));
        Assert.Equal("UserInBlackList", Assert.Single(app.Handled.Reports).ProviderDescription);
        Assert.Contains(app.Logs.GetSnapshot(), e => e.Id.Id == 1021 && e.Message.Contains("delivery report from africastalking: UserInBlackList", StringComparison.Ordinal));
        Assert.DoesNotContain("722123456", app.SdkLogText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task BlacklistReport_AutoSuppressOffOrUnset_DoesNotAddTheNumber(bool? autoSuppress)
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern, services: KenyaSms(autoSuppress));

        using HttpResponseMessage response = await PostAsync(app, "africastalking", AtReport("ATXid_1", "Rejected", "UserInBlackList"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await SuppressedAsync(app));
        Assert.Single(app.Handled.Reports);
    }

    [Theory]
    [InlineData("Rejected", "DoNotDisturbRejection")]
    [InlineData("Failed", "UserDoesNotExist")]
    [InlineData("Failed", "DeliveryFailure")]
    [InlineData("Rejected", "UserIsInactive")]
    [InlineData("Failed", "UserInBlackListed")]
    [InlineData("Success", null)]
    public async Task OtherReports_DoNotAddTheNumber(string status, string? reason)
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern, services: KenyaSms(autoSuppress: true));

        using HttpResponseMessage response = await PostAsync(app, "africastalking", AtReport("ATXid_1", status, reason));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await SuppressedAsync(app));
        Assert.Single(app.Handled.Reports);
    }

    [Fact]
    public async Task SynqtelReport_WithThatWordAsItsDescription_DoesNotAddTheNumber()
    {
        // Synqtel's reference documents no blacklist status: only Africa's Talking's documented reason counts.
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern, services: KenyaSms(autoSuppress: true));

        using HttpResponseMessage response = await PostAsync(app, "synqtel", Report(("messageId", "1001"), ("dlrDesc", "UserInBlackList"), ("dlrStatus", "2"), ("destaddr", "254722123456")), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await SuppressedAsync(app));
    }

    [Fact]
    public async Task BlacklistReport_NoSuppressionListRegistered_IsHandledAsUsual()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern, services: KenyaSms(autoSuppress: true, list: false));

        using HttpResponseMessage response = await PostAsync(app, "africastalking", AtReport("ATXid_1", "Rejected", "UserInBlackList"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(app.Handled.Reports);
        Assert.Null(app.Services.GetService<ISmsSuppressionList>());
    }

    [Fact]
    public async Task BlacklistReport_NoKenyaSmsRegistrationAtAll_IsHandledAsUsual()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);

        using HttpResponseMessage response = await PostAsync(app, "africastalking", AtReport("ATXid_1", "Rejected", "UserInBlackList"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(app.Handled.Reports);
    }

    [Fact]
    public async Task BlacklistReport_HandlerFails_TheNumberIsStillAdded_AndTheRetryChangesNothing()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern, services: KenyaSms(autoSuppress: true));
        app.Handled.OnHandle = call => call == 1 ? throw new InvalidOperationException("handler down") : Task.CompletedTask;

        using HttpResponseMessage failed = await PostAsync(app, "africastalking", AtReport("ATXid_1", "Rejected", "UserInBlackList"));
        Assert.Equal([Subscriber], await SuppressedAsync(app));
        using HttpResponseMessage retried = await PostAsync(app, "africastalking", AtReport("ATXid_1", "Rejected", "UserInBlackList"));

        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.OK), (failed.StatusCode, retried.StatusCode));
        Assert.Equal([Subscriber], await SuppressedAsync(app));
        Assert.Single(app.Handled.Reports);
    }

    [Fact]
    public async Task BlacklistReport_SuppressionListFails_IsStillHandled_AndTheFailureIsLoggedMasked()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern, services: KenyaSms(autoSuppress: true, replacement: new FailingList()));

        using HttpResponseMessage response = await PostAsync(app, "africastalking", AtReport("ATXid_1", "Rejected", "UserInBlackList"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(app.Handled.Reports);
        Assert.Contains(app.Logs.GetSnapshot(), e => e.Id.Id == 1022);
        Assert.DoesNotContain("722123456", app.SdkLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlacklistReport_WithANumberThatIsNotKenyan_IsHandled_AndNothingIsAdded()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern, services: KenyaSms(autoSuppress: true));

        using HttpResponseMessage response = await PostAsync(app, "africastalking", "id=ATXid_9&status=Rejected&phoneNumber=%2B14155550100&networkCode=99999&retryCount=0&failureReason=UserInBlackList");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(app.Handled.Reports);
        Assert.Contains(app.Logs.GetSnapshot(), e => e.Id.Id == 4012);
        Assert.DoesNotContain("4155550100", app.SdkLogText(), StringComparison.Ordinal);
    }

    private sealed class FailingList : ISmsSuppressionList
    {
        public Task<IReadOnlyCollection<PhoneNumber>> FindSuppressedAsync(IReadOnlyCollection<PhoneNumber> numbers, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyCollection<PhoneNumber>>([]);

        public Task SuppressAsync(PhoneNumber number, string reason, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("database down at " + number.E164);

        public Task UnsuppressAsync(PhoneNumber number, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
