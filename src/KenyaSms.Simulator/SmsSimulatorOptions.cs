namespace KenyaSms.Simulator;

/// <summary>How a <see cref="SmsSimulator"/> behaves: the credentials it accepts, the credits it starts with, which
/// numbers misbehave, and where delivery reports go. The defaults work with no changes.</summary>
public sealed class SmsSimulatorOptions
{
    /// <summary>The 254sms username accepted by default.</summary>
    public const string DefaultQserveUsername = "simulator";

    /// <summary>The 254sms API key accepted by default.</summary>
    public const string DefaultQserveApiKey = "sim-qserve-key";

    /// <summary>The Synqtel <c>h_api_key</c> accepted by default (64 hex characters, like a real one).</summary>
    public const string DefaultSynqtelApiKey = "5157e1a70f5e7c0de5157e1a70f5e7c0de5157e1a70f5e7c0de5157e1a70f5e7";

    /// <summary>The Africa's Talking <c>username</c> accepted by default.</summary>
    public const string DefaultAfricasTalkingUsername = "simulator";

    /// <summary>The Africa's Talking <c>apiKey</c> header accepted by default (64 hex characters, like a real one).</summary>
    public const string DefaultAfricasTalkingApiKey = "atsk_0d1e5a7c9b3f4e2d8a6c0b1f3e5d7a9c2b4d6f8e0a1c3e5f7b9d2a4c6e8f0a1b";

    /// <summary>
    /// Where to listen, e.g. <c>http://127.0.0.1:5254</c> (several separated by <c>;</c>). Null: a free port on
    /// 127.0.0.1, the right choice for tests.
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>The 254sms <c>username</c> accepted; another one gets <c>X003</c>.</summary>
    public string QserveUsername { get; set; } = DefaultQserveUsername;

    /// <summary>The 254sms <c>api_key</c> accepted; another one gets <c>X001</c>.</summary>
    public string QserveApiKey { get; set; } = DefaultQserveApiKey;

    /// <summary>The Synqtel <c>h_api_key</c> header accepted; another one gets <c>1013</c>, none at all <c>1006</c>.</summary>
    public string SynqtelApiKey { get; set; } = DefaultSynqtelApiKey;

    /// <summary>The Africa's Talking <c>username</c> accepted (form body or query string); another one gets HTTP 401.</summary>
    public string AfricasTalkingUsername { get; set; } = DefaultAfricasTalkingUsername;

    /// <summary>The Africa's Talking <c>apiKey</c> header accepted; another one, or none, gets HTTP 401.</summary>
    public string AfricasTalkingApiKey { get; set; } = DefaultAfricasTalkingApiKey;

    /// <summary>The Africa's Talking account balance at start, in KES (it is money there, not credits).</summary>
    public decimal AfricasTalkingBalance { get; set; } = 1_000m;

    /// <summary>What Africa's Talking charges per message part per recipient, in KES (<c>"KES 0.8000"</c>).</summary>
    public decimal AfricasTalkingCostPerPart { get; set; } = 0.8m;

    /// <summary>Africa's Talking sender IDs (<c>from</c>) accepted; empty means any. Others get the <c>InvalidSenderId</c> refusal.</summary>
    public IList<string> AfricasTalkingSenderIds { get; } = [];

    /// <summary>Numbers that blocked the sender: Africa's Talking answers <c>406 UserInBlacklist</c> for them.</summary>
    public IList<string> BlacklistedNumbers { get; } = [];

    /// <summary>The 254sms credits at start (one credit per segment per recipient).</summary>
    public long QserveCredits { get; set; } = 10_000;

    /// <summary>The Synqtel credits at start (one credit per segment per recipient).</summary>
    public long SynqtelCredits { get; set; } = 10_000;

    /// <summary>Synqtel sender names (<c>sender_name</c>, <c>shortcode</c>) accepted; empty means any. Others get <c>1001</c>.</summary>
    public IList<string> SynqtelSenderNames { get; } = [];

    /// <summary>Numbers on the Do-Not-Disturb list, in any common form: Synqtel answers <c>1012</c> for them, Africa's Talking
    /// <c>409 DoNotDisturbRejection</c> (254sms delivers to them).</summary>
    public IList<string> DndNumbers { get; } = [];

    /// <summary>Networks Synqtel refuses with <c>1002</c> and Africa's Talking with <c>407 CouldNotRoute</c> (judged by the number's prefix).</summary>
    public IList<MobileNetwork> BlockedNetworks { get; } = [];

    /// <summary>Numbers whose delivery report says <c>DeliveryImpossible</c> (Synqtel) or <c>Failed</c> (Africa's Talking) instead of delivered.</summary>
    public IList<string> UndeliverableNumbers { get; } = [];

    /// <summary>Whether the Synqtel account is suspended: every Synqtel request gets <c>1011</c>.</summary>
    public bool SynqtelAccountSuspended { get; set; }

    /// <summary>Where Synqtel delivery reports are posted; null sends none. Can be changed later on <see cref="SmsSimulator.DeliveryReportUrl"/>.</summary>
    public Uri? DeliveryReportUrl { get; set; }

    /// <summary>
    /// Where Africa's Talking delivery reports are posted (form-encoded, as AT posts them); null sends none. Can be changed
    /// later on <see cref="SmsSimulator.AfricasTalkingDeliveryReportUrl"/>.
    /// </summary>
    public Uri? AfricasTalkingDeliveryReportUrl { get; set; }

    /// <summary>How long after accepting a Synqtel or Africa's Talking message its delivery report is posted; zero posts at once.</summary>
    public TimeSpan DeliveryReportDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock for delays, delivery-report times and ledger times; tests may pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
