using System.Net;
using static KenyaSms.AspNetCore.Tests.DeliveryReportTestHost;

namespace KenyaSms.AspNetCore.Tests;

// Which later reports for one message still reach the handler (the full table is the W5 theory in DeliveryReportEndpointTests).
public sealed class DeliveryReportEndpointOrderTests
{
    // An absent subscriber often switches the phone on later; the network then delivers and reports it.
    [Fact]
    public async Task Post_AbsentSubscriberThenDelivered_HandlerSeesTheDelivery()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage absent = await host.PostAsync(Report(("messageId", "21"), ("dlrDesc", "AbsentSubscriber"), ("dlrStatus", "2")));
        using HttpResponseMessage delivered = await host.PostAsync(Report(("messageId", "21"), ("dlrDesc", "DeliveredToTerminal"), ("dlrStatus", "1")));
        using HttpResponseMessage lateAbsent = await host.PostAsync(Report(("messageId", "21"), ("dlrDesc", "AbsentSubscriber"), ("dlrStatus", "2")));

        Assert.All(new[] { absent, delivered, lateAbsent }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal([DeliveryStatus.Failed, DeliveryStatus.Delivered], host.Handled.Reports.Select(r => r.Status));
    }

    // Both map to Unknown; only the raw values tell them apart, and the handler is the one that can read them.
    [Fact]
    public async Task Post_TwoUnknownStatusValuesWithoutDescription_BothReachTheHandler()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        foreach (string status in new[] { "7", "8", "7" })
        {
            using HttpResponseMessage response = await host.PostAsync(Report(("messageId", "22"), ("dlrDesc", null), ("dlrStatus", status)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(["7", "8"], host.Handled.Reports.Select(r => r.ProviderStatus));
        Assert.All(host.Handled.Reports, r => Assert.Equal(DeliveryStatus.Unknown, r.Status));
    }
}
