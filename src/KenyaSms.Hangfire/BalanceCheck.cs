using System.Globalization;

namespace KenyaSms.Campaigns;

/// <summary>
/// <see cref="SmsCampaign.RequireSufficientBalance"/> (api.md 9): the campaign's cost, estimated offline window by window
/// with the send's own rules (<see cref="SmsGatewayExtensions.Estimate"/>: segments x distinct valid recipients), against
/// <see cref="ISmsGateway.GetBalanceAsync"/>, before anything is enqueued: a campaign refused for credits sends nothing,
/// instead of stopping half-way.
/// </summary>
internal static class BalanceCheck
{
    public static async Task ThrowIfInsufficientAsync(ISmsGateway gateway, ISmsCampaignSource source, CampaignDefinition campaign, CancellationToken cancellationToken)
    {
        decimal credits = 0;
        long messages = 0;
        for (int window = 0; window < campaign.WindowCount; window++)
        {
            (long offset, int count) = campaign.Slice(window);
            var slice = new List<SmsMessage>(count);
            await foreach (SmsMessage message in source.ReadAsync(campaign.Id, offset, count, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (slice.Count == count)
                {
                    break; // a source yielding more than asked: the extra are never sent, so never charged
                }

                slice.Add(message);
            }

            credits += gateway.Estimate(slice).Credits;
            messages += slice.Count;
        }

        SmsBalance balance = await gateway.GetBalanceAsync(cancellationToken).ConfigureAwait(false);
        if (credits > balance.Credits)
        {
            throw new SmsGatewayException(balance.Provider, SmsErrorCode.InsufficientCredits, string.Create(CultureInfo.InvariantCulture,
                $"Campaign {campaign.Id} needs an estimated {credits} credits for {messages} messages, and the {balance.Provider} balance is {balance.Credits}: nothing was enqueued or sent. Top up, or start it with RequireSufficientBalance = false to send until the credits run out."));
        }
    }
}
