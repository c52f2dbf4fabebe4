using System.Net;
using System.Text.Json.Nodes;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static KenyaSms.AspNetCore.Tests.DeliveryReportTestHost;

namespace KenyaSms.AspNetCore.Tests;

// End to end without the simulator: send through the Synqtel adapter to a loopback provider answering the
// reference sendmultiple response, then post the provider's reports for those message ids to the endpoint.
public sealed class SynqtelDeliveryReportCorrelationTests
{
    [Fact]
    public async Task Reports_ForASentBatch_ReachTheHandlerCorrelatedByMessageId()
    {
        await using LoopbackServer provider = await LoopbackServer.StartAsync();
        provider.Fallback = _ => Behavior.Respond(200, TestPaths.Fixture("Synqtel/sendmultiple-success.json"));
        await using ServiceProvider sdk = Synqtel(provider.BaseAddress);
        await using DeliveryReportTestHost app = await StartAsync();

        SmsSendResult sent = await sdk.GetRequiredService<ISmsGateway>().SendAsync(["0722 310 558", "+254705941419"], "Your order has shipped");

        Assert.Equal("/sms/sendmultiple", Assert.Single(provider.Requests).Path);
        Assert.Equal(["335951830", "335951831"], sent.Recipients.Select(r => r.MessageId));
        // Synqtel posts one report per message: the first with the id as a string (as in the reference), the second as a number.
        SmsRecipientResult first = sent.Recipients[0], second = sent.Recipients[1];
        using HttpResponseMessage a = await app.PostAsync(Report(("messageId", first.MessageId), ("destaddr", "254722310558"), ("dlrDesc", "DeliveredToTerminal")));
        using HttpResponseMessage b = await app.PostAsync(Report(("messageId", long.Parse(second.MessageId!, System.Globalization.CultureInfo.InvariantCulture)), ("destaddr", 254705941419), ("dlrDesc", "AbsentSubscriber"), ("dlrStatus", 2)));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (a.StatusCode, b.StatusCode));
        Dictionary<string, DeliveryReport> byId = app.Handled.Reports.ToDictionary(r => r.MessageId);
        Assert.Equal(2, byId.Count);
        foreach (SmsRecipientResult recipient in sent.Recipients)
        {
            DeliveryReport report = byId[recipient.MessageId!];
            Assert.Equal(recipient.PhoneNumber, report.PhoneNumber);
            Assert.Equal(recipient.Network, report.Network);
        }

        Assert.Equal(DeliveryStatus.Delivered, byId[first.MessageId!].Status);
        Assert.Equal(DeliveryStatus.Failed, byId[second.MessageId!].Status);
    }

    private static ServiceProvider Synqtel(Uri providerAddress)
    {
        var services = new ServiceCollection();
        services.AddKenyaSms(o => o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1)).AddSynqtel(o =>
        {
            o.ApiKey = "9d4e2b7c1a6f08e35b9c2d7a4f1e6b08c3d5a7e9f1b2c4d6e8f0a1b3c5d7e9f2";
            o.SenderName = "MYCO";
            o.BaseAddress = new Uri(providerAddress, "sms/");
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
