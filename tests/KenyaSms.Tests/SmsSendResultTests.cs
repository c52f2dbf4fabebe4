using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Tests.TestSupport;

namespace KenyaSms.Tests;

public sealed class SmsSendResultTests
{
    private static readonly SmsStatus Accepted = new("synqtel", "1000", "Success", SmsErrorCode.None, IsSuccess: true, IsTransient: false);
    private static readonly SmsStatus Rejected = new("synqtel", "1012", "Mobile number in DND", SmsErrorCode.DoNotDisturb, IsSuccess: false, IsTransient: false);

    [Fact]
    public void Counts_MixedRecipients_CountAcceptedAndRejected()
    {
        var result = new SmsSendResult("synqtel", [Recipient(Accepted), Recipient(Rejected), Recipient(Accepted)], 12.5m);

        Assert.Equal((2, 1, false), (result.AcceptedCount, result.RejectedCount, result.IsSuccess));
        Assert.Equal(12.5m, result.CreditBalance);
        Assert.Equal("synqtel", result.Provider);
    }

    [Fact]
    public void IsSuccess_EveryRecipientAccepted_True()
    {
        var result = new SmsSendResult("synqtel", [Recipient(Accepted), Recipient(Accepted)]);

        Assert.Equal((2, 0, true), (result.AcceptedCount, result.RejectedCount, result.IsSuccess));
        Assert.Null(result.CreditBalance);
    }

    [Fact]
    public void IsSuccess_NoRecipients_False()
    {
        var result = new SmsSendResult("synqtel", []);

        Assert.Equal((0, 0, false), (result.AcceptedCount, result.RejectedCount, result.IsSuccess));
    }

    [Fact]
    public void IsAccepted_FollowsStatusSuccess()
    {
        Assert.True(Recipient(Accepted).IsAccepted);
        Assert.False(Recipient(Rejected).IsAccepted);
        Assert.False(Recipient(Accepted with { IsSuccess = false }).IsAccepted);
    }

    [Fact]
    public void ToString_ResultAndRecipients_ShowNoUnmaskedNumber()
    {
        SmsRecipientResult valid = Recipient(Accepted);
        var invalid = new SmsRecipientResult("0733 123 456 ext", Rejected);
        var result = new SmsSendResult("synqtel", [valid, invalid]);

        string text = result + " " + valid + " " + invalid;

        Assert.Contains("Accepted = 1", text, StringComparison.Ordinal);
        Assert.Contains("+2547", valid.ToString(), StringComparison.Ordinal);
        AdapterHost.AssertNoSecrets(text, "0722123456");
        Assert.DoesNotContain("733 123 456", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Recipient_SaysAcceptedOrNamesTheError()
    {
        string accepted = Recipient(Accepted).ToString();
        string rejected = new SmsRecipientResult("+254722123456", Rejected).ToString();

        Assert.Contains("Status = accepted (code " + Accepted.Code + ")", accepted, StringComparison.Ordinal);
        Assert.DoesNotContain("None", accepted, StringComparison.Ordinal);
        Assert.Contains("Status = " + Rejected.Error + " (code " + Rejected.Code + ")", rejected, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Options_ShowNoKey()
    {
        var qserve = new QserveOptions { Username = "acme", ApiKey = AdapterHost.QserveApiKey };
        var synqtel = new SynqtelOptions { ApiKey = AdapterHost.SynqtelApiKey, SenderName = "MYCO" };
        var kenya = new KenyaSmsOptions { DefaultProvider = "synqtel" };

        string text = string.Join(" ", qserve, synqtel, kenya, kenya.Resilience);

        AdapterHost.AssertNoSecrets(text);
        Assert.Contains("QserveOptions", text, StringComparison.Ordinal);
        Assert.Contains("SenderName = MYCO", text, StringComparison.Ordinal);
        Assert.Contains("MaxRetryAttempts = 3", text, StringComparison.Ordinal);
    }

    private static SmsRecipientResult Recipient(SmsStatus status) =>
        new("+254722123456", status, "8738598", "R-1", 0.75m, MobileNetwork.Safaricom);
}
