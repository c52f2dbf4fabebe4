using System.Reflection;
using KenyaSms.Campaigns;

namespace KenyaSms.Hangfire.Tests;

public class CampaignKeysTests
{
    [Fact]
    public void Keyed_MessageWithoutKey_GetsTheCampaignKeyAndKeepsEveryOtherProperty()
    {
        var message = new SmsMessage(["0722000001", "0733000002"], "Your OTP is 1234")
        {
            SenderId = "ACME",
            ClientReference = "ref-7",
            BypassSuppression = true,
        };

        SmsMessage keyed = CampaignKeys.Keyed(message, "agm-2026", 41);

        Assert.Equal("agm-2026:41", keyed.IdempotencyKey);
        // Every public property but the key is the caller's: a property added to SmsMessage and not copied fails here.
        foreach (PropertyInfo property in typeof(SmsMessage).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != nameof(SmsMessage.IdempotencyKey)))
        {
            Assert.Equal(property.GetValue(message), property.GetValue(keyed));
        }
    }

    [Fact]
    public void Keyed_MessageWithItsOwnKey_IsKeptAsItIs()
    {
        var message = new SmsMessage("0722000001", "Hello") { IdempotencyKey = "source-key-1" };

        Assert.Same(message, CampaignKeys.Keyed(message, "agm-2026", 0));
    }
}
