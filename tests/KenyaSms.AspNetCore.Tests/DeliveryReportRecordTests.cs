using System.Text;
using System.Text.Json.Nodes;

namespace KenyaSms.AspNetCore.Tests;

public sealed class DeliveryReportRecordTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // One report handled, then is a second one news? Descriptions as Synqtel sends them (null: none, status "7").
    [Theory]
    [InlineData("DeliveredToNetwork", "DeliveredToTerminal", true)]
    [InlineData("DeliveredToNetwork", "DeliveredToNetwork", false)]
    [InlineData("DeliveredToNetwork", "MessageWaiting", true)] // same status, other raw value
    [InlineData("DeliveredToNetwork", "SomethingNew", false)] // Unknown ranks below Submitted
    [InlineData("SomethingNew", "SomethingElse", true)]
    [InlineData("SomethingNew", null, true)]
    [InlineData("SomethingNew", "DeliveredToNetwork", true)]
    [InlineData("DeliveredToTerminal", "AbsentSubscriber", false)]
    [InlineData("DeliveredToTerminal", "DeliveredToNetwork", false)]
    [InlineData("AbsentSubscriber", "DeliveredToTerminal", true)]
    [InlineData("AbsentSubscriber", "Expired", false)]
    [InlineData("AbsentSubscriber", "UserInBlacklist", false)]
    [InlineData("Expired", "DeliveredToTerminal", true)]
    [InlineData("DeliveryImpossible", "DeliveredToTerminal", false)]
    [InlineData("UserInBlacklist", "DeliveredToTerminal", false)]
    public void IsNew_AfterOneHandledReport_FollowsTheOrder(string? first, string? second, bool isNew)
    {
        DeliveryReportRecord record = Handled(DeliveryReportRecord.Empty, Report(first));

        Assert.Equal(isNew, IsNew(record, Report(second)));
    }

    [Fact]
    public void HandledAs_ManyRawValuesInOneStep_RemembersTheLastEight()
    {
        DeliveryReportRecord record = DeliveryReportRecord.Empty;
        for (int i = 0; i < 9; i++)
        {
            record = Handled(record, Report($"Unknown{i}"));
        }

        Assert.Equal(8, record.Keys.Count);
        Assert.True(IsNew(record, Report("Unknown0")));
        Assert.False(IsNew(record, Report("Unknown1")));
        Assert.False(IsNew(record, Report("Unknown8")));
    }

    [Fact]
    public void ToString_ThenParse_GivesTheSameRecord()
    {
        DeliveryReportRecord record = Handled(Handled(DeliveryReportRecord.Empty, Report("A")), Report("B")).Claimed("c1", Now);

        DeliveryReportRecord read = DeliveryReportRecord.Parse(record.ToString());

        Assert.Equal(record.ToString(), read.ToString());
        Assert.Equal((DeliveryStep.Unknown, "c1", 2), (read.Handled, read.Claim, read.Keys.Count));
        Assert.True(read.ToString().Length < 300);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2|1||x|0")]
    [InlineData("1|9|||0")]
    [InlineData("1|-1|||0")]
    [InlineData("1|1||")]
    [InlineData("1|1|||later")]
    public void Parse_NoneOrUnreadable_IsEmpty(string? text) => Assert.Same(DeliveryReportRecord.Empty, DeliveryReportRecord.Parse(text));

    [Fact]
    public void IsClaimed_UntilTheLeaseEnds()
    {
        DeliveryReportRecord record = DeliveryReportRecord.Empty.Claimed("c1", Now.AddMinutes(1));

        Assert.True(record.IsClaimed(Now.AddMinutes(1).AddMilliseconds(-1)));
        Assert.False(record.IsClaimed(Now.AddMinutes(1)));
        Assert.False(record.Released().IsClaimed(Now));
    }

    [Fact]
    public void KeyOf_DescriptionMissingOrEmpty_AreDifferentKeys() =>
        Assert.NotEqual(
            DeliveryReportRecord.KeyOf(new DeliveryReport("synqtel", "1", "+254722123456", DeliveryStatus.Unknown, "7")),
            DeliveryReportRecord.KeyOf(new DeliveryReport("synqtel", "1", "+254722123456", DeliveryStatus.Unknown, "7", "")));

    private static DeliveryReportRecord Handled(DeliveryReportRecord record, DeliveryReport report) =>
        record.HandledAs(DeliveryStatusOrder.Step(report), DeliveryReportRecord.KeyOf(report));

    private static bool IsNew(DeliveryReportRecord record, DeliveryReport report) =>
        record.IsNew(DeliveryStatusOrder.Step(report), report.Status, DeliveryReportRecord.KeyOf(report));

    // As the endpoint reads it (dlrStatus 7 is undocumented, so the description decides).
    private static DeliveryReport Report(string? description)
    {
        var body = new JsonObject { ["messageId"] = "1", ["dlrStatus"] = "7", ["destaddr"] = "254722123456", ["dlrDesc"] = description };
        Assert.True(DeliveryReportParser.TryParse("synqtel", Encoding.UTF8.GetBytes(body.ToJsonString()), out DeliveryReport? report));
        return report;
    }
}
