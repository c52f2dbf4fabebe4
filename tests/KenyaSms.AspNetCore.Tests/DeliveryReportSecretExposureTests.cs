using System.Net;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static KenyaSms.AspNetCore.Tests.DeliveryReportTestHost;

namespace KenyaSms.AspNetCore.Tests;

// Why the README leads with the header form: a secret in the path is in ASP.NET Core's own logs (and in every
// tracer's url.path); a secret in a header is in none of them.
public sealed class DeliveryReportSecretExposureTests
{
    [Fact]
    public async Task Post_SecretInHeader_NoLogLineOrScopeOfAnyCategoryHoldsIt()
    {
        await using DeliveryReportTestHost host = await StartAsync(pattern: HeaderPattern);

        using HttpResponseMessage response = await host.SendAsync(HeaderPattern, Content(Report()), Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Category!.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, host.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SecretInRoute_AspNetCoreLogsHoldIt()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        using HttpResponseMessage response = await host.PostAsync(Report());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Category!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Message.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, host.SdkLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapKenyaSmsDeliveryReports_SecretInRoute_WarnsOnceWithoutTheSecret()
    {
        await using DeliveryReportTestHost host = await StartAsync();

        FakeLogRecord warning = Assert.Single(host.Logs.GetSnapshot(), e => e.Id.Id == 4008);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("X-KenyaSms-Secret", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, host.SdkLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapKenyaSmsDeliveryReports_SecretInHeader_DoesNotWarn()
    {
        await using DeliveryReportTestHost host = await StartAsync(pattern: HeaderPattern);

        Assert.DoesNotContain(host.Logs.GetSnapshot(), e => e.Id.Id == 4008);
    }
}
