using System.Text;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Synqtel;
using KenyaSms.Synqtel.Wire;
using KenyaSms.Telemetry;
using KenyaSms.Tests.TestSupport;

namespace KenyaSms.Tests.Synqtel;

public sealed class SynqtelResponseReaderTests
{
    [Fact]
    public void ReadSingle_ReferenceSuccess_ReadsEveryField()
    {
        SynqtelSingleReply reply = SynqtelResponseReader.ReadSingle(FixtureFiles.Read("Synqtel/sendsms-success.json"));

        Assert.Equal(new SynqtelSingleReply("1000", "Success", "8738598", "+254722310558", "1", 0.75m, 9871m), reply);
    }

    [Fact]
    public void ReadSingle_ReferenceError_ReadsZeroAndBlanksAsNull()
    {
        SynqtelSingleReply reply = SynqtelResponseReader.ReadSingle(FixtureFiles.Read("Synqtel/sendsms-error.json"));

        Assert.Equal(new SynqtelSingleReply("1001", "Invalid short code", null, "+254722310558", null, null, null), reply);
    }

    [Fact]
    public void ReadSingle_UnwrappedObjectWithSwappedNumberKinds_ReadsTheSameValues()
    {
        SynqtelSingleReply reply = SynqtelResponseReader.ReadSingle(FixtureFiles.Read("Synqtel/sendsms-object-numbers.json"));

        Assert.Equal(new SynqtelSingleReply("1000", "Success", "8738598", "+254722310558", "1", 0.75m, -10615m), reply);
    }

    [Theory]
    [InlineData("""[{"status_code":"1003","message_id":0}]""", null)]
    [InlineData("""[{"status_code":"1003","message_id":""}]""", null)]
    [InlineData("""[{"status_code":"1003","message_id":" 0 "}]""", null)]
    [InlineData("""[{"status_code":"1003","message_id":false}]""", null)]
    [InlineData("""[{"status_code":"1000","message_id":"abc-1"}]""", "abc-1")]
    [InlineData("""[{"status_code":"1000","message_id":12345678901234567890}]""", "12345678901234567890")]
    public void ReadSingle_MessageIdVariants_ZeroAndBlankMeanNone(string json, string? messageId) =>
        Assert.Equal(messageId, SynqtelResponseReader.ReadSingle(Encoding.UTF8.GetBytes(json)).MessageId);

    [Theory]
    [InlineData("""{"status_desc":"Success"}""", null, "Success")]
    [InlineData("""{"STATUS_CODE":1000}""", "1000", null)]
    [InlineData("""{"status_code":"  1005 ","status_desc":"Internal system error"}""", "1005", "Internal system error")]
    public void ReadSingle_PartialStatus_ReadsWhatIsThere(string json, string? code, string? desc)
    {
        SynqtelSingleReply reply = SynqtelResponseReader.ReadSingle(Encoding.UTF8.GetBytes(json));

        Assert.Equal((code, desc), (reply.StatusCode, reply.StatusDesc));
    }

