using KenyaSms.Synqtel.Wire;

namespace KenyaSms.Tests.Synqtel;

/// <summary>The wire records' ToString (what a debugger, an assertion message or a careless log shows) holds no number and no text.</summary>
public sealed class SynqtelWireToStringTests
{
    private const string Number = "+254722310558";
    private const string Text = "Your code is 482913";

    public static TheoryData<object> Records() =>
    [
        new SynqtelSendRequest(Number, "json", "MYCO", 7, Text),
        new SynqtelMultipleItem(Number, Text, "ref-1"),
        new SynqtelSendMultipleRequest(7, "MYCO", [new SynqtelMultipleItem(Number, Text, "ref-1")]),
        new SynqtelSingleReply("1000", "Success", "8738598", Number, "1", 1m, 9m),
        new SynqtelScheduleReply("8738598", "ref-1", Number, "1", "Success", "1", 1m),
        new SynqtelLookupReply("1000", "Success", Number, "1"),
    ];

    [Theory]
    [MemberData(nameof(Records))]
    public void ToString_WireRecord_HasNeitherNumberNorText(object record)
    {
        string text = record.ToString()!;

        Assert.DoesNotContain("722310558", text, StringComparison.Ordinal);
        Assert.DoesNotContain("482913", text, StringComparison.Ordinal);
        Assert.StartsWith(record.GetType().Name, text, StringComparison.Ordinal);
    }
}
