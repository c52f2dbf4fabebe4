using KenyaSms.Campaigns;
using KenyaSms.Tests;

namespace KenyaSms.Hangfire.Tests;

/// <summary>The public surface of KenyaSms.Hangfire: api.md 8c, plus SmsSendWindow.EastAfricaTime (the default zone, which users would miss).</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void ExportedTypes_AreExactlyTheContract()
    {
        Assert.Equal(
            [
                "KenyaSms.Campaigns.ISmsCampaignSource", "KenyaSms.Campaigns.ISmsCampaigns", "KenyaSms.Campaigns.SmsCampaign",
                "KenyaSms.Campaigns.SmsCampaignProgress", "KenyaSms.Campaigns.SmsSendWindow",
                "Microsoft.Extensions.DependencyInjection.KenyaSmsHangfireCampaignsBuilderExtensions",
            ],
            typeof(ISmsCampaigns).Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(typeof(ISmsCampaignSource), "IAsyncEnumerable<SmsMessage> ReadAsync(string campaignId, long offset, int count, CancellationToken cancellationToken)")]
    [InlineData(typeof(ISmsCampaigns), "Task StartAsync(SmsCampaign campaign, CancellationToken cancellationToken = default)|Task<SmsCampaignProgress> GetProgressAsync(string campaignId, CancellationToken cancellationToken = default)")]
    [InlineData(typeof(SmsCampaign), "ctor(string Id, long MessageCount)|string Id { get; init; }|long MessageCount { get; init; }|int WindowSize { get; init; }|SmsSendWindow? SendWindow { get; init; }|bool RequireSufficientBalance { get; init; }")]
    [InlineData(typeof(SmsSendWindow), "ctor(TimeOnly Start, TimeOnly End, TimeZoneInfo TimeZone)|TimeOnly Start { get; init; }|TimeOnly End { get; init; }|TimeZoneInfo TimeZone { get; init; }|static TimeZoneInfo EastAfricaTime { get; }")]
    [InlineData(typeof(SmsCampaignProgress), "ctor(string CampaignId, long MessageCount, long Sent, long Rejected, long Uncertain, long NotSent, long Pending)|string CampaignId { get; init; }|long MessageCount { get; init; }|long Sent { get; init; }|long Rejected { get; init; }|long Uncertain { get; init; }|long NotSent { get; init; }|long Pending { get; init; }")]
    [InlineData(typeof(Microsoft.Extensions.DependencyInjection.KenyaSmsHangfireCampaignsBuilderExtensions), "static IKenyaSmsBuilder AddHangfireCampaigns<TSource>(this IKenyaSmsBuilder builder)")]
    public void ContractType_DeclaresTheContractMembers(Type type, string members)
    {
        string[] actual = PublicApiSurface.Members(type);

        Assert.All(members.Split('|'), m => Assert.Contains(m, actual));
        // Beyond the contract only what the compiler writes for a record (equality, Deconstruct, ToString).
        Assert.All(actual.Except(members.Split('|')), m => Assert.Matches(@"^(bool Equals\(|int GetHashCode\(\)|string ToString\(\)|void Deconstruct\(|static bool op_(Equality|Inequality)\(|SmsCampaign(Progress)? <Clone>\$|SmsSendWindow <Clone>\$)", m));
    }
}
