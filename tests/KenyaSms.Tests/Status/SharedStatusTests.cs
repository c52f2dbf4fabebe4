using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Qserve;
using KenyaSms.Sending;
using KenyaSms.Synqtel;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Status;

// SmsStatus is an immutable record: recipients with the same status share one instance; values are unchanged.
public sealed class SharedStatusTests
{
    [Fact]
    public void SynqtelMapSchedule_SameIdAndDescription_OneInstanceWithTheRawCode()
    {
        SmsStatus first = SynqtelStatusMap.MapSchedule("1", "Success");
        SmsStatus second = SynqtelStatusMap.MapSchedule(" 1 ", "Success");

        Assert.Same(first, second);
        Assert.Equal(new SmsStatus("synqtel", "1", "Success", SmsErrorCode.None, IsSuccess: true, IsTransient: false), first);
    }

    [Fact]
    public void SynqtelMapSchedule_IdAndCodeOfOneDefinition_KeepTheirOwnRawCodes()
    {
        SmsStatus byId = SynqtelStatusMap.MapSchedule("4", "Invalid mobile number");
        SmsStatus byCode = SynqtelStatusMap.MapSchedule("1003", "Invalid mobile number");
        SmsStatus byIdAgain = SynqtelStatusMap.MapSchedule("4", null);

        Assert.Equal("4", byId.Code);
        Assert.Equal("1003", byCode.Code);
        Assert.Equal(byId, byIdAgain);
        Assert.Equal(SmsErrorCode.InvalidPhoneNumber, byCode.Error);
        Assert.Equal(new SmsStatus("synqtel", "15", "IP not allowed", SmsErrorCode.IpNotAllowed, false, false), SynqtelStatusMap.MapSchedule("15", null));
        Assert.Equal(SmsErrorCode.Unknown, SynqtelStatusMap.MapSchedule("16", null).Error);
        Assert.Equal(SmsErrorCode.Unknown, SynqtelStatusMap.MapSchedule("0", null).Error);
    }

    [Fact]
    public void SynqtelMap_OtherDescription_ANewStatusWithIt()
    {
        SmsStatus reference = SynqtelStatusMap.Map("1000", "Success");
        SmsStatus own = SynqtelStatusMap.Map("1000", "Message accepted");

        Assert.NotSame(reference, own);
        Assert.Equal("Message accepted", own.Description);
        Assert.Equal(reference with { Description = "Message accepted" }, own);
        Assert.Same(own, SynqtelStatusMap.Map("1000", "Message accepted"));
    }

    [Fact]
    public void SynqtelMap_UnknownCodes_EachKeepsItsCode()
    {
        SmsStatus a = SynqtelStatusMap.Map("2001", "x");
        SmsStatus b = SynqtelStatusMap.Map("2002", "x");

        Assert.Equal("2001", a.Code);
        Assert.Equal("2002", b.Code);
        Assert.All([a, b], s => Assert.Equal(SmsErrorCode.Unknown, s.Error));
    }

    [Fact]
    public void QserveMapRecipient_Repeated_OneInstance()
    {
        SmsStatus first = QserveStatusMap.MapRecipient("2", "Successfully Sent");
        SmsStatus second = QserveStatusMap.MapRecipient("2", "Successfully Sent");

        Assert.Same(first, second);
        Assert.Equal(new SmsStatus("qserve", "2", "Successfully Sent", SmsErrorCode.None, true, false), first);
    }

    [Fact]
    public void QserveMap_CodeInOtherCase_KeepsTheRawCode()
    {
        SmsStatus upper = QserveStatusMap.Map("X001", null);
        SmsStatus lower = QserveStatusMap.Map("x001", null);

        Assert.Equal("X001", upper.Code);
        Assert.Equal("x001", lower.Code);
        Assert.Equal(upper with { Code = "x001" }, lower);
    }

    [Fact]
    public void SdkStatus_SameProvider_OneInstance_OtherProvider_ItsOwn()
    {
        SmsStatus synqtel = SdkStatus.NotReported("synqtel");
        SmsStatus qserve = SdkStatus.NotReported("qserve");

        Assert.Equal("qserve", qserve.Provider);
        Assert.True(qserve.MayHaveBeenSent);
        Assert.Equal(synqtel with { Provider = "qserve" }, qserve);
        Assert.Same(qserve, SdkStatus.NotReported("qserve"));
        Assert.Same(SdkStatus.InvalidNumber("qserve"), SdkStatus.InvalidNumber("qserve"));
        Assert.False(SdkStatus.InvalidNumber("qserve").MayHaveBeenSent);
    }

    [Fact]
    public void SdkStatusRequestFailed_PerException()
    {
        var first = new SmsGatewayException("synqtel", SmsErrorCode.Transport, "first", isTransient: true, mayHaveBeenSent: true);
        var second = new SmsGatewayException("synqtel", SmsErrorCode.Transport, "second", isTransient: true, mayHaveBeenSent: false);

        SmsStatus a = SdkStatus.RequestFailed(first);

        Assert.Same(a, SdkStatus.RequestFailed(first));
        Assert.Equal(new SmsStatus("synqtel", "sdk:request-failed", "first", SmsErrorCode.Transport, false, true) { MayHaveBeenSent = true }, a);
        Assert.False(SdkStatus.RequestFailed(second).MayHaveBeenSent);
        Assert.Equal("second", SdkStatus.RequestFailed(second).Description);
    }
}
