using System.Text;
using System.Text.Json.Nodes;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;

namespace KenyaSms.Tests.DeliveryReports;

public sealed class DeliveryReportParserTests
{
    private const string Fixture = "Synqtel/delivery-report.json";

    [Fact]
    public void Fixture_IsTheReferenceExampleVerbatim()
    {
        string reference = SharedDataFiles.Reference("synqtel-api.txt");
        int example = reference.IndexOf("Example Delivery Report", StringComparison.Ordinal);
        int start = reference.IndexOf("--data-raw '", example, StringComparison.Ordinal) + "--data-raw '".Length;
        int end = reference.IndexOf('\'', start);

        Assert.Equal(reference[start..end].ReplaceLineEndings("\n"), TestPaths.Fixture(Fixture).TrimEnd().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TryParse_ReferenceExample_ReadsEveryField()
    {
        Assert.True(DeliveryReportParser.TryParse("synqtel", FixtureFiles.Read(Fixture), out DeliveryReport? report));

        Assert.Equal("synqtel", report.Provider);
        Assert.Equal("27312989", report.MessageId);
        Assert.Equal("+254767209917", report.PhoneNumber);
        Assert.Equal(DeliveryStatus.Delivered, report.Status);
        Assert.Equal("1", report.ProviderStatus);
        Assert.Equal("DeliveredToTerminal", report.ProviderDescription);
        Assert.Equal("118", report.SenderId);
        Assert.Equal(MobileNetwork.Safaricom, report.Network);
    }

    [Fact]
    public void TryParse_ReferenceExample_ReadsDlrTimeAsEastAfricaTime()
    {
        Assert.True(DeliveryReportParser.TryParse("synqtel", FixtureFiles.Read(Fixture), out DeliveryReport? report));

        Assert.Equal(new DateTimeOffset(2022, 2, 22, 11, 46, 42, TimeSpan.FromHours(3)), report.DeliveredAt);
        Assert.Equal(TimeSpan.FromHours(3), report.DeliveredAt!.Value.Offset);
        Assert.Equal(new DateTime(2022, 2, 22, 8, 46, 42, DateTimeKind.Utc), report.DeliveredAt.Value.UtcDateTime);
    }

    [Theory]
    [InlineData("SYNQTEL")]
    [InlineData("Synqtel")]
    public void TryParse_ProviderInAnyCase_Reads(string provider)
    {
        Assert.True(DeliveryReportParser.TryParse(provider, FixtureFiles.Read(Fixture), out DeliveryReport? report));
        Assert.Equal("synqtel", report.Provider);
    }

    [Theory]
    [InlineData("qserve")]
    [InlineData("")]
    [InlineData(" synqtel")]
    [InlineData("synqtel2")]
    [InlineData(null)]
    public void TryParse_UnsupportedProvider_ReturnsFalse(string? provider)
    {
        Assert.False(DeliveryReportParser.TryParse(provider!, FixtureFiles.Read(Fixture), out DeliveryReport? report));
        Assert.Null(report);
    }

    // dlrDesc decides; every description of the issue, in the spellings a gateway may use.
    [Theory]
    [InlineData("DeliveredToTerminal", DeliveryStatus.Delivered)]
    [InlineData("deliveredtoterminal", DeliveryStatus.Delivered)]
    [InlineData("Delivered To Terminal", DeliveryStatus.Delivered)]
    [InlineData("DELIVERED_TO_TERMINAL", DeliveryStatus.Delivered)]
    [InlineData("  DeliveredToTerminal  ", DeliveryStatus.Delivered)]
    [InlineData("Delivered", DeliveryStatus.Delivered)]
    [InlineData("DELIVRD", DeliveryStatus.Delivered)]
    [InlineData("DeliveredToNetwork", DeliveryStatus.Submitted)]
    [InlineData("Delivered-To-Network", DeliveryStatus.Submitted)]
    [InlineData("MessageWaiting", DeliveryStatus.Submitted)]
    [InlineData("Message Waiting", DeliveryStatus.Submitted)]
    [InlineData("Submitted", DeliveryStatus.Submitted)]
    [InlineData("Sent", DeliveryStatus.Submitted)]
    [InlineData("SENT", DeliveryStatus.Submitted)]
    [InlineData("ENROUTE", DeliveryStatus.Submitted)]
    [InlineData("DeliveryImpossible", DeliveryStatus.Failed)]
    [InlineData("AbsentSubscriber", DeliveryStatus.Failed)]
    [InlineData("Absent Subscriber", DeliveryStatus.Failed)]
    [InlineData("UNDELIV", DeliveryStatus.Failed)]
    [InlineData("Failed", DeliveryStatus.Failed)]
    [InlineData("UserInBlacklist", DeliveryStatus.Rejected)]
    [InlineData("SenderName Blacklisted", DeliveryStatus.Rejected)]
    [InlineData("SenderNameBlacklisted", DeliveryStatus.Rejected)]
    [InlineData("Sender Name Blacklisted", DeliveryStatus.Rejected)]
    [InlineData("InsufficientBalance", DeliveryStatus.Rejected)]
    [InlineData("REJECTD", DeliveryStatus.Rejected)]
    [InlineData("Expired", DeliveryStatus.Expired)]
    [InlineData("EXPIRED", DeliveryStatus.Expired)]
    [InlineData("SomethingNew", DeliveryStatus.Unknown)]
    [InlineData("Delivered!", DeliveryStatus.Unknown)]
    [InlineData("DeliveredToTerminalDeliveredToTerminalDeliveredToTerminalDeliveredToTerminal", DeliveryStatus.Unknown)]
    [InlineData("Dеlivered", DeliveryStatus.Unknown)] // Cyrillic "е": not the ASCII word
    [InlineData("UNKNOWN", DeliveryStatus.Unknown)]
    public void TryParse_Description_MapsStatus(string description, DeliveryStatus expected)
    {
        DeliveryReport report = Parse(With(("dlrDesc", description), ("dlrStatus", "7")));

        Assert.Equal(expected, report.Status);
        Assert.Equal(description.Trim(), report.ProviderDescription);
        Assert.Equal("7", report.ProviderStatus);
    }

    [Fact]
    public void TryParse_DescriptionDisagreesWithStatusNumber_DescriptionWins() =>
        Assert.Equal(DeliveryStatus.Failed, Parse(With(("dlrDesc", "AbsentSubscriber"), ("dlrStatus", "1"))).Status);

    // Without a known description, only the documented number 1 maps (to Delivered); other numbers are not guessed.
    [Theory]
    [InlineData("\"1\"", DeliveryStatus.Delivered)]
    [InlineData("1", DeliveryStatus.Delivered)]
    [InlineData("\" 1 \"", DeliveryStatus.Delivered)]
    [InlineData("\"2\"", DeliveryStatus.Unknown)]
    [InlineData("0", DeliveryStatus.Unknown)]
    [InlineData("16", DeliveryStatus.Unknown)]
    [InlineData("1.0", DeliveryStatus.Unknown)]
    [InlineData("\"Expired\"", DeliveryStatus.Expired)] // a description sent in dlrStatus is read as one
    public void TryParse_StatusWithoutDescription_MapsOnlyTheDocumentedNumber(string statusJson, DeliveryStatus expected)
    {
        DeliveryReport report = Parse(With(("dlrDesc", null), ("dlrStatus", JsonNode.Parse(statusJson))));

        Assert.Equal(expected, report.Status);
        Assert.Null(report.ProviderDescription);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("\"Pending\"")]
    public void TryParse_UnknownDescriptionFallsBackToStatusNumber(string descriptionJson) =>
        Assert.Equal(DeliveryStatus.Delivered, Parse(With(("dlrDesc", JsonNode.Parse(descriptionJson)), ("dlrStatus", 1))).Status);

    [Fact]
    public void TryParse_NoStatusValue_KeepsEmptyProviderStatus()
    {
        DeliveryReport report = Parse(With(("dlrStatus", null)));

        Assert.Equal(string.Empty, report.ProviderStatus);
        Assert.Equal(DeliveryStatus.Delivered, report.Status);
    }

    [Fact]
    public void TryParse_NumbersAsNumbers_ReadsTheSameAsStrings()
    {
        DeliveryReport strings = Parse(FixtureFiles.Read(Fixture));
        DeliveryReport numbers = Parse(With(("messageId", 27312989), ("dlrStatus", 1), ("tat", "10005"), ("network", 1), ("destaddr", 254767209917), ("sourceaddr", 118)));

        Assert.Equal(strings.ToString(), numbers.ToString());
        Assert.Equal((strings.PhoneNumber, strings.SenderId, strings.Network), (numbers.PhoneNumber, numbers.SenderId, numbers.Network));
    }

    [Fact]
    public void TryParse_OnlyRequiredFields_ReadsWithNullOptionals()
    {
        DeliveryReport report = Parse("""{"messageId":"5","dlrDesc":"Expired","destaddr":"0722123456"}"""u8.ToArray());

        Assert.Equal(("5", "+254722123456", DeliveryStatus.Expired), (report.MessageId, report.PhoneNumber, report.Status));
        Assert.Null(report.DeliveredAt);
        Assert.Null(report.SenderId);
        Assert.Equal(MobileNetwork.Safaricom, report.Network); // from the prefix
    }

    [Theory]
    [InlineData("messageId")]
    [InlineData("destaddr")]
    public void TryParse_RequiredFieldMissing_ReturnsFalse(string field) =>
        AssertRefused(With((field, null)));

    [Fact]
    public void TryParse_NeitherStatusNorDescription_ReturnsFalse() =>
        AssertRefused(With(("dlrStatus", null), ("dlrDesc", null)));

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("0")]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("123456789012345678901234567890")] // beyond a 64-bit integer
    [InlineData("1e400")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[27312989]")]
    [InlineData("\"27312989; DROP TABLE\"")]
    [InlineData("\"<script>\"")]
    [InlineData("\"\\u0000\"")]
    public void TryParse_UnusableMessageId_ReturnsFalse(string idJson) =>
        AssertRefused(With(("messageId", JsonNode.Parse(idJson))));

    [Theory]
    [InlineData("\"27312989\"", "27312989")]
    [InlineData("27312989", "27312989")]
    [InlineData("\" 27312989 \"", "27312989")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("\"a1b2-c3_d4\"", "a1b2-c3_d4")]
    public void TryParse_MessageIdAsStringOrNumber_ReadsCanonicalText(string idJson, string expected) =>
        Assert.Equal(expected, Parse(With(("messageId", JsonNode.Parse(idJson)))).MessageId);

    [Theory]
    [InlineData("254767209917", "+254767209917")]
    [InlineData("+254767209917", "+254767209917")]
    [InlineData("0767209917", "+254767209917")]
    [InlineData("255767209917", "255767209917")] // Tanzanian: kept as received
    [InlineData("  12345 ", "12345")]
    public void TryParse_Destination_E164WhenValidElseAsReceived(string destaddr, string expected) =>
        Assert.Equal(expected, Parse(With(("destaddr", destaddr))).PhoneNumber);

    [Theory]
    [InlineData("2022-02-22 11:46:42", "2022-02-22T08:46:42Z")]
    [InlineData("2022-02-22T11:46:42", "2022-02-22T08:46:42Z")]
    [InlineData("2022-02-22 11:46:42.250", "2022-02-22T08:46:42.25Z")]
    [InlineData("2022-02-22T08:46:42Z", "2022-02-22T08:46:42Z")]
    [InlineData("2022-02-22 11:46:42+03:00", "2022-02-22T08:46:42Z")]
    [InlineData("2022-01-01 01:00:00", "2021-12-31T22:00:00Z")]
    public void TryParse_DlrTime_ReadsEastAfricaTimeOrTheGivenOffset(string dlrTime, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Parse(With(("dlrTime", dlrTime))).DeliveredAt);

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"0000-00-00 00:00:00\"")]
    [InlineData("\"0001-01-01 00:00:00\"")] // before DateTimeOffset.MinValue once moved to UTC
    [InlineData("\"2022-02-30 11:46:42\"")]
    [InlineData("\"22/02/2022 11:46\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("1645519602")]
    [InlineData("null")]
    [InlineData("[]")]
    public void TryParse_UnreadableDlrTime_ReadsWithNullTime(string timeJson)
    {
        DeliveryReport report = Parse(With(("dlrTime", JsonNode.Parse(timeJson))));

        Assert.Null(report.DeliveredAt);
        Assert.Equal(DeliveryStatus.Delivered, report.Status);
    }

    // The provider's network id first, then the origin name, then the number's prefix.
    [Theory]
    [InlineData("\"1\"", "Safaricom", "254733123456", MobileNetwork.Safaricom)]
    [InlineData("1", "Airtel", "254733123456", MobileNetwork.Safaricom)]
    [InlineData("\"9\"", "Airtel", "254722123456", MobileNetwork.Airtel)]
    [InlineData("null", "airtel kenya", "254722123456", MobileNetwork.Airtel)]
    [InlineData("null", "Telkom", "254722123456", MobileNetwork.Telkom)]
    [InlineData("null", "3", "254722123456", MobileNetwork.Safaricom)] // a number is not a name
    [InlineData("null", "Unknown", "254733123456", MobileNetwork.Airtel)]
    [InlineData("null", "", "254733123456", MobileNetwork.Airtel)]
    [InlineData("null", "Vodacom", "255767209917", MobileNetwork.Unknown)]
    public void TryParse_Network_FromIdThenOriginThenPrefix(string networkJson, string origin, string destaddr, MobileNetwork expected) =>
        Assert.Equal(expected, Parse(With(("network", JsonNode.Parse(networkJson)), ("origin", origin), ("destaddr", destaddr))).Network);

    [Fact]
    public void TryParse_UnknownFieldsAndOddOptionalValues_AreIgnored()
    {
        DeliveryReport report = Parse(With(("tat", "soon"), ("network", new JsonObject()), ("sourceaddr", new JsonArray()), ("extra", 1e300), ("nested", new JsonObject { ["a"] = 1 })));

        Assert.Equal(("27312989", DeliveryStatus.Delivered), (report.MessageId, report.Status));
        Assert.Null(report.SenderId);
    }

    [Fact]
    public void TryParse_FieldNamesInAnyCase_Reads() =>
        Assert.Equal("27312989", Parse("""{"MESSAGEID":"27312989","DlrDesc":"DeliveredToTerminal","DESTADDR":"254767209917"}"""u8.ToArray()).MessageId);

    [Fact]
    public void TryParse_WrappedInOneElementArray_ReadsAsTheProviderWrapsElsewhere() =>
        Assert.Equal("27312989", Parse([(byte)'[', .. FixtureFiles.Read(Fixture), (byte)']']).MessageId);

    [Fact]
    public void TryParse_WithBom_Reads() =>
        Assert.Equal("27312989", Parse([0xEF, 0xBB, 0xBF, .. FixtureFiles.Read(Fixture)]).MessageId);

    public static TheoryData<string> BadBodyNames() => [.. BadBodies.ByName.Keys];

    [Theory]
    [MemberData(nameof(BadBodyNames))]
    public void TryParse_BadBody_ReturnsFalse(string name) => AssertRefused(BadBodies.ByName[name]);

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("""{"messageId":"27312989","dlrDesc":"DeliveredToTerminal","destaddr":"2547""")]
    [InlineData("""{"messageId":"27312989","dlrDesc":"DeliveredToTerminal","destaddr":"254767209917"} trailing""")]
    [InlineData("""[{"messageId":"1","dlrDesc":"Sent","destaddr":"0722123456"},{"messageId":"2","dlrDesc":"Sent","destaddr":"0722123456"}]""")]
    [InlineData("""[[{"messageId":"1","dlrDesc":"Sent","destaddr":"0722123456"}]]""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"messageId":"\uD800","dlrDesc":"Sent","destaddr":"0722123456"}""")]
    [InlineData("""{"messageId":"1","dlrDesc":"\uDC00","destaddr":"\uD800"}""")]
    [InlineData("""messageId=1&dlrDesc=Sent&destaddr=0722123456""")]
    [InlineData("""{"messageId":1e99999,"dlrDesc":"Sent","destaddr":"0722123456"}""")]
    public void TryParse_MalformedReport_ReturnsFalse(string body) => AssertRefused(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void TryParse_DeeplyNestedOptionalField_ReturnsFalse()
    {
        string deep = new string('[', 100) + new string(']', 100);

        AssertRefused(Encoding.UTF8.GetBytes($$"""{"messageId":"1","dlrDesc":"Sent","destaddr":"0722123456","tat":{{deep}}}"""));
    }

    [Fact]
    public void TryParse_InvalidUtf8InAValue_ReturnsFalse() =>
        AssertRefused([.. "{\"messageId\":\"1\",\"dlrDesc\":\"Sent\",\"destaddr\":\"07221"u8, 0xC3, 0x28, .. "\"}"u8]);

    [Fact]
    public void TryParse_EveryTruncationOfTheReference_NeverThrowsAndOnlyTheWholeBodyReads()
    {
        byte[] body = FixtureFiles.Read(Fixture);
        int last = body.AsSpan().TrimEnd("\r\n "u8).Length;

        for (int length = 0; length < last; length++)
        {
            Assert.False(DeliveryReportParser.TryParse("synqtel", body.AsSpan(0, length), out _), $"read {length} of {body.Length} bytes");
        }

        Assert.True(DeliveryReportParser.TryParse("synqtel", body.AsSpan(0, last), out _));
    }

    [Fact]
    public void TryParse_MutatedReference_NeverThrows()
    {
        const int seed = 4_004;
        var random = new Random(seed);
        byte[] original = FixtureFiles.Read(Fixture);
        int read = 0, refused = 0;
        for (int i = 0; i < 3_000; i++)
        {
            byte[] mutated = JsonMutator.Mutate(random, original);
            bool ok = DeliveryReportParser.TryParse("synqtel", mutated, out DeliveryReport? report); // throwing fails the test
            Assert.Equal(ok, report is not null);
            if (ok)
            {
                read++;
            }
            else
            {
                refused++;
            }
        }

        Assert.True(read > 0 && refused > 0, $"seed {seed}: {read} read, {refused} refused");
    }

    private static DeliveryReport Parse(byte[] body)
    {
        Assert.True(DeliveryReportParser.TryParse("synqtel", body, out DeliveryReport? report), Encoding.UTF8.GetString(body));
        return report;
    }

    private static void AssertRefused(byte[] body)
    {
        Assert.False(DeliveryReportParser.TryParse("synqtel", body, out DeliveryReport? report));
        Assert.Null(report);
    }

    // The reference report with some fields replaced (null removes the field).
    private static byte[] With(params (string Name, JsonNode? Value)[] changes)
    {
        JsonObject report = JsonNode.Parse(FixtureFiles.Read(Fixture))!.AsObject();
        foreach ((string name, JsonNode? value) in changes)
        {
            report.Remove(name);
            if (value is not null)
            {
                report[name] = value;
            }
        }

        return Encoding.UTF8.GetBytes(report.ToJsonString());
    }
}
