using System.Text;
using KenyaSms.AfricasTalking;
using KenyaSms.AfricasTalking.Wire;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.Tests.AfricasTalking;

// The reference's recorded and documented answers (Fixtures/AfricasTalking), quirks included.
public class AfricasTalkingResponseReaderTests
{
    [Fact]
    public void ReadSend_RecordedSandboxAnswer_QueuedRecipientWithIdAndCost()
    {
        AfricasTalkingSendReply reply = AfricasTalkingResponseReader.ReadSend(TestPaths.FixtureBytes("AfricasTalking/messaging-recorded-enqueue.json"));

        Assert.Equal("Sent to 1/1 Total Cost: KES 0.8000", reply.Message);
        Assert.Null(reply.RequestRefusal);
        AfricasTalkingRecipientReply recipient = Assert.Single(reply.Recipients);
        Assert.Equal(
            new AfricasTalkingRecipientReply("+254700072929", "102", "Success", 0.8m, "KES", "ATXid_441680e2a7160fa1126b560364972405", null),
            recipient);
    }

    [Fact]
    public void ReadSend_BatchWithOneRefused_NoneIdIsNullZeroCostHasNoCurrency()
    {
        AfricasTalkingSendReply reply = AfricasTalkingResponseReader.ReadSend(TestPaths.FixtureBytes("AfricasTalking/messaging-one-refused.json"));

        Assert.Equal(3, reply.Recipients.Count);
        Assert.Equal(new AfricasTalkingRecipientReply("+254711000111", "101", "Success", 0.8m, "KES", "ATXid_3c8b6f0a2e4d4a1f9b0e2c7d5a6b4e31", 1), reply.Recipients[0]);
        Assert.Equal(new AfricasTalkingRecipientReply("+25471100", "403", "InvalidPhoneNumber", 0m, null, null, null), reply.Recipients[2]);
    }

    [Fact]
    public void ReadSend_RecordedInvalidSenderId_IsARequestRefusalNotSentToNobody()
    {
        AfricasTalkingSendReply reply = AfricasTalkingResponseReader.ReadSend(TestPaths.FixtureBytes("AfricasTalking/messaging-invalid-sender-id.json"));

        Assert.Empty(reply.Recipients);
        Assert.Equal("InvalidSenderId", reply.RequestRefusal);
    }

    [Theory]
    [InlineData("""{"SMSMessageData":{"Message":"x","Recipients":[{"statusCode":"101","number":"+254722000001","status":"Success","cost":"KES 1.6000","messageId":"ATXid_1","messageParts":"2"}]}}""", "101", 1.6, "ATXid_1", 2)]
    [InlineData("""{"smsmessagedata":{"recipients":[{"statuscode":101,"number":"+254722000001","cost":"0.8","messageid":""}]}}""", "101", 0.8, null, null)]
    [InlineData("""{"SMSMessageData":{"Recipients":[{"statusCode":101,"number":"+254722000001","cost":"USD abc","messageId":null}]}}""", "101", null, null, null)]
    [InlineData("""{"SMSMessageData":{"Recipients":[{"statusCode":101,"number":"+254722000001","messageId":"none"}]}}""", "101", null, null, null)]
    public void ReadSend_Variants_StatusCodeAsStringCaseOfNamesIdsAndCosts(string json, string code, double? cost, string? id, int? parts)
    {
        AfricasTalkingRecipientReply recipient = Assert.Single(AfricasTalkingResponseReader.ReadSend(Encoding.UTF8.GetBytes(json)).Recipients);

        Assert.Equal((code, cost is null ? null : (decimal?)(decimal)cost.Value, id, parts), (recipient.StatusCode, recipient.Cost, recipient.MessageId, recipient.MessageParts));
    }

    [Theory]
    [InlineData("""{"SMSMessageData":{"Message":"Sent to 0/0 Total Cost: 0"}}""")]
    [InlineData("""{"SMSMessageData":{"Message":"x","Recipients":{}}}""")]
    [InlineData("""{"Recipients":[]}""")]
    [InlineData("""{"SMSMessageData":"Sent"}""")]
    [InlineData("""{"SMSMessageData":{"Recipients":[1]}}""")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("")]
    public void ReadSend_NoRecipientsArrayOrNotJson_IsUnreadableNeverEmptySuccess(string body)
    {
        Assert.Throws<InvalidProviderResponseException>(() => AfricasTalkingResponseReader.ReadSend(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void ReadBalance_RecordedAnswer_MoneyWithCurrency()
    {
        AfricasTalkingBalanceReply balance = AfricasTalkingResponseReader.ReadBalance(TestPaths.FixtureBytes("AfricasTalking/user.json"));

        Assert.Equal(new AfricasTalkingBalanceReply(238747053.1747m, "KES"), balance);
    }

    [Theory]
    [InlineData("""{"userData":{"balance":"KES 12.5000"}}""", 12.5)]
    [InlineData("""{"UserData":{"balance":"UGX 1000"}}""", 1000)]
    public void ReadBalance_DocsSpellingAndOtherCurrency_Read(string json, double amount)
    {
        Assert.Equal((decimal)amount, AfricasTalkingResponseReader.ReadBalance(Encoding.UTF8.GetBytes(json)).Amount);
    }

    [Theory]
    [InlineData("""{"UserData":{}}""")]
    [InlineData("""{"UserData":{"balance":"KES"}}""")]
    [InlineData("""{"balance":"KES 1.0000"}""")]
    [InlineData("The supplied authentication is invalid")]
    public void ReadBalance_NoAmount_IsUnreadable(string body)
    {
        Assert.Throws<InvalidProviderResponseException>(() => AfricasTalkingResponseReader.ReadBalance(Encoding.UTF8.GetBytes(body)));
    }
}
