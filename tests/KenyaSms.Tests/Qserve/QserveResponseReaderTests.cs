using System.Text;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Qserve;
using KenyaSms.Qserve.Wire;
using KenyaSms.Sending;
using KenyaSms.Telemetry;
using KenyaSms.Tests.TestSupport;

namespace KenyaSms.Tests.Qserve;

public sealed class QserveResponseReaderTests
{
    [Theory]
    [InlineData("Qserve/sendsms-success.json", "8823")]                  // the reference example, with its // comment
    [InlineData("Qserve/sendsms-success-object-strings.json", "8822.50")] // unwrapped, numbers as strings and back
    public void ReadSend_SuccessResponse_ReadsStatusBalanceAndUnswappedRecipients(string fixture, string balance)
    {
        QserveSendReply reply = QserveResponseReader.ReadSend(FixtureFiles.Read(fixture));

        Assert.Equal("101", reply.StatusCode);
        Assert.Equal("Success", reply.StatusMessage);
        Assert.Equal(decimal.Parse(balance, System.Globalization.CultureInfo.InvariantCulture), reply.Balance);
        Assert.Equal(2, reply.RecipientsCount);
        Assert.Equal(
            [new QserveRecipientReply("25472256565", "2", "Successfully Sent"), new QserveRecipientReply("254722998999", "2", "Successfully Sent")],
            reply.Recipients);
    }

    [Theory]
    [InlineData("Qserve/sendsms-error.json", "X001", "Unknown or unvalid secret_key")]
    [InlineData("Qserve/sendsms-error-swapped.json", "x003", "Unknown or unvalid user token")]
    public void ReadSend_ErrorResponse_ReadsCodeWhicheverFieldHoldsItAndNoRecipients(string fixture, string code, string message)
    {
        QserveSendReply reply = QserveResponseReader.ReadSend(FixtureFiles.Read(fixture));

        Assert.Equal(code, reply.StatusCode);
        Assert.Equal(message, reply.StatusMessage);
        Assert.Null(reply.Balance);
        Assert.Null(reply.RecipientsCount);
        Assert.Empty(reply.Recipients);
    }

    [Theory]
    [InlineData("""{"statusCode":"Success","statusMessage":"Sent"}""", "Success", "Sent")]     // neither looks like a code: as named
    [InlineData("""{"statusCode":"101","statusMessage":"2"}""", "101", "2")]                 // both do: as named
    [InlineData("""{"statusCode":"Failed","statusMessage":-1}""", "-1", "Failed")]
    [InlineData("""{"statusCode":"","statusMessage":"X002"}""", "X002", null)]
    [InlineData("""{"statusCode":"X0001","statusMessage":"x"}""", "X0001", "x")]             // X and four digits is no code
    [InlineData("""{"STATUSCODE":101,"statusmessage":"Success"}""", "101", "Success")]
    [InlineData("""{"statusCode":" 101 ","statusMessage":{"text":"Success"}}""", "101", null)]
    public void ReadSend_StatusFields_CodeIsTheValueThatLooksLikeOne(string json, string? code, string? message)
    {
        QserveSendReply reply = QserveResponseReader.ReadSend(Encoding.UTF8.GetBytes(json));

        Assert.Equal(code, reply.StatusCode);
        Assert.Equal(message, reply.StatusMessage);
    }

    [Theory]
    [InlineData("""{"statusCode":101,"Balance":""}""", null)]
    [InlineData("""{"statusCode":101,"Balance":true}""", null)]
    [InlineData("""{"statusCode":101,"Balance":"n/a"}""", null)]
    [InlineData("""{"statusCode":101,"Balance":1e400}""", null)]
    [InlineData("""{"statusCode":101,"Balance":"-12.5"}""", "-12.5")]
    [InlineData("""{"statusCode":101,"BALANCE":12.25}""", "12.25")]
    public void ReadSend_BalanceVariants_ReadsNumberOrNull(string json, string? balance)
    {
        QserveSendReply reply = QserveResponseReader.ReadSend(Encoding.UTF8.GetBytes(json));

        Assert.Equal(balance is null ? null : decimal.Parse(balance, System.Globalization.CultureInfo.InvariantCulture), reply.Balance);
    }

