namespace KenyaSms;

/// <summary>Settings of the KenyaSms health check (<c>AddKenyaSmsHealthCheck</c>).</summary>
public sealed class KenyaSmsHealthCheckOptions
{
    /// <summary>The provider to check (<c>"synqtel"</c>, <c>"qserve"</c>, <c>"africastalking"</c>); null checks every registered provider.</summary>
    public string? Provider { get; set; }

    /// <summary>
    /// Below this balance the check reports Degraded, so you hear about it before sends fail. Default 100. Read in the
    /// provider's unit: SMS credits for 254sms and Synqtel, money (the balance's currency, e.g. KES) for Africa's Talking.
    /// </summary>
    public decimal DegradedBelowCredits { get; set; } = 100m;

    /// <summary>How long a balance (or a failure) is reused before the provider is asked again. Default 1 minute.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);
}
