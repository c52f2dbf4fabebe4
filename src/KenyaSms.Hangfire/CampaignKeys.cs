using System.Globalization;

namespace KenyaSms.Campaigns;

/// <summary>The idempotency key a campaign gives a message that has none: <c>"{campaignId}:{offset + i}"</c> (api.md 8c).</summary>
internal static class CampaignKeys
{
    /// <summary>
    /// <paramref name="message"/> itself when it has a key (a source whose order can change sets its own), otherwise a copy
    /// with the key and every other init property of <see cref="SmsMessage"/> (a test fails when one is added and not copied).
    /// </summary>
    public static SmsMessage Keyed(SmsMessage message, string campaignId, long index) => message is null || message.IdempotencyKey is not null
        ? message!
        : new SmsMessage(message.To, message.Text)
        {
            SenderId = message.SenderId,
            ClientReference = message.ClientReference,
            BypassSuppression = message.BypassSuppression,
            IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"{campaignId}:{index}"),
        };
}
