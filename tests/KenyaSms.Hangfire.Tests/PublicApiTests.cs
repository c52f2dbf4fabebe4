using KenyaSms.Campaigns;

namespace KenyaSms.Hangfire.Tests;

/// <summary>
/// The exact surface of KenyaSms.Hangfire (api.md 8c, plus SmsSendWindow.EastAfricaTime, the default zone, which users
/// would miss) is src/KenyaSms.Hangfire/PublicAPI.*.txt, checked on every build by PublicApiAnalyzers. This keeps
/// what the analyzer does not check: where the public types live.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void ExportedTypes_LiveInTheCampaignsAndDependencyInjectionNamespaces() =>
        Assert.Equal(
            ["KenyaSms.Campaigns", "Microsoft.Extensions.DependencyInjection"],
            typeof(ISmsCampaigns).Assembly.GetExportedTypes().Select(t => t.Namespace!).Distinct().Order(StringComparer.Ordinal));
}
