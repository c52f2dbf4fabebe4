using KenyaSms.Qserve;
using KenyaSms.Synqtel;

namespace KenyaSms.Tests.Status;

public class SmsStatusMapperTests
{
    [Theory]
    [InlineData("101", SmsErrorCode.None, "Success")]
    [InlineData("X000", SmsErrorCode.MissingParameters, "Some parameters are missing")]
    [InlineData("X001", SmsErrorCode.InvalidCredentials, "Unknown or invalid secret_key")]
    [InlineData("X002", SmsErrorCode.CredentialsNotAllowedForDomain, "Invalid secret_key for this domain")]
    [InlineData("X003", SmsErrorCode.InvalidUserToken, "Unknown or invalid user token")]
    public void Map_QserveCode_MapsToErrorWithReferenceDescription(string code, SmsErrorCode error, string description)
    {
        SmsStatus status = SmsStatusMapper.Map("qserve", code);

        Assert.Equal(new SmsStatus("qserve", code, description, error, error == SmsErrorCode.None, false), status);
    }

    [Theory]
    [InlineData("1000", SmsErrorCode.None, "Success", false)]
    [InlineData("1001", SmsErrorCode.InvalidSenderId, "Invalid short code", false)]
    [InlineData("1002", SmsErrorCode.NetworkNotAllowed, "Network not allowed", false)]
    [InlineData("1003", SmsErrorCode.InvalidPhoneNumber, "Invalid mobile number", false)]
    [InlineData("1004", SmsErrorCode.InsufficientCredits, "Low bulk credits", false)]
    [InlineData("1005", SmsErrorCode.ProviderInternalError, "Internal system error", true)]
    [InlineData("1006", SmsErrorCode.InvalidCredentials, "Invalid credentials", false)]
    [InlineData("1007", SmsErrorCode.ProviderInternalError, "Db connection failed", true)]
    [InlineData("1008", SmsErrorCode.ProviderInternalError, "Db selection failed", true)]
    [InlineData("1009", SmsErrorCode.UnsupportedDataType, "Data type not supported", false)]
    [InlineData("1010", SmsErrorCode.UnsupportedRequestType, "Request type not supported", false)]
    [InlineData("1011", SmsErrorCode.AccountSuspended, "Invalid user state or account suspended", false)]
    [InlineData("1012", SmsErrorCode.DoNotDisturb, "Mobile number in DND", false)]
    [InlineData("1013", SmsErrorCode.InvalidCredentials, "Invalid API Key", false)]
    [InlineData("1014", SmsErrorCode.IpNotAllowed, "IP not allowed", false)]
    public void Map_SynqtelCode_MapsToErrorWithReferenceDescription(string code, SmsErrorCode error, string description, bool transient)
    {
        SmsStatus status = SmsStatusMapper.Map("synqtel", code);

        Assert.Equal(new SmsStatus("synqtel", code, description, error, error == SmsErrorCode.None, transient), status);
    }