    [Theory]
    [InlineData("""{"message_id":8738598,"mobile_number":"+254722310558"}""")]
    [InlineData("""{"status_code":"","status_desc":""}""")]
    [InlineData("""[[{"status_code":"1000"}]]""")]
    public void ReadSingle_NoStatus_ThrowsInvalidProviderResponse(string json) =>
        Assert.Throws<InvalidProviderResponseException>(() => SynqtelResponseReader.ReadSingle(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void ReadMultiple_ReferenceSuccess_ReadsEveryScheduleEntry()
    {
        SynqtelMultipleReply reply = SynqtelResponseReader.ReadMultiple(FixtureFiles.Read("Synqtel/sendmultiple-success.json"));

        Assert.Equal(("1000", "Success", -10615m), (reply.StatusCode, reply.StatusDesc, reply.CreditBalance));
        Assert.Equal(
            [
                new SynqtelScheduleReply("335951830", "60970", "+254722310558", "1", "Success", "1", 1m),
                new SynqtelScheduleReply("335951831", "64871", "254705941419", "1", "Success", "1", 1m),
            ],
            reply.Details);
    }

    [Fact]
    public void ReadMultiple_ArrayWrappedWithStrings_ReadsNumbersAndNones()
    {
        SynqtelMultipleReply reply = SynqtelResponseReader.ReadMultiple(FixtureFiles.Read("Synqtel/sendmultiple-array-strings.json"));

        Assert.Equal(("1000", "Success", 9871.5m), (reply.StatusCode, reply.StatusDesc, reply.CreditBalance));
        Assert.Equal(
            [
                new SynqtelScheduleReply("335951830", "INV-6481", "+254722310558", "1", "Success", "1", 0.80m),
                new SynqtelScheduleReply(null, null, "254705941419", "3", "Invalid mobile number", null, null),
            ],
            reply.Details);
    }

    [Fact]
    public void ReadMultiple_ErrorWithoutScheduleDetails_ReadsEmptyDetails()
    {
        SynqtelMultipleReply reply = SynqtelResponseReader.ReadMultiple(FixtureFiles.Read("Synqtel/sendmultiple-error.json"));

        Assert.Equal(("1004", "Low bulk credits", (decimal?)null), (reply.StatusCode, reply.StatusDesc, reply.CreditBalance));
        Assert.Empty(reply.Details);
    }

    [Theory]
    [InlineData("""{"status_code":1000,"schedule_details":{"message_id":1}}""")]
    [InlineData("""{"status_code":1000,"schedule_details":[{"message_id":1},"x"]}""")]
    [InlineData("""{"schedule_details":[{"message_id":1}]}""")]
    public void ReadMultiple_MeaninglessShape_ThrowsInvalidProviderResponse(string json) =>
        Assert.Throws<InvalidProviderResponseException>(() => SynqtelResponseReader.ReadMultiple(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("Synqtel/getbalance.json", "1000", "Success", "9871")]
    [InlineData("Synqtel/getbalance-array-number.json", "1000", "Success", "-10615")]
    [InlineData("Synqtel/getbalance-error.json", "1013", "Invalid API Key", null)]
    [InlineData("Synqtel/getbalance-plain.json", null, null, "9871.50")]
    public void ReadBalance_Fixture_ReadsStatusAndBalance(string fixture, string? code, string? desc, string? balance)
    {
        SynqtelBalanceReply reply = SynqtelResponseReader.ReadBalance(FixtureFiles.Read(fixture));

        Assert.Equal(new SynqtelBalanceReply(code, desc, Decimal(balance)), reply);
    }

    [Theory]
    [InlineData("9871", "9871")]
    [InlineData("\"9871\"", "9871")]
    [InlineData("9871.50\n", "9871.50")]
    [InlineData("[9871]", "9871")]
    [InlineData(" -10615.0000 ", "-10615.0000")]
    [InlineData("""{"balance":"12.5"}""", "12.5")]
    [InlineData("""{"credit_balance":12.5}""", "12.5")]
    public void ReadBalance_BareValueOrBalanceOnly_ReadsBalance(string body, string balance) =>
        Assert.Equal(Decimal(balance), SynqtelResponseReader.ReadBalance(Encoding.UTF8.GetBytes(body)).CreditBalance);

    [Theory]
    [InlineData("Invalid API Key")]
    [InlineData("\"Invalid API Key\"")]
    [InlineData("\"\"")]
    [InlineData("1e400")]
    [InlineData("""{"credit_balance":""}""")]
    [InlineData("""{"credit_balance":"n/a","status_code":""}""")]
    public void ReadBalance_NoBalanceAndNoStatus_ThrowsInvalidProviderResponse(string body) =>
        Assert.Throws<InvalidProviderResponseException>(() => SynqtelResponseReader.ReadBalance(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("Synqtel/mobile.json", "1000", "Success", "+254712244243", "1")]
    [InlineData("Synqtel/mobile-object-mobile.json", "1000", "Success", "254712244243", "2")]
    [InlineData("Synqtel/mobile-error.json", "1003", "Invalid mobile number", "712", null)]
    [InlineData("Synqtel/mobile-plain.json", null, null, "+254712244243", null)]
    public void ReadLookup_Fixture_ReadsMobileAndNetwork(string fixture, string? code, string? desc, string? mobile, string? network)
    {
        SynqtelLookupReply reply = SynqtelResponseReader.ReadLookup(FixtureFiles.Read(fixture));

        Assert.Equal(new SynqtelLookupReply(code, desc, mobile, network), reply);
    }

    [Theory]
    [InlineData("254712244243", "254712244243")]
    [InlineData("""{"mobile_number":"+254712244243"}""", "+254712244243")]
    [InlineData("""{"network_id":"1","mobile":"0712244243","mobile_number":""}""", "0712244243")]
    public void ReadLookup_WithoutStatus_ReadsMobile(string body, string mobile) =>
        Assert.Equal(mobile, SynqtelResponseReader.ReadLookup(Encoding.UTF8.GetBytes(body)).Mobile);

    [Theory]
    [InlineData("\"Invalid API Key\"")]
    [InlineData("\"+\"")]
    [InlineData("-1")]
    [InlineData("""{"mobile_number":"","network_id":""}""")]
    public void ReadLookup_NothingToRead_ThrowsInvalidProviderResponse(string body) =>
        Assert.Throws<InvalidProviderResponseException>(() => SynqtelResponseReader.ReadLookup(Encoding.UTF8.GetBytes(body)));

    private static decimal? Decimal(string? value) =>
        value is null ? null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
