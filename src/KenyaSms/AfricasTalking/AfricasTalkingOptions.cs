namespace KenyaSms.AfricasTalking;

/// <summary>Settings of the Africa's Talking gateway; configuration section <c>KenyaSms:AfricasTalking</c>.</summary>
public sealed class AfricasTalkingOptions
{
    /// <summary>The live host's API root.</summary>
    public static readonly Uri LiveAddress = new("https://api.africastalking.com/version1/");

    /// <summary>The sandbox host's API root (messages reach AT's web simulator only, never a phone).</summary>
    public static readonly Uri SandboxAddress = new("https://api.sandbox.africastalking.com/version1/");

    /// <summary>The account's username (sent in the form body; not a secret). Must be <c>sandbox</c> with <see cref="Sandbox"/>.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>The API key, sent only in the <c>apiKey</c> header. Never logged.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>An approved alphanumeric sender ID or short code; null: AT's shared default sender (no <c>from</c> field).</summary>
    public string? SenderId { get; set; }

    /// <summary>Use AT's sandbox host; <see cref="Username"/> must then be <c>sandbox</c>.</summary>
    public bool Sandbox { get; set; }

    /// <summary>The API root; null: <see cref="LiveAddress"/> or <see cref="SandboxAddress"/> by <see cref="Sandbox"/>. Plain http only to a loopback host (the simulator).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Recipients per <c>messaging</c> request (1-10,000; default 1,000, AT's guidance for large batches being <see cref="Enqueue"/>).</summary>
    public int MaxRecipientsPerRequest { get; set; } = 1000;

    /// <summary>The most SMS segments a message may have (1-20; default 6).</summary>
    public int MaxSegments { get; set; } = 6;

    /// <summary>Send <c>enqueue=1</c>: AT queues a large batch and answers at once (recipients come back 102 Queued). Default false (<c>enqueue=0</c>, sent explicitly).</summary>
    public bool Enqueue { get; set; }

    /// <summary>
    /// The most messages (recipients) per second this process sends to Africa's Talking (a token bucket; a request of N
    /// recipients takes N permits); null: no limit. Per process, read when the gateway is created.
    /// </summary>
    public int? MaxMessagesPerSecond { get; set; }

    /// <summary>The API root this configuration uses.</summary>
    internal Uri EffectiveBaseAddress => BaseAddress ?? (Sandbox ? SandboxAddress : LiveAddress);

    /// <inheritdoc/>
    public override string ToString() =>
        $"AfricasTalkingOptions {{ Username = {Username}, ApiKey = {Telemetry.Redact.Secret(ApiKey)}, SenderId = {SenderId ?? "(AT's default)"}, Sandbox = {Sandbox}, BaseAddress = {EffectiveBaseAddress}, MaxRecipientsPerRequest = {MaxRecipientsPerRequest}, MaxSegments = {MaxSegments}, Enqueue = {Enqueue}, MaxMessagesPerSecond = {MaxMessagesPerSecond} }}";
}
