using System.Globalization;
using System.Runtime.CompilerServices;
using KenyaSms.Campaigns;
using Microsoft.Extensions.Configuration;

namespace KenyaSms.Samples.Campaign;

/// <summary>
/// The campaign's messages, read a slice at a time by each window job. A real source reads a table ordered by a stable
/// key (e.g. <c>ORDER BY member_id OFFSET @offset LIMIT @count</c>); this one makes up a SACCO's
/// <c>Campaign:Members</c> members (default 5,000; every worker and the starter must agree on it).
/// </summary>
internal sealed class MembersSource(IConfiguration configuration) : ISmsCampaignSource
{
    public long Members { get; } = configuration.GetValue("Campaign:Members", 5_000L);

    public async IAsyncEnumerable<SmsMessage> ReadAsync(string campaignId, long offset, int count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        for (long member = offset; member < offset + count && member < Members; member++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string number = string.Create(CultureInfo.InvariantCulture, $"+25472{member % 10_000_000:D7}");
            string text = string.Create(CultureInfo.InvariantCulture, $"Habari member {member}, the SACCO AGM is on Saturday 12 December at 10:00. Reply STOP to opt out.");
            yield return new SmsMessage(number, text);
        }
    }
}
