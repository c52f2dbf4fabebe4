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
    /// <remarks>
    /// A message must suit every provider of the chain, since any of them may have to send it. Before the first
    /// request, the chain checks each message against each provider's limits (text length in segments, e.g.
    /// <c>Qserve:MaxSegments</c>; sender ID); one that any provider would refuse throws <see cref="ArgumentException"/>
    /// naming that provider and its limit, and nothing is sent, even when the first provider could have carried it.
    /// </remarks>
    public IList<string> Failover { get; } = [];

    /// <summary>Timeouts, retries and the circuit breaker, applied to every provider.</summary>
    public SmsResilienceOptions Resilience { get; set; } = new();

    /// <summary>Safe mode: only the allowlisted numbers receive SMS (section <c>KenyaSms:SafeMode</c>). Enable it in every environment but production.</summary>
    public SmsSafeModeOptions SafeMode { get; set; } = new();

    /// <inheritdoc/>
    public override string ToString() =>
        $"KenyaSmsOptions {{ DefaultProvider = {DefaultProvider}, Failover = [{string.Join(", ", Failover)}], SafeMode = {SafeMode?.Enabled == true} }}";
}
