namespace KenyaSms;

/// <summary>Settings shared by all gateways; configuration section <c>KenyaSms</c>.</summary>
public sealed class KenyaSmsOptions
{
    /// <summary>
    /// The provider injected as the unkeyed <see cref="ISmsGateway"/> (<c>"qserve"</c> or <c>"synqtel"</c>).
    /// Optional when only one provider is registered or <see cref="Failover"/> is set.
    /// </summary>
    public string? DefaultProvider { get; set; }

    /// <summary>
    /// Providers to try in order, e.g. <c>["synqtel", "qserve"]</c>. When set, the unkeyed
    /// <see cref="ISmsGateway"/> moves to the next provider only when the previous one certainly did
    /// not send (<see cref="SmsGatewayException.MayHaveBeenSent"/> is false).
    /// </summary>
    public IList<string> Failover { get; } = [];

    /// <summary>Timeouts, retries and the circuit breaker, applied to every provider.</summary>
    public SmsResilienceOptions Resilience { get; set; } = new();

    /// <inheritdoc/>
    public override string ToString() =>
        $"KenyaSmsOptions {{ DefaultProvider = {DefaultProvider}, Failover = [{string.Join(", ", Failover)}] }}";
}
