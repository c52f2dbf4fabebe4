using KenyaSms.AfricasTalking;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds providers to a KenyaSms registration; returned by <c>AddKenyaSms</c>.</summary>
public interface IKenyaSmsBuilder
{
    /// <summary>The service collection the providers are added to.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Adds the 254sms gateway (keyed <c>"qserve"</c>, HttpClient <c>"KenyaSms.Qserve"</c>). Settings are
    /// bound from the <c>Qserve</c> section when registered from configuration, then <paramref name="configure"/> runs.
    /// </summary>
    /// <param name="configure">Sets or overrides settings.</param>
    /// <returns>This builder.</returns>
    IKenyaSmsBuilder AddQserve(Action<QserveOptions>? configure = null);

    /// <summary>
    /// Adds the Synqtel gateway (keyed <c>"synqtel"</c>, HttpClient <c>"KenyaSms.Synqtel"</c>). Settings are
    /// bound from the <c>Synqtel</c> section when registered from configuration, then <paramref name="configure"/> runs.
    /// </summary>
    /// <param name="configure">Sets or overrides settings.</param>
    /// <returns>This builder.</returns>
    IKenyaSmsBuilder AddSynqtel(Action<SynqtelOptions>? configure = null);

    /// <summary>
    /// Adds the Africa's Talking gateway (keyed <c>"africastalking"</c>, HttpClient <c>"KenyaSms.AfricasTalking"</c>). Settings
    /// are bound from the <c>AfricasTalking</c> section when registered from configuration, then <paramref name="configure"/> runs.
    /// </summary>
    /// <param name="configure">Sets or overrides settings.</param>
    /// <returns>This builder.</returns>
    IKenyaSmsBuilder AddAfricasTalking(Action<AfricasTalkingOptions>? configure = null);
}
