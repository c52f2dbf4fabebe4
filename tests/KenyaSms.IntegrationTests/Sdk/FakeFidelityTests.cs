using System.Globalization;
using KenyaSms.Simulator;
using KenyaSms.Synqtel;
using KenyaSms.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>
/// The fake answers what the real gateways answer (issue 16.3, issue 17.2). Each scenario runs twice on the same
/// configuration: once through the real adapter against the simulator over loopback HTTP, once through
/// <c>AddFakeSmsGateway(new FakeSmsGateway(provider))</c> scripted with what the provider does to such numbers. Per
/// recipient, the number, whether it was accepted, the raw code and description, the mapped error, the transient and
/// "may have been sent" flags, the network, the client reference and whether a message ID came back must be equal.
/// Sending policies (safe mode, the suppression list, AutoSuppress) are part of the configuration and apply to both.
/// </summary>
public sealed class FakeFidelityTests
{
    private const string Number = "0722310558";
    private const string Other = "0711222333";
    private const string Airtel = "0733123456";
    private const string Sender = "ACME";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string provider in (string[])["qserve", "synqtel", "africastalking"])
        {
            foreach (string scenario in Scenarios.Keys)
            {
                data.Add(provider, scenario);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Scenario_FakeAnswersWhatTheRealGatewayAnswers(string provider, string scenario)
    {
        Scenario s = Scenarios[scenario];
        await using SmsSimulator sim = await SmsSimulator.StartAsync(SimulatorOptions(s));
        await using ServiceProvider real = Container(sim, s, fake: null);
        await using ServiceProvider fake = Container(sim, s, Script(new FakeSmsGateway(provider), provider, s));

        List<string> realSide = await RunAsync(real, provider, s);
        List<string> fakeSide = await RunAsync(fake, provider, s);

        Assert.Equal(realSide, fakeSide);
        Assert.NotEmpty(sim.Ledger.Requests); // the real side did go over HTTP
        if (Landmarks.TryGetValue((provider, scenario), out string? landmark))
        {
            Assert.Contains(realSide, line => line.Contains(landmark, StringComparison.Ordinal)); // the comparison is of what matters
        }
    }

    // What the README's status table says, seen on the real side: Synqtel's DND is 1012 on sendsms and 13 on sendmultiple.
    private static readonly Dictionary<(string, string), string> Landmarks = new()
    {
        [("synqtel", "one DND")] = "code=1012 desc=Mobile number in DND error=DoNotDisturb",
        [("synqtel", "DND, accepted, invalid and a duplicate in one send")] = "code=13 desc=Mobile number in DND error=DoNotDisturb",
        [("synqtel", "one DND with a client reference")] = "code=13 desc=Mobile number in DND error=DoNotDisturb",
        [("synqtel", "blocked network, alone and with others")] = "code=1002",
        [("africastalking", "one DND")] = "code=409 desc=DoNotDisturbRejection error=DoNotDisturb",
        [("africastalking", "blacklisted sender")] = "code=406 desc=UserInBlacklist error=OptedOut",
        [("africastalking", "blocked network, alone and with others")] = "code=407",
        [("qserve", "one DND")] = "accepted=True code=2 desc=Successfully Sent",
        [("qserve", "safe mode")] = "code=sdk:safe-mode",
        [("synqtel", "AutoSuppress after a DND refusal")] = "code=sdk:opted-out",
        [("africastalking", "suppression list, bypass for an OTP")] = "code=sdk:opted-out",
    };

    [Fact]
    public async Task Lookup_FakeAnswersWhatSynqtelsLookupAnswers()
    {
        var s = new Scenario([]) { Dnd = [Number] };
        await using SmsSimulator sim = await SmsSimulator.StartAsync(SimulatorOptions(s));
        await using ServiceProvider real = Container(sim, s, fake: null);
        await using ServiceProvider fake = Container(sim, s, Script(new FakeSmsGateway("synqtel"), "synqtel", s));

        foreach (string mobile in (string[])["0712 244 243", Airtel, Number, "+254770123456", "12345"])
        {
            PhoneNumberLookup expected = await real.GetRequiredService<ISmsNumberLookup>().LookupAsync(mobile);
            PhoneNumberLookup actual = await fake.GetRequiredService<ISmsNumberLookup>().LookupAsync(mobile);

            Assert.Equal((expected.PhoneNumber, expected.IsValid, expected.Network, expected.ProviderNetworkId), (actual.PhoneNumber, actual.IsValid, actual.Network, actual.ProviderNetworkId));
        }

        Assert.IsType<SynqtelSmsGateway>(real.GetRequiredService<ISmsNumberLookup>());
        Assert.IsType<FakeSmsGateway>(fake.GetRequiredService<ISmsNumberLookup>());
    }

    /// <summary>A named situation: the numbers the networks treat specially, the settings, and the sends to make.</summary>
    private sealed record Scenario(Func<ISmsGateway, Task<SmsSendResult>>[] Sends)
    {
        public string[] Dnd { get; init; } = [];

        /// <summary>Numbers whose network the providers refuse (the simulator blocks the whole network).</summary>
        public string[] Blocked { get; init; } = [];

        public string[] Blacklisted { get; init; } = [];

        public Dictionary<string, string?> Settings { get; init; } = [];

        public bool SuppressionList { get; init; }

        public string[] Suppressed { get; init; } = [];
    }

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["one accepted"] = new([g => g.SendAsync(Number, "Habari")]),
        ["one DND"] = new([g => g.SendAsync(Number, "Promo")]) { Dnd = [Number] },
        ["DND, accepted, invalid and a duplicate in one send"] = new([g => g.SendAsync([Number, Other, "12345", "0722 310 558"], "Promo")]) { Dnd = [Number] },
        ["one DND with a client reference"] = new([g => g.SendAsync(new SmsMessage(Number, "Promo") { ClientReference = "ref-1" })]) { Dnd = [Number] },
        ["blocked network, alone and with others"] = new([g => g.SendAsync(Airtel, "Hi"), g => g.SendAsync([Airtel, Number], "Hi")]) { Blocked = [Airtel] },
        ["blacklisted sender"] = new([g => g.SendAsync(Number, "Promo"), g => g.SendAsync([Number, Other], "Promo")]) { Blacklisted = [Number] },
        ["personalised batch with DND"] = new([g => g.SendBatchAsync(
            [
                new SmsMessage(Number, "Habari Wanjiku"),
                new SmsMessage([Other, "nonsense"], "Habari Otieno") { ClientReference = "loan-2" },
                new SmsMessage(Airtel, "Habari Akinyi"),
            ])]) { Dnd = [Number] },
        ["safe mode"] = new([g => g.SendAsync([Number, Other], "Staging"), g => g.SendAsync(Other, "Staging"), g => g.SendAsync(Number, "Staging")])
        {
            Settings = new() { ["KenyaSms:SafeMode:Enabled"] = "true", ["KenyaSms:SafeMode:AllowedNumbers:0"] = "+254722310558" },
        },
        ["suppression list, bypass for an OTP"] = new(
        [
            g => g.SendAsync([Number, Other], "Promo"),
            g => g.SendAsync(new SmsMessage(Other, "OTP 123456") { BypassSuppression = true }),
            g => g.SendAsync(Other, "Promo again"),
        ]) { SuppressionList = true, Suppressed = [Other] },
        ["AutoSuppress after a DND refusal"] = new([g => g.SendAsync(Number, "Promo"), g => g.SendAsync([Number, Other], "Promo again")])
        {
            Dnd = [Number],
            SuppressionList = true,
            Settings = new() { ["KenyaSms:Suppression:AutoSuppress"] = "true" },
        },
    };

    /// <summary>
    /// What each provider does to the numbers of a scenario, as its reference says and the simulator plays it, written as
    /// the fake's script: 254sms refuses none (it delivers to DND numbers), Synqtel refuses DND (1012) and blocked networks
    /// (1002), Africa's Talking blocked networks (407), DND (409) and senders the subscriber blacklisted (406).
    /// </summary>
    private static FakeSmsGateway Script(FakeSmsGateway fake, string provider, Scenario s)
    {
        switch (provider)
        {
            case "synqtel":
                fake.RejectNumbers(SmsErrorCode.NetworkNotAllowed, s.Blocked).RejectNumbers(SmsErrorCode.DoNotDisturb, s.Dnd);
                break;
            case "africastalking":
                // The simulator checks the network, then DND, then the blacklist: the first refusal wins, so script in reverse.
                fake.RejectNumbers(SmsErrorCode.OptedOut, s.Blacklisted).RejectNumbers(SmsErrorCode.DoNotDisturb, s.Dnd).RejectNumbers(SmsErrorCode.NetworkNotAllowed, s.Blocked);
                break;
        }

        return fake;
    }

    private static SmsSimulatorOptions SimulatorOptions(Scenario s)
    {
        var options = new SmsSimulatorOptions { DeliveryReportDelay = TimeSpan.Zero };
        foreach (string n in s.Dnd)
        {
            options.DndNumbers.Add(n);
        }

        foreach (string n in s.Blacklisted)
        {
            options.BlacklistedNumbers.Add(n);
        }

        foreach (MobileNetwork network in s.Blocked.Select(n => PhoneNumber.Parse(n).Network).Distinct())
        {
            options.BlockedNetworks.Add(network);
        }

        return options;
    }

    /// <summary>One configuration for both sides, pointing every provider at the simulator; the fake side adds the fake.</summary>
    private static ServiceProvider Container(SmsSimulator sim, Scenario s, FakeSmsGateway? fake)
    {
        var settings = new Dictionary<string, string?>(s.Settings)
        {
            ["KenyaSms:Resilience:BaseDelay"] = "00:00:00.001",
            ["KenyaSms:Qserve:BaseAddress"] = sim.QserveBaseAddress.AbsoluteUri,
            ["KenyaSms:Qserve:Username"] = sim.QserveUsername,
            ["KenyaSms:Qserve:ApiKey"] = sim.QserveApiKey,
            ["KenyaSms:Qserve:SenderId"] = Sender,
            ["KenyaSms:Synqtel:BaseAddress"] = sim.SynqtelBaseAddress.AbsoluteUri,
            ["KenyaSms:Synqtel:ApiKey"] = sim.SynqtelApiKey,
            ["KenyaSms:Synqtel:SenderName"] = Sender,
            ["KenyaSms:AfricasTalking:BaseAddress"] = sim.AfricasTalkingBaseAddress.AbsoluteUri,
            ["KenyaSms:AfricasTalking:Username"] = sim.AfricasTalkingUsername,
            ["KenyaSms:AfricasTalking:ApiKey"] = sim.AfricasTalkingApiKey,
            ["KenyaSms:AfricasTalking:SenderId"] = Sender,
        };
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        IKenyaSmsBuilder builder = services.AddKenyaSms(config.GetSection("KenyaSms"));
        if (s.SuppressionList)
        {
            builder.AddInMemorySuppressionList();
        }

        if (fake is not null)
        {
            services.AddFakeSmsGateway(fake);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async Task<List<string>> RunAsync(ServiceProvider services, string provider, Scenario s)
    {
        if (services.GetService<ISmsSuppressionList>() is { } list)
        {
            foreach (string n in s.Suppressed)
            {
                await list.SuppressAsync(PhoneNumber.Parse(n), "replied STOP");
            }
        }

        ISmsGateway gateway = services.GetRequiredKeyedService<ISmsGateway>(provider);
        var lines = new List<string>();
        for (int i = 0; i < s.Sends.Length; i++)
        {
            SmsSendResult result = await s.Sends[i](gateway).WaitAsync(TimeSpan.FromSeconds(30));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"send {i}: {result.Provider} accepted {result.AcceptedCount} rejected {result.RejectedCount} success {result.IsSuccess}"));
            lines.AddRange(result.Recipients.Select(Describe));
        }

        return lines;
    }

    // A client reference the caller gave is compared as it is; one the gateway generated (Synqtel's client_ref) by presence.
    private static string Describe(SmsRecipientResult r)
    {
        string reference = r.ClientReference switch
        {
            null => "-",
            "ref-1" or "loan-2" => r.ClientReference,
            _ => "generated",
        };
        SmsStatus st = r.Status;
        return $"  {r.PhoneNumber} accepted={r.IsAccepted} code={st.Code} desc={st.Description} error={st.Error} success={st.IsSuccess} "
            + $"transient={st.IsTransient} maybeSent={st.MayHaveBeenSent} provider={st.Provider} network={r.Network} ref={reference} id={(r.MessageId is null ? "none" : "yes")}";
    }
}
