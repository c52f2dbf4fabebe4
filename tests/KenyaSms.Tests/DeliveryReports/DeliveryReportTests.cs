namespace KenyaSms.Tests.DeliveryReports;

public sealed class DeliveryReportTests
{
    [Fact]
    public void Constructor_AllValues_AreKept()
    {
        var at = new DateTimeOffset(2022, 2, 22, 11, 46, 42, TimeSpan.FromHours(3));

        var report = new DeliveryReport("synqtel", "27312989", "+254767209917", DeliveryStatus.Delivered, "1", "DeliveredToTerminal", at, "118", MobileNetwork.Safaricom);

        Assert.Equal(
            ("synqtel", "27312989", "+254767209917", DeliveryStatus.Delivered, "1", "DeliveredToTerminal", at, "118", MobileNetwork.Safaricom),
            (report.Provider, report.MessageId, report.PhoneNumber, report.Status, report.ProviderStatus, report.ProviderDescription, report.DeliveredAt, report.SenderId, report.Network));
    }

    [Fact]
    public void Constructor_OnlyRequiredValues_LeavesOptionalsEmpty()
    {
        var report = new DeliveryReport("synqtel", "1", "+254722123456", DeliveryStatus.Submitted, "");

        Assert.Equal((null, null, null, MobileNetwork.Unknown), (report.ProviderDescription, report.DeliveredAt, report.SenderId, report.Network));
    }

    [Theory]
    [InlineData(null, "1", "+254722123456", "1", "provider")]
    [InlineData(" ", "1", "+254722123456", "1", "provider")]
    [InlineData("synqtel", null, "+254722123456", "1", "messageId")]
    [InlineData("synqtel", "", "+254722123456", "1", "messageId")]
    [InlineData("synqtel", "1", null, "1", "phoneNumber")]
    [InlineData("synqtel", "1", "+254722123456", null, "providerStatus")]
    public void Constructor_MissingRequiredValue_ThrowsNamingIt(string? provider, string? messageId, string? phoneNumber, string? providerStatus, string parameter)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new DeliveryReport(provider!, messageId!, phoneNumber!, DeliveryStatus.Delivered, providerStatus!));

        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void ToString_MasksThePhoneNumber()
    {
        string text = new DeliveryReport("synqtel", "27312989", "+254767209917", DeliveryStatus.Delivered, "1", "DeliveredToTerminal").ToString();

        Assert.Contains("+2547******17", text, StringComparison.Ordinal);
        Assert.DoesNotContain("767209917", text, StringComparison.Ordinal);
        Assert.Contains("27312989", text, StringComparison.Ordinal);
        Assert.Contains("Delivered", text, StringComparison.Ordinal);
    }
}
