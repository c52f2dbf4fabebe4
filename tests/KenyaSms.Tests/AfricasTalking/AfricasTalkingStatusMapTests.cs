using KenyaSms.AfricasTalking;

namespace KenyaSms.Tests.AfricasTalking;

// One row per code of the reference's per-recipient table.
public class AfricasTalkingStatusMapTests
{
    [Theory]
    [InlineData("100", "Success", SmsErrorCode.None, true, false)]
    [InlineData("101", "Success", SmsErrorCode.None, true, false)]
    [InlineData("102", "Success", SmsErrorCode.None, true, false)]
    [InlineData("401", "RiskHold", SmsErrorCode.RiskHold, false, false)]
    [InlineData("402", "InvalidSenderId", SmsErrorCode.InvalidSenderId, false, false)]
    [InlineData("403", "InvalidPhoneNumber", SmsErrorCode.InvalidPhoneNumber, false, false)]
    [InlineData("404", "UnsupportedNumberType", SmsErrorCode.InvalidPhoneNumber, false, false)]
    [InlineData("405", "InsufficientBalance", SmsErrorCode.InsufficientCredits, false, false)]
    [InlineData("406", "UserInBlacklist", SmsErrorCode.OptedOut, false, false)]
    [InlineData("407", "CouldNotRoute", SmsErrorCode.NetworkNotAllowed, false, false)]
    [InlineData("409", "DoNotDisturbRejection", SmsErrorCode.DoNotDisturb, false, false)]
    [InlineData("500", "InternalServerError", SmsErrorCode.ProviderInternalError, false, true)]
    [InlineData("501", "GatewayError", SmsErrorCode.ProviderInternalError, false, true)]
    [InlineData("502", "RejectedByGateway", SmsErrorCode.NetworkNotAllowed, false, false)]
    public void Map_EveryDocumentedCode_MapsAndKeepsRawCodeAndStatusWord(string code, string word, SmsErrorCode error, bool success, bool transient)
    {
        SmsStatus status = AfricasTalkingStatusMap.Map(code, word);

        Assert.Equal(("africastalking", code, word, error, success, transient), (status.Provider, status.Code, status.Description, status.Error, status.IsSuccess, status.IsTransient));
        Assert.False(status.MayHaveBeenSent); // a per-recipient refusal is certain: AT answered for this number
        Assert.Equal(status, SmsStatusMapper.Map("AfricasTalking", code, word));
    }

    [Theory]
    [InlineData("408")]
    [InlineData("103")]
    [InlineData("Success")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(" 1O1")]
    public void Map_UnknownCode_IsUnknownNeverSuccessAndMayHaveBeenSent(string? code)
    {
        SmsStatus status = AfricasTalkingStatusMap.Map(code, "Success");

        Assert.Equal(SmsErrorCode.Unknown, status.Error);
        Assert.False(status.IsSuccess);
        Assert.True(status.MayHaveBeenSent);
        Assert.Equal(code?.Trim() ?? string.Empty, status.Code);
    }

    [Fact]
    public void Map_CodeAsStringWithSpaces_Trimmed()
    {
        Assert.True(AfricasTalkingStatusMap.Map(" 101 ", null).IsSuccess);
        Assert.Equal("Sent", AfricasTalkingStatusMap.Map("101", null).Description); // no status word: the table's name
    }

    [Theory]
    [InlineData("InvalidSenderId", SmsErrorCode.InvalidSenderId)]
    [InlineData("insufficientbalance", SmsErrorCode.InsufficientCredits)]
    [InlineData("RiskHold", SmsErrorCode.RiskHold)]
    [InlineData("Success", SmsErrorCode.Unknown)]
    [InlineData("SomethingNew", SmsErrorCode.Unknown)]
    public void MapRequestRefusal_OneWordMessage_MapsLikeTheRecipientTableNeverSuccess(string word, SmsErrorCode error)
    {
        SmsStatus status = AfricasTalkingStatusMap.MapRequestRefusal(word);

        Assert.Equal((error, word), (status.Error, status.Code));
        Assert.False(status.IsSuccess);
    }
}