    [Theory]
    [InlineData("1", SmsErrorCode.None)]
    [InlineData("2", SmsErrorCode.InvalidSenderId)]
    [InlineData("3", SmsErrorCode.NetworkNotAllowed)]
    [InlineData("4", SmsErrorCode.InvalidPhoneNumber)]
    [InlineData("5", SmsErrorCode.InsufficientCredits)]
    [InlineData("6", SmsErrorCode.ProviderInternalError)]
    [InlineData("7", SmsErrorCode.InvalidCredentials)]
    [InlineData("8", SmsErrorCode.ProviderInternalError)]
    [InlineData("9", SmsErrorCode.ProviderInternalError)]
    [InlineData("10", SmsErrorCode.UnsupportedDataType)]
    [InlineData("11", SmsErrorCode.UnsupportedRequestType)]
    [InlineData("12", SmsErrorCode.AccountSuspended)]
    [InlineData("13", SmsErrorCode.DoNotDisturb)]
    [InlineData("14", SmsErrorCode.InvalidCredentials)]
    [InlineData("15", SmsErrorCode.IpNotAllowed)]
    public void MapSchedule_StatusId_MapsLikeItsCodeAndKeepsTheRawId(string statusId, SmsErrorCode error)
    {
        string code = (int.Parse(statusId, System.Globalization.CultureInfo.InvariantCulture) + 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        SmsStatus byCode = SynqtelStatusMap.Map(code, null);

        SmsStatus status = SynqtelStatusMap.MapSchedule(statusId, null);

        Assert.Equal(error, status.Error);
        Assert.Equal(byCode with { Code = statusId }, status);
    }

    [Theory]
    [InlineData("1000", SmsErrorCode.None)]
    [InlineData("1003", SmsErrorCode.InvalidPhoneNumber)]
    [InlineData(" 1012 ", SmsErrorCode.DoNotDisturb)]
    public void MapSchedule_FullCode_MapsDirectly(string value, SmsErrorCode error)
    {
        SmsStatus status = SynqtelStatusMap.MapSchedule(value, "desc");

        Assert.Equal(error, status.Error);
        Assert.Equal(value.Trim(), status.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("16")]
    [InlineData("999")]
    [InlineData("1015")]
    [InlineData("-1")]
    [InlineData("1.0")]
    [InlineData("Success")]
    [InlineData("99999999999999999999999")]
    public void MapSchedule_UnknownValue_IsUnknown(string? value)
    {
        SmsStatus status = SynqtelStatusMap.MapSchedule(value, null);

        AssertUnknown(status, "synqtel", value?.Trim() ?? string.Empty);
    }

    [Fact]
    public void MapRecipient_QserveDetailCode2_IsSuccessWithProviderText()
    {
        SmsStatus status = QserveStatusMap.MapRecipient("2", "Successfully Sent");

        Assert.Equal(new SmsStatus("qserve", "2", "Successfully Sent", SmsErrorCode.None, true, false), status);
    }

    [Fact]
    public void MapRecipient_QserveDetailCode2WithoutText_UsesReferenceText()
    {
        Assert.Equal("Successfully Sent", QserveStatusMap.MapRecipient(" 2 ", null).Description);
    }

    [Theory]
    [InlineData("101", SmsErrorCode.None)]
    [InlineData("x001", SmsErrorCode.InvalidCredentials)]
    [InlineData("3", SmsErrorCode.Unknown)]
    [InlineData("Successfully Sent", SmsErrorCode.Unknown)]
    [InlineData(null, SmsErrorCode.Unknown)]
    public void MapRecipient_OtherCode_FallsBackToMainMap(string? code, SmsErrorCode error)
    {
        SmsStatus status = QserveStatusMap.MapRecipient(code, null);

        Assert.Equal(error, status.Error);
        Assert.Equal(error == SmsErrorCode.None, status.IsSuccess);
    }

    [Fact]
    public void Map_QserveDetailCode2_IsUnknownOutsideMessageDetails()
    {
        AssertUnknown(SmsStatusMapper.Map("qserve", "2"), "qserve", "2");
    }

    [Theory]
    [InlineData("qserve")]
    [InlineData("synqtel")]
    public void Map_NullOrEmptyCode_IsUnknownWithEmptyCode(string provider)
    {
        AssertUnknown(SmsStatusMapper.Map(provider, null), provider, string.Empty);
        AssertUnknown(SmsStatusMapper.Map(provider, string.Empty), provider, string.Empty);
        AssertUnknown(SmsStatusMapper.Map(provider, "   "), provider, string.Empty);
    }

    [Theory]
    [InlineData("qserve", "abc")]
    [InlineData("qserve", "9999")]
    [InlineData("qserve", "101.5")]
    [InlineData("qserve", "X004")]
    [InlineData("qserve", "1000")]
    [InlineData("qserve", "X 001")]
    [InlineData("synqtel", "abc")]
    [InlineData("synqtel", "9999")]
    [InlineData("synqtel", "1000.0")]
    [InlineData("synqtel", "01000")]
    [InlineData("synqtel", "+1000")]
    [InlineData("synqtel", "1015")]
    [InlineData("synqtel", "101")]
    [InlineData("synqtel", "X001")]
    [InlineData("synqtel", "\u0661\u0660\u0660\u0660")]
    public void Map_UnknownCode_IsUnknownAndKeepsTheRawCode(string provider, string code)
    {
        AssertUnknown(SmsStatusMapper.Map(provider, code), provider, code);
    }

    [Theory]
    [InlineData("qserve")]
    [InlineData("synqtel")]
    public void Map_VeryLongCode_IsUnknownAndDoesNotThrow(string provider)
    {
        string code = new('7', 100_000);

        AssertUnknown(SmsStatusMapper.Map(provider, code), provider, code);
    }

    [Theory]
    [InlineData("x001", SmsErrorCode.InvalidCredentials)]
    [InlineData(" X002 ", SmsErrorCode.CredentialsNotAllowedForDomain)]
    [InlineData("\tx003\n", SmsErrorCode.InvalidUserToken)]
    [InlineData(" 101 ", SmsErrorCode.None)]
    public void Map_QserveCodeCaseAndWhitespace_AreIgnoredAndCodeIsTrimmed(string code, SmsErrorCode error)
    {
        SmsStatus status = SmsStatusMapper.Map("qserve", code);

        Assert.Equal(error, status.Error);
        Assert.Equal(code.Trim(), status.Code);
    }

    [Theory]
    [InlineData(" 1004 ")]
    [InlineData("\t1004\r\n")]
    public void Map_SynqtelCodeWithSurroundingWhitespace_IsMappedAndTrimmed(string code)
    {
        SmsStatus status = SmsStatusMapper.Map("synqtel", code);

        Assert.Equal(SmsErrorCode.InsufficientCredits, status.Error);
        Assert.Equal("1004", status.Code);
    }

    [Theory]
    [InlineData("QSERVE", "qserve")]
    [InlineData("254sms", "qserve")]
    [InlineData("254SMS", "qserve")]
    [InlineData(" Qserve ", "qserve")]
    public void Map_QserveProviderAliases_UseTheQserveMap(string provider, string expectedProvider)
    {
        SmsStatus status = SmsStatusMapper.Map(provider, "X001");

        Assert.Equal(SmsErrorCode.InvalidCredentials, status.Error);
        Assert.Equal(expectedProvider, status.Provider);
    }

    [Fact]
    public void Map_SynqtelProviderInUpperCase_UsesTheSynqtelMap()
    {
        SmsStatus status = SmsStatusMapper.Map("SynqTel", "1006");

        Assert.Equal(SmsErrorCode.InvalidCredentials, status.Error);
        Assert.Equal("synqtel", status.Provider);
    }

    [Theory]
    [InlineData("other", "1000")]
    [InlineData("other", "101")]
    [InlineData("", "1000")]
    [InlineData("africastalking", "Success")]
    public void Map_UnknownProvider_IsUnknownEvenForSuccessCodes(string provider, string code)
    {
        AssertUnknown(SmsStatusMapper.Map(provider, code), provider, code);
    }

    [Fact]
    public void Map_NullProvider_IsUnknownAndDoesNotThrow()
    {
        AssertUnknown(SmsStatusMapper.Map(null!, "1000"), string.Empty, "1000");
    }

    [Theory]
    [InlineData("qserve", "X001")]
    [InlineData("synqtel", "1004")]
    [InlineData("synqtel", "nope")]
    [InlineData("other", "1")]
    public void Map_ProviderDescription_IsPreferredAndTrimmed(string provider, string code)
    {
        Assert.Equal("Provider text", SmsStatusMapper.Map(provider, code, "  Provider text ").Description);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Map_BlankProviderDescription_FallsBackToReference(string description)
    {
        Assert.Equal("Low bulk credits", SmsStatusMapper.Map("synqtel", "1004", description).Description);
    }

    [Theory]
    [InlineData("qserve", "101", false)]
    [InlineData("qserve", "X001", false)]
    [InlineData("synqtel", "1000", false)]
    [InlineData("synqtel", "1004", false)]
    [InlineData("synqtel", "1005", true)]
    [InlineData("synqtel", "1007", true)]
    [InlineData("synqtel", "1008", true)]
    [InlineData("synqtel", "9999", false)]
    public void Map_TransientFlag_OnlyForSynqtelInternalErrors(string provider, string code, bool transient)
    {
        Assert.Equal(transient, SmsStatusMapper.Map(provider, code).IsTransient);
    }

    [Fact]
    public void IsRecipientLevel_EveryErrorCode_TrueOnlyForRecipientErrors()
    {
        SmsErrorCode[] recipientLevel = [SmsErrorCode.InvalidPhoneNumber, SmsErrorCode.DoNotDisturb, SmsErrorCode.NetworkNotAllowed];

        foreach (SmsErrorCode error in Enum.GetValues<SmsErrorCode>())
        {
            Assert.Equal(recipientLevel.Contains(error), SmsStatusMapper.IsRecipientLevel(error));
        }
    }

    private static void AssertUnknown(SmsStatus status, string provider, string code)
    {
        // An unknown code is no proof the message was not sent (reliability I3).
        Assert.Equal(new SmsStatus(provider, code, "Unknown status code", SmsErrorCode.Unknown, false, false) { MayHaveBeenSent = true }, status);
    }
}
