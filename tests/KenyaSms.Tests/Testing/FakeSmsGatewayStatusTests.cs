using KenyaSms.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.Testing;

/// <summary>
/// The fake answers with the codes the real gateway of the provider it is named for gives (issue 16.3, issue 17.2), and
/// applies the sending policies as the real gateways do. The same scenarios run against the real adapters and the
/// simulator in KenyaSms.IntegrationTests (FakeFidelityTests).
/// </summary>
public class FakeSmsGatewayStatusTests
{
    private const string Dnd = "0711000111";
    private const string Other = "0722123456";

    [Theory]
    [InlineData("synqtel")]
    [InlineData("fake")]
    public async Task SendAsync_SynqtelOneRecipient_DndIs1012AsOnSendsms(string name)
    {
        var fake = new FakeSmsGateway(name).RejectNumbers(SmsErrorCode.DoNotDisturb, Dnd);

        SmsRecipientResult r = Assert.Single((await fake.SendAsync(Dnd, "Promo")).Recipients);

        Assert.Equal((false, "1012", "Mobile number in DND", SmsErrorCode.DoNotDisturb, false, name), (r.IsAccepted, r.Status.Code, r.Status.Description, r.Status.Error, r.Status.MayHaveBeenSent, r.Status.Provider));
        Assert.Null(r.MessageId);
        Assert.Empty(fake.Sent);
    }

    [Fact]
    public async Task SendAsync_SynqtelSeveralRecipients_DndIsScheduleStatus13AsOnSendmultiple()
    {
        var fake = new FakeSmsGateway("synqtel").RejectNumbers(SmsErrorCode.DoNotDisturb, Dnd);

        SmsSendResult result = await fake.SendAsync([Dnd, Other], "Promo");

        Assert.Equal(("13", SmsErrorCode.DoNotDisturb), (result.Recipients[0].Status.Code, result.Recipients[0].Status.Error));
        Assert.Equal(("1", true), (result.Recipients[1].Status.Code, result.Recipients[1].IsAccepted));
        Assert.NotNull(result.Recipients[1].ClientReference); // sendmultiple carries a client_ref the gateway generated
    }

    [Fact]
    public async Task SendAsync_SynqtelOneRecipientWithReference_GoesThroughSendmultiple()
    {
        var fake = new FakeSmsGateway("synqtel").RejectNumbers(SmsErrorCode.DoNotDisturb, Dnd);

        SmsSendResult result = await fake.SendAsync(new SmsMessage(Dnd, "Promo") { ClientReference = "loan-7" });

        Assert.Equal(("13", "loan-7"), (result.Recipients[0].Status.Code, result.Recipients[0].ClientReference));
    }

    [Theory]
    [InlineData(SmsErrorCode.InvalidPhoneNumber, "1003", "4")]
    [InlineData(SmsErrorCode.NetworkNotAllowed, "1002", "3")]
    public async Task SendAsync_SynqtelOtherRecipientRefusals_TableCodeOrStatusId(SmsErrorCode error, string code, string statusId)
    {
        var fake = new FakeSmsGateway("synqtel").RejectNumbers(error, Dnd);

        Assert.Equal(code, (await fake.SendAsync(Dnd, "x")).Recipients[0].Status.Code);
        Assert.Equal(statusId, (await fake.SendAsync([Dnd, Other], "x")).Recipients[0].Status.Code);
    }

    [Theory]
    [InlineData(SmsErrorCode.DoNotDisturb, "409", "DoNotDisturbRejection")]
    [InlineData(SmsErrorCode.OptedOut, "406", "UserInBlacklist")]
    [InlineData(SmsErrorCode.InvalidPhoneNumber, "403", "InvalidPhoneNumber")]
    [InlineData(SmsErrorCode.NetworkNotAllowed, "407", "CouldNotRoute")]
    [InlineData(SmsErrorCode.RiskHold, "401", "RiskHold")]
    [InlineData(SmsErrorCode.InsufficientCredits, "405", "InsufficientBalance")]
    public async Task SendAsync_AfricasTalking_PerRecipientCodeAndStatusWord(SmsErrorCode error, string code, string word)
    {
        var fake = new FakeSmsGateway("africastalking").RejectNumbers(error, Dnd);

        SmsSendResult result = await fake.SendAsync([Dnd, Other], "Promo");

        Assert.Equal((code, word, error, "africastalking"), (result.Recipients[0].Status.Code, result.Recipients[0].Status.Description, result.Recipients[0].Status.Error, result.Recipients[0].Status.Provider));
        Assert.Equal(("101", "Success", true), (result.Recipients[1].Status.Code, result.Recipients[1].Status.Description, result.Recipients[1].IsAccepted));
    }

