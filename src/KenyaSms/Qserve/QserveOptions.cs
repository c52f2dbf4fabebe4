namespace KenyaSms.Qserve;

/// <summary>Settings for the 254sms (Qserve) gateway; configuration section <c>KenyaSms:Qserve</c>.</summary>
public sealed class QserveOptions
{
    /// <summary>Your 254sms account username. Required.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>Your 254sms API key. Required; sent only inside the JSON body, never logged.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The default sender ID (1-11 letters, digits or spaces, or a numeric short code).</summary>
    public string SenderId { get; set; } = "254sms";

    /// <summary>The API base address. Plain <c>http</c> is refused unless the host is loopback.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.qserve.co.ke/version1/");

    /// <summary>How many recipients go into one <c>sendsms</c> request; larger sends are split.</summary>
    public int MaxRecipientsPerRequest { get; set; } = 500;

    /// <summary>The longest text accepted, in SMS segments; a longer text is refused before any request.</summary>
    public int MaxSegments { get; set; } = 6;

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
        $"QserveOptions {{ Username = {Username}, ApiKey = {Telemetry.Redact.Secret(ApiKey)}, SenderId = {SenderId}, BaseAddress = {BaseAddress}, MaxRecipientsPerRequest = {MaxRecipientsPerRequest}, MaxSegments = {MaxSegments}, MaxMessagesPerSecond = {MaxMessagesPerSecond} }}";
}
