using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static KenyaSms.Tests.DependencyInjection.DependencyInjectionTestHost;

namespace KenyaSms.Tests.DependencyInjection;

/// <summary>reliability.md V4: bad settings stop the host at start-up, naming the setting and never echoing a secret.</summary>
public class OptionsValidationTests
{
    [Fact]
    public async Task StartAsync_ValidConfiguration_Starts()
    {
        await StartsFromConfigAsync(Settings(("DefaultProvider", "synqtel"), ("Failover:0", "synqtel"), ("Failover:1", "qserve")));
    }

    [Fact]
    public async Task StartAsync_ValidCodeConfiguration_Starts()
    {
        await StartsAsync(s => s.AddKenyaSms(o => o.DefaultProvider = "qserve")
            .AddQserve(o => (o.Username, o.ApiKey) = ("acme-ke", QserveKey))
            .AddSynqtel(o => (o.ApiKey, o.SenderName) = (SynqtelKey, "MYCO")));
    }

    // ---- required settings ----

    [Fact]
    public async Task StartAsync_MissingSynqtelApiKey_FailsNamingTheSetting()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(("Synqtel:ApiKey", null)));

        Assert.Equal(typeof(SynqtelOptions), ex.OptionsType);
        Assert.Contains("KenyaSms:Synqtel:ApiKey", ex.Message, StringComparison.Ordinal);
        FailureNaming(ex, "KenyaSms:Synqtel:ApiKey", "required");
    }

    [Theory]
    [InlineData("Qserve:Username")]
    [InlineData("Qserve:ApiKey")]
    [InlineData("Synqtel:SenderName")]
    public async Task StartAsync_MissingRequiredSetting_FailsNamingTheSetting(string key)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings((key, null)));

        FailureNaming(ex, "KenyaSms:" + key, "required");
    }

    [Theory]
    [InlineData("Qserve:Username")]
    [InlineData("Qserve:ApiKey")]
    [InlineData("Synqtel:ApiKey")]
    public async Task StartAsync_WhiteSpaceOnlyRequiredSetting_FailsAsMissing(string key)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings((key, "   ")));

        FailureNaming(ex, "KenyaSms:" + key, "required");
    }

    [Fact]
    public async Task StartAsync_MissingQserveCredentialsInCode_FailsNamingBothSettings()
    {
        OptionsValidationException ex = await StartFailsAsync(s => s.AddKenyaSms().AddQserve());

        Assert.Equal(typeof(QserveOptions), ex.OptionsType);
        FailureNaming(ex, "KenyaSms:Qserve:Username");
        FailureNaming(ex, "KenyaSms:Qserve:ApiKey");
    }

    // ---- secrets never echoed ----

    [Theory]
    [InlineData("Synqtel:ApiKey", "SUPERSECRET KEY-9f8e")]
    [InlineData("Synqtel:ApiKey", " SUPERSECRET-KEY-9f8e")]
    [InlineData("Synqtel:ApiKey", "SUPERSECRET-KEY-9f8e\n")]
    [InlineData("Qserve:ApiKey", "SUPERSECRET\tKEY-9f8e")]
    [InlineData("Qserve:ApiKey", "SUPERSECRET-KEY-9f8e\u0000")]
    public async Task StartAsync_ApiKeyWithWhiteSpaceOrControlCharacters_FailsWithoutShowingTheValue(string key, string value)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings((key, value)));

        FailureNaming(ex, "KenyaSms:" + key, "white space", "value not shown");
    }

    [Fact]
    public async Task StartAsync_EveryKindOfFailureAtOnce_NoMessageContainsTheSecret()
    {
        // The API key is the distinctive secret, the base address carries it in its query; every other setting is wrong.
        OptionsValidationException ex = await StartFailsAsync(s => s.AddKenyaSms()
            .AddSynqtel(o =>
            {
                o.ApiKey = Secret;
                o.SenderName = "MY-CO";
                o.BaseAddress = new Uri("https://api.synqtel.com/sms/?key=" + Secret);
                o.MaxMessagesPerRequest = 0;
                o.ServiceId = -1;
            }));

        FailureNaming(ex, "KenyaSms:Synqtel:SenderName");
        FailureNaming(ex, "KenyaSms:Synqtel:BaseAddress", "query string");
        FailureNaming(ex, "KenyaSms:Synqtel:MaxMessagesPerRequest");
        FailureNaming(ex, "KenyaSms:Synqtel:ServiceId");
        Assert.Equal(4, ex.Failures.Count()); // StartFailsAsync has checked that none contains the secret
    }

    // ---- sender IDs ----

    [Theory]
    [InlineData("Synqtel:SenderName", "MY-COMPANY")]
    [InlineData("Synqtel:SenderName", "TWELVECHARSX")]
    [InlineData("Qserve:SenderId", "ACME_LTD")]
    [InlineData("Qserve:SenderId", "1234567890123456")]
    [InlineData("Qserve:SenderId", "Ümlaut")]
    public async Task StartAsync_InvalidSenderId_FailsNamingTheSettingAndTheValue(string key, string value)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings((key, value)));

        FailureNaming(ex, "KenyaSms:" + key, $"'{value}'", "not a valid sender ID"); // a sender ID is not a secret
    }

    [Theory]
    [InlineData("MYCO")]
    [InlineData("ACME LTD 11")]
    [InlineData("22141")]
    [InlineData("123456789012345")]
    public async Task StartAsync_ValidSenderId_Starts(string value)
    {
        await StartsFromConfigAsync(Settings(("Synqtel:SenderName", value), ("Qserve:SenderId", value)));
    }

    // ---- base addresses ----

    [Theory]
    [InlineData("Synqtel:BaseAddress", "http://api.synqtel.com/sms/")]
    [InlineData("Qserve:BaseAddress", "http://api.qserve.co.ke/version1/")]
    [InlineData("Synqtel:BaseAddress", "http://10.0.0.5:8080/")]
    [InlineData("Synqtel:BaseAddress", "http://example.test/")]
    public async Task StartAsync_PlainHttpToNonLoopbackHost_IsRefused(string key, string value)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings((key, value)));

        FailureNaming(ex, "KenyaSms:" + key, "plain http", "https");
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://localhost:5000/sms/")]
    [InlineData("http://[::1]:5000/")]
    [InlineData("https://api.synqtel.com/sms/")]
    public async Task StartAsync_HttpsOrLoopbackHttp_IsAllowed(string value)
    {
        await StartsFromConfigAsync(Settings(("Synqtel:BaseAddress", value), ("Qserve:BaseAddress", value)));
    }

    [Theory]
    [InlineData("ftp://api.synqtel.com/sms/", "http(s)")]
    [InlineData("https://api.synqtel.com/sms/?token=1", "query string")]
    [InlineData("https://user:pass@api.synqtel.com/sms/", "user info")]
    [InlineData("sms/", "absolute")]
    public async Task StartAsync_UnusableBaseAddress_IsRefused(string value, string reason)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(("Synqtel:BaseAddress", value)));

        string failure = FailureNaming(ex, "KenyaSms:Synqtel:BaseAddress", reason);
        Assert.DoesNotContain("pass", failure, StringComparison.Ordinal);
    }

    // ---- resilience ----

    [Fact]
    public async Task StartAsync_AttemptTimeoutAboveTotalTimeout_FailsNamingBoth()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(
            ("Resilience:AttemptTimeout", "00:00:40"),
            ("Resilience:TotalTimeout", "00:00:30"),
            ("Resilience:CircuitBreakerSamplingDuration", "00:02:00")));

        Assert.Equal(typeof(KenyaSmsOptions), ex.OptionsType);
        Assert.Single(ex.Failures);
        FailureNaming(ex, "KenyaSms:Resilience:AttemptTimeout", "must not exceed KenyaSms:Resilience:TotalTimeout");
    }

    [Fact]
    public async Task StartAsync_AttemptTimeoutAsAPlainNumber_SaysItIsReadAsDaysAndHowToWriteSeconds()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(("Resilience:AttemptTimeout", "10")));

        string failure = Assert.Single(ex.Failures, f => f.StartsWith("KenyaSms:Resilience:AttemptTimeout must be between", StringComparison.Ordinal));
        Assert.Contains("it is 10.00:00:00.", failure, StringComparison.Ordinal);
        Assert.Contains("A plain number is read as days (10 days here): for 10 seconds write 00:00:10.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_RaisedAttemptTimeoutAlone_StartsWithTheSamplingDurationRaisedToTwiceIt()
    {
        // Only AttemptTimeout (and TotalTimeout, which must hold it) set: the circuit's sampling window, a setting the
        // user never touched, follows instead of failing start-up.
        KeyValuePair<string, string?>[] settings = [.. Settings(("Resilience:AttemptTimeout", "00:00:25"), ("Resilience:TotalTimeout", "00:01:00"))];
        await StartsFromConfigAsync(settings);

        var services = new ServiceCollection();
        services.AddKenyaSms(Config(settings).GetSection("KenyaSms"));
        using ServiceProvider provider = services.BuildServiceProvider();
        SmsResilienceOptions r = provider.GetRequiredService<IOptions<KenyaSmsOptions>>().Value.Resilience;
        Assert.Equal(TimeSpan.FromSeconds(50), r.CircuitBreakerSamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), new SmsResilienceOptions().CircuitBreakerSamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), new SmsResilienceOptions { AttemptTimeout = TimeSpan.FromSeconds(15) }.CircuitBreakerSamplingDuration);
    }

    [Fact]
    public async Task StartAsync_CircuitSamplingShorterThanTwoAttemptTimeouts_Fails()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(
            ("Resilience:AttemptTimeout", "00:00:10"),
            ("Resilience:CircuitBreakerSamplingDuration", "00:00:19")));

        Assert.Single(ex.Failures);
        FailureNaming(ex, "KenyaSms:Resilience:CircuitBreakerSamplingDuration", "twice");
    }

    [Fact]
    public async Task StartAsync_CircuitSamplingExactlyTwoAttemptTimeouts_Starts()
    {
        await StartsFromConfigAsync(Settings(
            ("Resilience:AttemptTimeout", "00:00:10"),
            ("Resilience:CircuitBreakerSamplingDuration", "00:00:20")));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("11")]
    [InlineData("1000")]
    public async Task StartAsync_MaxRetryAttemptsOutOfRange_Fails(string value)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(("Resilience:MaxRetryAttempts", value)));

        Assert.Single(ex.Failures);
        FailureNaming(ex, "KenyaSms:Resilience:MaxRetryAttempts", "between 0 and 10");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10")]
    public async Task StartAsync_MaxRetryAttemptsAtTheLimits_Starts(string value)
    {
        await StartsFromConfigAsync(Settings(("Resilience:MaxRetryAttempts", value)));
    }

    [Theory]
    [InlineData("Resilience:BaseDelay", "-00:00:01")]
    [InlineData("Resilience:AttemptTimeout", "00:00:00")]
    [InlineData("Resilience:TotalTimeout", "02:00:00")]
    [InlineData("Resilience:CircuitBreakerFailureRatio", "0")]
    [InlineData("Resilience:CircuitBreakerFailureRatio", "1.5")]
    [InlineData("Resilience:CircuitBreakerMinimumThroughput", "1")]
    [InlineData("Resilience:CircuitBreakerBreakDuration", "00:00:00.1")]
    [InlineData("Resilience:MaxConcurrentRequests", "0")]
    [InlineData("Resilience:MaxResponseBytes", "100")]
    [InlineData("Qserve:MaxRecipientsPerRequest", "0")]
    [InlineData("Qserve:MaxSegments", "0")]
    [InlineData("Qserve:MaxSegments", "21")]
    [InlineData("Synqtel:MaxMessagesPerRequest", "10001")]
    [InlineData("Synqtel:ServiceId", "-1")]
    public async Task StartAsync_NumberOutOfRange_FailsNamingTheSetting(string key, string value)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings((key, value)));

        FailureNaming(ex, "KenyaSms:" + key);
    }

    [Fact]
    public async Task StartAsync_ResilienceSetToNullInCode_Fails()
    {
        OptionsValidationException ex = await StartFailsAsync(s => s.AddKenyaSms(o => o.Resilience = null!).AddSynqtel(o => (o.ApiKey, o.SenderName) = (SynqtelKey, "MYCO")));

        FailureNaming(ex, "KenyaSms:Resilience", "KenyaSms:Resilience is required");
    }

    // ---- unknown keys ----

    [Fact]
    public async Task StartAsync_MisspelledApiKey_FailsNamingTheMisspelledKey()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(("Synqtel:ApiKey", null), ("Synqtel:ApiKye", Secret)));

        FailureNaming(ex, "KenyaSms:Synqtel:ApiKye", "not a known setting");
        FailureNaming(ex, "KenyaSms:Synqtel:ApiKey ", "required");
    }

    [Fact]
    public async Task StartAsync_MisspelledKeyBesideTheRightOne_StillFails()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(("Qserve:UserName", "acme-ke"), ("Qserve:Usrname", "acme-ke")));

        FailureNaming(ex, "KenyaSms:Qserve:Usrname", "not a known setting");
        Assert.Single(ex.Failures);
    }

    [Theory]
    [InlineData("DefaultProvder", "synqtel", "KenyaSms:DefaultProvder")]
    [InlineData("Twilio:ApiKey", "x", "KenyaSms:Twilio")]
    [InlineData("Resilience:MaxRetries", "3", "KenyaSms:Resilience:MaxRetries")]
    public async Task StartAsync_UnknownKey_FailsNamingIt(string key, string value, string path)
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings((key, value)));

        Assert.Equal(typeof(KenyaSmsOptions), ex.OptionsType);
        FailureNaming(ex, path, "not a known setting");
    }

    [Fact]
    public async Task StartAsync_KeysInAnotherCase_AreKnown()
    {
        await StartsFromConfigAsync(Settings(
            ("Synqtel:ApiKey", null),
            ("synqtel:apikey", SynqtelKey),
            ("resilience:maxretryattempts", "2"),
            ("defaultprovider", "synqtel")));
    }

    // ---- provider names ----

    [Fact]
    public async Task StartAsync_DefaultProviderNotRegistered_FailsListingTheRegistered()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(
            ("Qserve:Username", null), ("Qserve:ApiKey", null), ("Qserve:SenderId", null), ("DefaultProvider", "qserve")));

        FailureNaming(ex, "KenyaSms:DefaultProvider", "'qserve' is not a registered provider", "Registered: synqtel");
    }

    [Fact]
    public async Task StartAsync_FailoverNamesUnregisteredProvider_FailsNamingTheEntry()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(("Failover:0", "synqtel"), ("Failover:1", "africastalking")));

        FailureNaming(ex, "KenyaSms:Failover:1", "'africastalking' is not a registered provider");
    }

    [Fact]
    public async Task StartAsync_FailoverListsAProviderTwice_Fails()
    {
        OptionsValidationException ex = await StartFailsFromConfigAsync(Settings(("Failover:0", "synqtel"), ("Failover:1", "qserve"), ("Failover:2", "Synqtel")));

        FailureNaming(ex, "KenyaSms:Failover:2", "listed twice");
    }

    [Fact]
    public async Task StartAsync_ProviderNamesInAnotherCase_AreAccepted()
    {
        await StartsFromConfigAsync(Settings(("DefaultProvider", "Synqtel"), ("Failover:0", "SYNQTEL"), ("Failover:1", "Qserve")));
    }

    [Fact]
    public async Task StartAsync_NoProviderButDefaultProviderSet_FailsSayingNoneRegistered()
    {
        OptionsValidationException ex = await StartFailsAsync(s => s.AddKenyaSms(o => o.DefaultProvider = "synqtel"));

        FailureNaming(ex, "KenyaSms:DefaultProvider", "Registered: (none)");
    }

    // ---- path prefix ----

    [Fact]
    public async Task StartAsync_BoundFromOtherSection_MessagesUseThatSectionsPath()
    {
        OptionsValidationException ex = await StartFailsAsync(s =>
            s.AddKenyaSms(Config(Settings("Sms", ("Synqtel:ApiKey", null))).GetSection("Sms")));

        FailureNaming(ex, "Sms:Synqtel:ApiKey");
        Assert.DoesNotContain("KenyaSms:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_BoundFromNestedSection_MessagesUseTheFullPath()
    {
        OptionsValidationException ex = await StartFailsAsync(s =>
            s.AddKenyaSms(Config(Settings("App:Sms", ("Resilience:MaxRetryAttempts", "99"))).GetSection("App:Sms")));

        FailureNaming(ex, "App:Sms:Resilience:MaxRetryAttempts");
    }

    [Fact]
    public async Task StartAsync_ConfiguredInCode_MessagesUseKenyaSmsPath()
    {
        OptionsValidationException ex = await StartFailsAsync(s => s.AddKenyaSms().AddSynqtel(o => o.SenderName = "MYCO"));

        FailureNaming(ex, "KenyaSms:Synqtel:ApiKey");
    }

    // ---- repeated registration ----

    [Fact]
    public async Task StartAsync_SameSectionRegisteredTwice_ReportsEachProblemOnce()
    {
        var config = Config(Settings(("DefaultProvider", "twilio"), ("Extra", "x")));

        OptionsValidationException ex = await StartFailsAsync(s =>
        {
            s.AddKenyaSms(config.GetSection("KenyaSms"));
            s.AddKenyaSms(config.GetSection("KenyaSms"));
            s.AddKenyaSms(o => o.Resilience.MaxRetryAttempts = 2);
        });

        Assert.Equal(typeof(KenyaSmsOptions), ex.OptionsType);
        FailureNaming(ex, "KenyaSms:DefaultProvider", "'twilio'");
        FailureNaming(ex, "KenyaSms:Extra");
        Assert.Equal(2, ex.Failures.Count());
    }

    [Fact]
    public async Task StartAsync_CodeThenConfigurationFromOtherSections_ChecksEverySectionAndNamesTheFirst()
    {
        var config = Config(Settings("Sms", ("Resilience:MaxRetrys", "1")).Concat(Settings("Backup", ("Extra", "1"))));

        OptionsValidationException ex = await StartFailsAsync(s =>
        {
            s.AddKenyaSms(o => o.Failover.Add("twilio"));
            s.AddKenyaSms(config.GetSection("Sms"));
            s.AddKenyaSms(config.GetSection("Backup"));
        });

        FailureNaming(ex, "Sms:Resilience:MaxRetrys");
        FailureNaming(ex, "Backup:Extra");
        FailureNaming(ex, "Sms:Failover:0");
        Assert.Equal(3, ex.Failures.Count());
    }

    // ---- without a host ----

    [Fact]
    public void Resolve_InvalidOptionsWithoutHost_FirstResolveThrows()
    {
        using ServiceProvider sp = BuildFromConfig(Settings(("Synqtel:ApiKey", null), ("DefaultProvider", "synqtel")));

        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<SynqtelSmsGateway>());
        FailureNaming(ex, "KenyaSms:Synqtel:ApiKey");
        Assert.Throws<OptionsValidationException>(() => sp.GetRequiredKeyedService<ISmsGateway>("synqtel"));
        Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<ISmsGateway>());
        Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<ISmsGatewayFactory>().Get("synqtel"));
    }

    [Fact]
    public void Resolve_InvalidSharedOptionsWithoutHost_FirstResolveOfAProviderThrows()
    {
        using ServiceProvider sp = BuildFromConfig(Settings(("Resilience:MaxRetryAttempts", "-1")));

        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredKeyedService<ISmsGateway>("qserve"));
        FailureNaming(ex, "KenyaSms:Resilience:MaxRetryAttempts");
    }

    [Fact]
    public void Resolve_ValidOptionsWithoutHost_Resolves()
    {
        using ServiceProvider sp = BuildFromConfig(Settings(("DefaultProvider", "qserve")));

        Assert.IsType<QserveSmsGateway>(sp.GetRequiredService<ISmsGateway>());
        Assert.IsType<SynqtelSmsGateway>(sp.GetRequiredKeyedService<ISmsGateway>("synqtel"));
    }
}
