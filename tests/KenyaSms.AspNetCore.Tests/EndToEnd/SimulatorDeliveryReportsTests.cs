using KenyaSms.Simulator;
using Microsoft.Extensions.DependencyInjection;
using static KenyaSms.AspNetCore.Tests.DeliveryReportTestHost;

namespace KenyaSms.AspNetCore.Tests.EndToEnd;

// Issue 4 end to end: send through the SDK to the simulator, which posts Synqtel delivery reports to the
// endpoint over real HTTP; every report reaches the handler once, correlated to the send by message id.
public sealed class SimulatorDeliveryReportsTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reports_FromTheSimulator_ReachTheHandlerCorrelatedToTheSend()
    {
        await using DeliveryReportTestHost app = await StartAsync();
        var options = new SmsSimulatorOptions
        {
            DeliveryReportDelay = TimeSpan.Zero,
            DeliveryReportUrl = new Uri(app.Client.BaseAddress!, $"sms/delivery-reports/{Secret}"),
        };
        options.UndeliverableNumbers.Add("0733123456");
        await using SmsSimulator sim = await SmsSimulator.StartAsync(options);
        await using ServiceProvider sdk = Sdk(sim);
        string[] numbers = ["0722123456", "0733123456", "0110123456", "0790123456"];

        SmsSendResult sent = await sdk.GetRequiredService<ISmsGateway>().SendBatchAsync(
            numbers.Select((n, i) => new SmsMessage(n, $"Habari {i}") { ClientReference = $"ref-{i}" }));
        await sim.Ledger.WaitForDeliveryReportsAsync(numbers.Length).WaitAsync(Guard);

        Assert.Equal(numbers.Length, sent.AcceptedCount);
        Assert.All(sim.Ledger.DeliveryReports, r => Assert.True(r.Succeeded, r.Error));
        IReadOnlyList<DeliveryReport> handled = app.Handled.Reports;
        Assert.Equal(numbers.Length, handled.Count);
        Dictionary<string, DeliveryReport> byId = handled.ToDictionary(r => r.MessageId);
        foreach (SmsRecipientResult recipient in sent.Recipients)
        {
            DeliveryReport report = byId[recipient.MessageId!];
            Assert.Equal(recipient.PhoneNumber, report.PhoneNumber);
            Assert.Equal(recipient.PhoneNumber == "+254733123456" ? DeliveryStatus.Failed : DeliveryStatus.Delivered, report.Status);
            Assert.Equal("MYCO", report.SenderId);
            Assert.NotNull(report.DeliveredAt);
        }
    }

    [Fact]
    public async Task Reports_RetriedByTheProvider_ReachTheHandlerOnce()
    {
        await using DeliveryReportTestHost app = await StartAsync();
        var options = new SmsSimulatorOptions { DeliveryReportDelay = TimeSpan.Zero, DeliveryReportUrl = new Uri(app.Client.BaseAddress!, $"sms/delivery-reports/{Secret}") };
        await using SmsSimulator sim = await SmsSimulator.StartAsync(options);
        await using ServiceProvider sdk = Sdk(sim);

        SmsSendResult sent = await sdk.GetRequiredService<ISmsGateway>().SendAsync("0722123456", "Your OTP is 123456");
        await sim.Ledger.WaitForDeliveryReportsAsync(1).WaitAsync(Guard);
        SimulatorDeliveryReport posted = Assert.Single(sim.Ledger.DeliveryReports);
        using HttpResponseMessage again = await app.PostAsync(posted.Body); // the provider retries the same report

        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        DeliveryReport report = Assert.Single(app.Handled.Reports);
        Assert.Equal(sent.Recipients[0].MessageId, report.MessageId);
    }

    private static ServiceProvider Sdk(SmsSimulator sim)
    {
        var services = new ServiceCollection();
        services.AddKenyaSms().AddSynqtel(o =>
        {
            o.ApiKey = sim.SynqtelApiKey;
            o.SenderName = "MYCO";
            o.BaseAddress = sim.SynqtelBaseAddress;
        });
        return services.BuildServiceProvider();
    }
}
