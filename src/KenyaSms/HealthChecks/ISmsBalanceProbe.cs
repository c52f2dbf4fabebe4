namespace KenyaSms.HealthChecks;

/// <summary>A gateway that can ask for its balance once, without the retries a send or a read gets: the health check's probe.</summary>
internal interface ISmsBalanceProbe
{
    /// <summary>One balance request, never retried; fails at once when the provider is down.</summary>
    Task<SmsBalance> ProbeBalanceAsync(CancellationToken cancellationToken);
}