    [Theory]
    [InlineData("""{"statusCode":101,"recipientsCount":"2.5"}""")]
    [InlineData("""{"statusCode":101,"recipientsCount":99999999999}""")]
    [InlineData("""{"statusCode":101,"recipientsCount":[2]}""")]
    public void ReadSend_RecipientsCountNotAnInt_IsNull(string json) =>
        Assert.Null(QserveResponseReader.ReadSend(Encoding.UTF8.GetBytes(json)).RecipientsCount);

    [Theory]
    [InlineData("""{"statusCode":101,"messageDetails":null}""")]
    [InlineData("""{"statusCode":101,"messageDetails":""}""")]
    [InlineData("""{"statusCode":101,"messageDetails":[]}""")]
    public void ReadSend_NoMessageDetails_ReadsEmptyRecipients(string json) =>
        Assert.Empty(QserveResponseReader.ReadSend(Encoding.UTF8.GetBytes(json)).Recipients);

    [Theory]
    [InlineData("""{"statusCode":101,"messageDetails":{"recipient":"254722123456"}}""")]
    [InlineData("""{"statusCode":101,"messageDetails":"254722123456"}""")]
    [InlineData("""{"statusCode":101,"messageDetails":[{"recipient":"254722123456"},2]}""")]
    [InlineData("""[{"statusCode":101},{"statusCode":101}]""")]
    [InlineData("""{"statusMessage":null,"Balance":100,"messageDetails":[]}""")]
    public void ReadSend_MeaninglessShape_ThrowsInvalidProviderResponse(string json) =>
        Assert.Throws<InvalidProviderResponseException>(() => QserveResponseReader.ReadSend(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void ReadSend_RecipientEntryWithoutFields_ReadsNulls()
    {
        QserveSendReply reply = QserveResponseReader.ReadSend("""[{"statusCode":101,"messageDetails":[{}]}]"""u8);

        Assert.Equal([new QserveRecipientReply(null, null, null)], reply.Recipients);
    }

    [Fact]
    public void ReadCredits_ReferenceExample_ReadsCreditsAsDecimal()
    {
        QserveCreditsReply reply = QserveResponseReader.ReadCredits(FixtureFiles.Read("Qserve/credits.json"));

        Assert.Equal(new QserveCreditsReply("101", null, 345m), reply);
    }

    [Fact]
    public void ReadCredits_UnwrappedObjectWithNumberAndBlankMessage_ReadsCredits()
    {
        QserveCreditsReply reply = QserveResponseReader.ReadCredits(FixtureFiles.Read("Qserve/credits-object-number.json"));

        Assert.Equal(new QserveCreditsReply("101", null, 345.75m), reply);
    }

    [Fact]
    public void ReadCredits_SwappedErrorResponse_ReadsCodeAndNoCredits()
    {
        QserveCreditsReply reply = QserveResponseReader.ReadCredits(FixtureFiles.Read("Qserve/credits-error-swapped.json"));

        Assert.Equal(new QserveCreditsReply("X000", "Some parameters are missing", null), reply);
    }

    [Fact]
    public void ReadCredits_CreditsWithoutStatus_ReadsCredits() =>
        Assert.Equal(new QserveCreditsReply(null, null, 12m), QserveResponseReader.ReadCredits("""{"credits":"12"}"""u8));

    [Theory]
    [InlineData("""{"credits":""}""")]
    [InlineData("""{"credits":"lots"}""")]
    [InlineData("""[{"recipientsCount":2}]""")]
    public void ReadCredits_NoStatusAndNoCredits_ThrowsInvalidProviderResponse(string json)
    {
        var ex = Assert.Throws<InvalidProviderResponseException>(() => QserveResponseReader.ReadCredits(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("statusCode", ex.Reason, StringComparison.Ordinal);
    }
}