    [Fact]
    public async Task SendAsync_AfricasTalkingInternalError_TransientNotSent()
    {
        var fake = new FakeSmsGateway("africastalking").RejectNumbers(SmsErrorCode.ProviderInternalError, Dnd);

        SmsStatus status = (await fake.SendAsync(Dnd, "x")).Recipients[0].Status;

        Assert.Equal(("500", true, false), (status.Code, status.IsTransient, status.MayHaveBeenSent));
    }

    [Theory]
    [InlineData("qserve")]
    [InlineData("254sms")]
    public async Task SendAsync_Qserve_AcceptedAs2WithoutIdOrCostAndRefusalsAreTheFakesOwn(string name)
    {
        var fake = new FakeSmsGateway(name).RejectNumbers(SmsErrorCode.DoNotDisturb, Dnd);

        SmsSendResult result = await fake.SendAsync([Dnd, Other], "Promo");

        SmsRecipientResult refused = result.Recipients[0], accepted = result.Recipients[1];
        Assert.Equal(("fake:DoNotDisturb", SmsErrorCode.DoNotDisturb), (refused.Status.Code, refused.Status.Error));
        Assert.Equal(("2", "Successfully Sent", true, name), (accepted.Status.Code, accepted.Status.Description, accepted.IsAccepted, accepted.Status.Provider));
        Assert.Null(accepted.MessageId);
        Assert.Null(accepted.Cost);
        Assert.NotNull(Assert.Single(fake.Sent).MessageId); // the record still tells the sends apart
    }

    [Fact]
    public async Task SendAsync_SynqtelRefusalItNeverGivesPerRecipient_FakesOwnCode()
    {
        var fake = new FakeSmsGateway("synqtel").RejectNumbers(SmsErrorCode.Suppressed, Dnd);

        SmsStatus status = (await fake.SendAsync(Dnd, "x")).Recipients[0].Status;

        Assert.Equal(("fake:Suppressed", SmsErrorCode.Suppressed, false), (status.Code, status.Error, status.IsSuccess));
    }

    [Fact]
    public async Task SendAsync_CancelledToken_ThrowsSmsSendCanceledExceptionNothingSent()
    {
        var fake = new FakeSmsGateway();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        SmsSendCanceledException ex = await Assert.ThrowsAsync<SmsSendCanceledException>(() => fake.SendAsync(new SmsMessage([Other, "nonsense"], "x"), cts.Token));

        Assert.False(ex.MayHaveBeenSent);
        Assert.Equal([SmsErrorCode.Canceled, SmsErrorCode.InvalidPhoneNumber], ex.PartialResult!.Recipients.Select(r => r.Status.Error));
        Assert.Empty(fake.Sent);
    }

    [Fact]
    public async Task LookupAsync_DeterministicAnswers()
    {
        var fake = new FakeSmsGateway().RejectNumbers(SmsErrorCode.InvalidPhoneNumber, "0733000111").RejectNumbers(SmsErrorCode.DoNotDisturb, Dnd);

        var safaricom = await fake.LookupAsync("0712 244 243");
        var airtel = await fake.LookupAsync("0733123456");
        var dnd = await fake.LookupAsync(Dnd);
        var rejected = await fake.LookupAsync("+254733000111");
        var nonsense = await fake.LookupAsync("12345");

        Assert.Equal(("+254712244243", true, MobileNetwork.Safaricom, "1"), (safaricom.PhoneNumber, safaricom.IsValid, safaricom.Network, safaricom.ProviderNetworkId));
        Assert.Equal((true, MobileNetwork.Airtel, "2"), (airtel.IsValid, airtel.Network, airtel.ProviderNetworkId));
        Assert.True(dnd.IsValid); // a DND number is a valid number
        Assert.Equal(("+254733000111", false, MobileNetwork.Airtel, (string?)null), (rejected.PhoneNumber, rejected.IsValid, rejected.Network, rejected.ProviderNetworkId));
        Assert.Equal(("12345", false, MobileNetwork.Unknown, (string?)null), (nonsense.PhoneNumber, nonsense.IsValid, nonsense.Network, nonsense.ProviderNetworkId));
        await Assert.ThrowsAsync<ArgumentException>(() => fake.LookupAsync(" "));
    }

