using KenyaSms.AfricasTalking;
using KenyaSms.Simulator;
using Microsoft.Extensions.DependencyInjection;
using static KenyaSms.AspNetCore.Tests.DeliveryReportTestHost;

namespace KenyaSms.AspNetCore.Tests.EndToEnd;

// Issue 14 end to end: send through the SDK's Africa's Talking gateway to the simulator, which posts AT's form-encoded
// delivery reports to the endpoint's {provider} route over real HTTP; every report reaches the handler once,
// correlated to the send by message id.
public sealed class SimulatorAfricasTalkingDeliveryReportsTests
{
    private const string ProviderPattern = "/sms/delivery-reports/{provider}/{secret}";

    private const string ReportPath = $"sms/delivery-reports/africastalking/{Secret}";

    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reports_FromTheSimulator_ReachTheHandlerCorrelatedToTheSend()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);
        await using SmsSimulator sim = await StartSimulatorAsync(app, undeliverable: "0733123456");
        await using ServiceProvider sdk = Sdk(sim);
        string[] numbers = ["0722123456", "0733123456", "0770123456", "0763123456"];

        SmsSendResult sent = await sdk.GetRequiredKeyedService<ISmsGateway>(AfricasTalkingSmsGateway.ProviderName).SendBatchAsync(
            numbers.Select((n, i) => new SmsMessage(n, $"Habari {i}")));
        await sim.Ledger.WaitForDeliveryReportsAsync(numbers.Length).WaitAsync(Guard);

        Assert.Equal(numbers.Length, sent.AcceptedCount);
        Assert.All(sim.Ledger.DeliveryReports, r => Assert.True(r.Succeeded, r.Error));
        IReadOnlyList<DeliveryReport> handled = app.Handled.Reports;
        Assert.Equal(numbers.Length, handled.Count);
        Dictionary<string, DeliveryReport> byId = handled.ToDictionary(r => r.MessageId);
        foreach (SmsRecipientResult recipient in sent.Recipients)
        {
            DeliveryReport report = byId[recipient.MessageId!];
            bool undeliverable = recipient.PhoneNumber == "+254733123456";
            Assert.Equal(AfricasTalkingSmsGateway.ProviderName, report.Provider);
            Assert.Equal(recipient.PhoneNumber, report.PhoneNumber);
            Assert.Equal(undeliverable ? DeliveryStatus.Failed : DeliveryStatus.Delivered, report.Status);
            Assert.Equal(undeliverable ? "Failed" : "Success", report.ProviderStatus);
            Assert.Equal(undeliverable ? AfricasTalkingFailureReasons.DeliveryFailure : null, report.ProviderDescription);
        }

        Assert.Equal(MobileNetwork.Safaricom, byId[sent.Recipients[0].MessageId!].Network);
        Assert.Equal(MobileNetwork.Airtel, byId[sent.Recipients[1].MessageId!].Network);
        Assert.Equal(MobileNetwork.Telkom, byId[sent.Recipients[2].MessageId!].Network);
        Assert.Equal(MobileNetwork.Equitel, byId[sent.Recipients[3].MessageId!].Network);
    }

    [Fact]
    public async Task Reports_RetriedByTheProvider_ReachTheHandlerOnce()
    {
        await using DeliveryReportTestHost app = await StartAsync(pattern: ProviderPattern);
        await using SmsSimulator sim = await StartSimulatorAsync(app);
        await using ServiceProvider sdk = Sdk(sim);

        SmsSendResult sent = await sdk.GetRequiredKeyedService<ISmsGateway>(AfricasTalkingSmsGateway.ProviderName).SendAsync("0722123456", "Your OTP is 123456");
        await sim.Ledger.WaitForDeliveryReportsAsync(1).WaitAsync(Guard);
        SimulatorDeliveryReport posted = Assert.Single(sim.Ledger.DeliveryReports);
        using HttpResponseMessage again = await app.SendAsync(ReportPath, Content(posted.Body, "application/x-www-form-urlencoded"));

        Assert.Equal(SimulatorProvider.AfricasTalking, posted.Provider);
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(sent.Recipients[0].MessageId, Assert.Single(app.Handled.Reports).MessageId);
    }

    // The simulator posts AT reports at once to the app's africastalking route.
    private static Task<SmsSimulator> StartSimulatorAsync(DeliveryReportTestHost app, params string[] undeliverable)
    {
        var options = new SmsSimulatorOptions { DeliveryReportDelay = TimeSpan.Zero, AfricasTalkingDeliveryReportUrl = new Uri(app.Client.BaseAddress!, ReportPath) };
        foreach (string number in undeliverable)
        {
            options.UndeliverableNumbers.Add(number);
        }

        return SmsSimulator.StartAsync(options);
    }

    private static ServiceProvider Sdk(SmsSimulator sim)
    {
        var services = new ServiceCollection();
        services.AddKenyaSms().AddAfricasTalking(o =>
        {
            o.BaseAddress = sim.AfricasTalkingBaseAddress;
            o.Username = sim.AfricasTalkingUsername;
            o.ApiKey = sim.AfricasTalkingApiKey;
        });
        return services.BuildServiceProvider();
    }
}
