using KenyaSms.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.Testing;

public class FakeSmsGatewayTests
{
    [Fact]
    public async Task SendAsync_ValidRecipients_RecordsEachOnceWithIdsAndCharges()
    {
        var fake = new FakeSmsGateway().SetBalance(100);
        SmsSendResult result = await fake.SendAsync(["0722 123 456", "+254722123456", "0733123456"], "Habari");

        Assert.Equal(3, result.AcceptedCount);
        Assert.Equal(2, fake.Sent.Count); // the duplicate is sent once
        Assert.Equal(["+254722123456", "+254733123456"], fake.Sent.Select(s => s.PhoneNumber));
        Assert.Equal(result.Recipients[0].MessageId, result.Recipients[1].MessageId);
        Assert.NotEqual(fake.Sent[0].MessageId, fake.Sent[1].MessageId);
        Assert.Equal(98, fake.Balance);
        Assert.Equal(98, result.CreditBalance);
        Assert.Single(fake.Messages);
    }

    [Fact]
    public async Task SendAsync_InvalidAndRejectedNumbers_AreReportedAndNotRecorded()
    {
        var fake = new FakeSmsGateway().RejectNumbers(SmsErrorCode.DoNotDisturb, "0711000111");
        SmsSendResult result = await fake.SendAsync(["0711 000 111", "nonsense", "0722123456"], "Hi");

        Assert.Equal(SmsErrorCode.DoNotDisturb, result.Recipients[0].Status.Error);
        Assert.Equal(SmsErrorCode.InvalidPhoneNumber, result.Recipients[1].Status.Error);
        Assert.Equal("nonsense", result.Recipients[1].PhoneNumber);
        Assert.True(result.Recipients[2].IsAccepted);
        Assert.Equal("+254722123456", Assert.Single(fake.Sent).PhoneNumber);
    }

    [Fact]
    public async Task SendAsync_ScriptedFailure_ThrowsOnceThenSends()
    {
        var fake = new FakeSmsGateway("synqtel").FailNextSend(SmsErrorCode.InsufficientCredits).FailNextSend(SmsErrorCode.Transport, mayHaveBeenSent: true, isTransient: true);

        SmsGatewayException first = await Assert.ThrowsAsync<SmsGatewayException>(() => fake.SendAsync("0722123456", "a"));
        SmsGatewayException second = await Assert.ThrowsAsync<SmsGatewayException>(() => fake.SendAsync("0722123456", "b"));
        SmsSendResult third = await fake.SendAsync("0722123456", "c");

        Assert.Equal((SmsErrorCode.InsufficientCredits, false), (first.Error, first.MayHaveBeenSent));
        Assert.Equal((SmsErrorCode.Transport, true, true), (second.Error, second.MayHaveBeenSent, second.IsTransient));
        Assert.Equal("synqtel", second.Provider);
        Assert.True(third.IsSuccess);
        Assert.Equal("c", Assert.Single(fake.Sent).Text);
        Assert.Equal(3, fake.Messages.Count);
    }

    [Fact]
    public async Task SendAsync_BadInput_ThrowsLikeTheRealGatewaysAndRecordsNothing()
    {
        var fake = new FakeSmsGateway();
        ArgumentException tooLong = await Assert.ThrowsAsync<ArgumentException>(() => fake.SendAsync("0722123456", new string('a', 919)));
        ArgumentException sender = await Assert.ThrowsAsync<ArgumentException>(() => fake.SendAsync(new SmsMessage("0722123456", "x") { SenderId = "TWELVE CHARS" }));
        await Assert.ThrowsAsync<ArgumentException>(() => fake.SendBatchAsync([]));

        Assert.Contains("limit is 6 segments", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal("message", sender.ParamName);
        Assert.Empty(fake.Messages);
        Assert.Empty(fake.Sent);
    }

    [Fact]
    public async Task SendBatchAsync_Personalised_RecordsTextsSendersAndReferences()
    {
        var fake = new FakeSmsGateway { DefaultSenderId = "MYCO" };
        SmsSendResult result = await fake.SendBatchAsync(
        [
            new SmsMessage("0722123456", "Habari Wanjiku") { ClientReference = "loan-1" },
            new SmsMessage("0733123456", "Habari Otieno") { SenderId = "SACCO" },
        ]);

        Assert.Equal(2, result.AcceptedCount);
        Assert.Equal(("Habari Wanjiku", "MYCO", "loan-1"), (fake.Sent[0].Text, fake.Sent[0].SenderId, fake.Sent[0].ClientReference));
        Assert.Equal(("Habari Otieno", "SACCO", (string?)null), (fake.Sent[1].Text, fake.Sent[1].SenderId, fake.Sent[1].ClientReference));
        Assert.Equal("loan-1", result.Recipients[0].ClientReference);
    }

    [Fact]
    public async Task Sent_ManyThreads_RecordsEverySendOnce()
    {
        var fake = new FakeSmsGateway().SetBalance(1_000_000);
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => fake.SendAsync($"07{22000000 + i}", "x"))));

        Assert.Equal(400, fake.Sent.Count);
        Assert.Equal(400, fake.Sent.Select(s => s.MessageId).Distinct().Count());
        Assert.Equal(1_000_000 - 400, fake.Balance);
    }

    [Fact]
    public async Task AddFakeSmsGateway_AfterAddKenyaSms_ReplacesDefaultKeyedAndFactory()
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KenyaSms:DefaultProvider"] = "synqtel",
            ["KenyaSms:Synqtel:ApiKey"] = "real-key-that-must-not-be-used",
            ["KenyaSms:Synqtel:SenderName"] = "MYCO",
            ["KenyaSms:Qserve:Username"] = "u",
            ["KenyaSms:Qserve:ApiKey"] = "k",
        }).Build();
        var services = new ServiceCollection();
        services.AddKenyaSms(config.GetSection("KenyaSms"));
        services.AddFakeSmsGateway();
        using ServiceProvider provider = services.BuildServiceProvider();

        FakeSmsGateway fake = provider.GetRequiredService<FakeSmsGateway>();
        Assert.Same(fake, provider.GetRequiredService<ISmsGateway>());
        Assert.Same(fake, provider.GetRequiredKeyedService<ISmsGateway>("synqtel"));
        Assert.Same(fake, provider.GetRequiredKeyedService<ISmsGateway>("qserve"));
        ISmsGatewayFactory factory = provider.GetRequiredService<ISmsGatewayFactory>();
        Assert.Same(fake, factory.Get("Synqtel"));
        Assert.Equal(["qserve", "synqtel"], factory.Names.Order(StringComparer.Ordinal));
        Assert.Throws<KeyNotFoundException>(() => factory.Get("other"));

        await provider.GetRequiredService<ISmsGateway>().SendAsync("0722123456", "from the app");
        Assert.Equal("from the app", Assert.Single(fake.Sent).Text);
    }

    [Fact]
    public void ToString_MasksNumber()
    {
        var sms = new FakeSentSms("+254722123456", "secret text", "MYCO", null, "1", 1);
        Assert.DoesNotContain("254722123456", sms.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret text", sms.ToString(), StringComparison.Ordinal);
    }
}
