namespace KenyaSms.Synqtel;

/// <summary>Settings for the Synqtel gateway; configuration section <c>KenyaSms:Synqtel</c>.</summary>
public sealed class SynqtelOptions
{
    /// <summary>Your Synqtel API key (64 characters). Required; sent only in the <c>h_api_key</c> header, never logged.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The default sender name (1-11 letters, digits or spaces, or a numeric short code). Required.</summary>
    public string SenderName { get; set; } = string.Empty;

    /// <summary>The service ID; 0 for bulk messaging.</summary>
    public int ServiceId { get; set; }

    /// <summary>The API base address. Plain <c>http</c> is refused unless the host is loopback.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.synqtel.com/sms/");

    /// <summary>How many messages go into one <c>sendmultiple</c> request; larger batches are split.</summary>
    public int MaxMessagesPerRequest { get; set; } = 500;

    /// <summary>
    /// The most messages (recipients) this process sends to the provider per second, or null for no limit. A token
    /// bucket holding one second of messages: a request of N recipients waits for N permits (nothing is sent while it
    /// waits, and the wait is not an attempt), and requests are cut to at most this many recipients. Per process: N
    /// processes sending through one account may together send N times this rate. Read at start-up; 1 or more.
    /// </summary>
    public int? MaxMessagesPerSecond { get; set; }

    /// <summary>Describes the settings with the API key masked.</summary>
    /// <returns>A log-safe description.</returns>
    public override string ToString() =>
        $"SynqtelOptions {{ ApiKey = {Telemetry.Redact.Secret(ApiKey)}, SenderName = {SenderName}, ServiceId = {ServiceId}, BaseAddress = {BaseAddress}, MaxMessagesPerRequest = {MaxMessagesPerRequest}, MaxMessagesPerSecond = {MaxMessagesPerSecond} }}";
}
