namespace KenyaSms.AspNetCore;

/// <summary>Settings of the delivery-report endpoint; validated at start-up.</summary>
public sealed class DeliveryReportEndpointOptions
{
    /// <summary>The default of <see cref="MaxBodyBytes"/>: 8 KB, many times a real report.</summary>
    internal const int DefaultMaxBodyBytes = 8192;

    /// <summary>
    /// The secrets the provider must present, in the <c>X-KenyaSms-Secret</c> header (recommended: no request log
    /// records it) or in the route's <c>{secret}</c>: one, or two while rotating. Each at least 16 characters of
    /// letters, digits, <c>-</c>, <c>.</c>, <c>_</c> or <c>~</c> (so it can travel in a URL). Required.
    /// </summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>The largest body accepted, in bytes (256 to 1,048,576); larger bodies are answered 413. Default 8192.</summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Describes the settings without the secrets.</summary>
    /// <returns>A log-safe description.</returns>
    public override string ToString() => $"DeliveryReportEndpointOptions {{ Secrets = {Secrets.Count} set, MaxBodyBytes = {MaxBodyBytes} }}";
}