    [Fact]
    public async Task SafeMode_FromTheContainer_HoldsBackLikeARealGateway()
    {
        using ServiceProvider provider = Container(new()
        {
            ["KenyaSms:SafeMode:Enabled"] = "true",
            ["KenyaSms:SafeMode:AllowedNumbers:0"] = "0722 123 456",
        }, new FakeSmsGateway("synqtel"));
        FakeSmsGateway fake = provider.GetRequiredService<FakeSmsGateway>();

        SmsSendResult result = await provider.GetRequiredService<ISmsGateway>().SendAsync([Other, "0733123456"], "staging");

        Assert.True(result.Recipients[0].IsAccepted);
        Assert.Equal(("sdk:safe-mode", SmsErrorCode.Suppressed), (result.Recipients[1].Status.Code, result.Recipients[1].Status.Error));
        Assert.Equal(["+254722123456"], fake.Sent.Select(s => s.PhoneNumber));
    }

    [Fact]
    public async Task SafeMode_EveryRecipientHeldBack_NoRequestSoTheScriptedFailureWaits()
    {
        using ServiceProvider provider = Container(new()
        {
            ["KenyaSms:SafeMode:Enabled"] = "true",
            ["KenyaSms:SafeMode:AllowedNumbers:0"] = "0722 123 456",
        }, new FakeSmsGateway().FailNextSend(SmsErrorCode.InsufficientCredits));
        ISmsGateway sms = provider.GetRequiredService<ISmsGateway>();

        SmsSendResult held = await sms.SendAsync("0733123456", "held back");

        Assert.Equal(SmsErrorCode.Suppressed, held.Recipients[0].Status.Error);
        await Assert.ThrowsAsync<SmsGatewayException>(() => sms.SendAsync(Other, "reaches the provider"));
    }

    [Fact]
    public async Task SuppressionList_WithAutoSuppress_HoldsBackOptOutsAndRemembersDnd()
    {
        var services = new ServiceCollection();
        services.AddKenyaSms(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["KenyaSms:Suppression:AutoSuppress"] = "true" }).Build().GetSection("KenyaSms"))
            .AddInMemorySuppressionList();
        services.AddFakeSmsGateway(new FakeSmsGateway("synqtel").RejectNumbers(SmsErrorCode.DoNotDisturb, Dnd));
        using ServiceProvider provider = services.BuildServiceProvider();
        ISmsGateway sms = provider.GetRequiredService<ISmsGateway>();
        ISmsSuppressionList list = provider.GetRequiredService<ISmsSuppressionList>();
        await list.SuppressAsync(PhoneNumber.Parse("0733123456"), "replied STOP");

        SmsSendResult first = await sms.SendAsync([Dnd, "0733123456", Other], "Promo");
        SmsSendResult otp = await sms.SendAsync(new SmsMessage("0733123456", "OTP 1234") { BypassSuppression = true });
        SmsSendResult second = await sms.SendAsync(Dnd, "Promo again");

        Assert.Equal(["13", "sdk:opted-out", "1"], first.Recipients.Select(r => r.Status.Code));
        Assert.True(otp.IsSuccess);
        Assert.Equal(("sdk:opted-out", SmsErrorCode.Suppressed), (second.Recipients[0].Status.Code, second.Recipients[0].Status.Error)); // auto-suppressed after its 13
        Assert.Equal(["+254722123456", "+254733123456"], provider.GetRequiredService<FakeSmsGateway>().Sent.Select(s => s.PhoneNumber));
    }

    private static ServiceProvider Container(Dictionary<string, string?> settings, FakeSmsGateway fake)
    {
        var services = new ServiceCollection();
        services.AddKenyaSms(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("KenyaSms"));
        services.AddFakeSmsGateway(fake);
        return services.BuildServiceProvider();
    }
}
