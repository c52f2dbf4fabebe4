using KenyaSms;
using KenyaSms.AfricasTalking;
using KenyaSms.DependencyInjection;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Replaces KenyaSms gateways with a <see cref="FakeSmsGateway"/> in a service collection.</summary>
public static class FakeSmsGatewayServiceCollectionExtensions
{
    // Every provider key a keyed ISmsGateway is registered under, whether or not configuration names the provider.
    private static readonly string[] ProviderNames = [QserveSmsGateway.ProviderName, SynqtelSmsGateway.ProviderName, AfricasTalkingSmsGateway.ProviderName];

    // The service types AddFakeSmsGateway owns: every registration of them is removed and replaced.
    private static readonly HashSet<Type> Replaced =
    [
        typeof(ISmsGateway), typeof(ISmsGatewayFactory), typeof(ISmsNumberLookup), typeof(FakeSmsGateway),
        typeof(QserveSmsGateway), typeof(SynqtelSmsGateway), typeof(AfricasTalkingSmsGateway),
    ];

    /// <summary>
    /// Replaces every way to reach an SMS gateway with one <see cref="FakeSmsGateway"/>, so that no code path of the
    /// container can send a real SMS: the default <see cref="ISmsGateway"/> (and the failover chain, which it would have
    /// been), the keyed <see cref="ISmsGateway"/> of <c>"qserve"</c>, <c>"synqtel"</c> and <c>"africastalking"</c> (whether
    /// or not configuration has their sections) and of any other key registered before, <see cref="ISmsGatewayFactory"/>
    /// (its <see cref="ISmsGatewayFactory.Names"/> are the configured providers, or the fake's name when none is, and it
    /// hands the fake out for those and for the three provider keys), and <see cref="ISmsNumberLookup"/>. The fake is also
    /// registered as itself, so tests can inject it and assert on <see cref="FakeSmsGateway.Sent"/>. Resolving a concrete
    /// adapter (<see cref="QserveSmsGateway"/>, <see cref="SynqtelSmsGateway"/>, <see cref="AfricasTalkingSmsGateway"/>)
    /// throws <see cref="InvalidOperationException"/> saying what to inject instead. With <c>AddKenyaSms(...)</c> the fake
    /// applies the sending policies (safe mode, the suppression list) as the real gateways do. Works whether it is called
    /// before or after <c>AddKenyaSms(...)</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="fake">The fake to use; a new one (named <c>"fake"</c>, answering with Synqtel's codes) when null.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFakeSmsGateway(this IServiceCollection services, FakeSmsGateway? fake = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        fake ??= new FakeSmsGateway();
        var keys = new List<string>(ProviderNames);
        for (int i = services.Count - 1; i >= 0; i--)
        {
            ServiceDescriptor d = services[i];
            if (Replaced.Contains(d.ServiceType))
            {
                if (d.IsKeyedService && d.ServiceKey is string key && d.ServiceType == typeof(ISmsGateway))
                {
                    keys.Add(key);
                }

                services.RemoveAt(i);
            }
        }

        // The fake takes the sending policies from the container that hands it out.
        services.AddSingleton(sp =>
        {
            fake.Attach(sp);
            return fake;
        });
        services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<FakeSmsGateway>());
        services.AddSingleton<ISmsNumberLookup>(sp => sp.GetRequiredService<FakeSmsGateway>());
        foreach (string key in keys.Distinct(StringComparer.Ordinal))
        {
            services.AddKeyedSingleton<ISmsGateway>(key, (sp, _) => sp.GetRequiredService<FakeSmsGateway>());
        }

        services.AddSingleton<ISmsGatewayFactory>(sp => new FakeSmsGatewayFactory(sp.GetRequiredService<FakeSmsGateway>(), sp.GetServices<GatewayRegistration>().Select(r => r.Name)));
        services.AddSingleton<QserveSmsGateway>(_ => throw Refused(nameof(QserveSmsGateway), QserveSmsGateway.ProviderName, lookup: false));
        services.AddSingleton<SynqtelSmsGateway>(_ => throw Refused(nameof(SynqtelSmsGateway), SynqtelSmsGateway.ProviderName, lookup: true));
        services.AddSingleton<AfricasTalkingSmsGateway>(_ => throw Refused(nameof(AfricasTalkingSmsGateway), AfricasTalkingSmsGateway.ProviderName, lookup: false));
        return services;
    }

    private static InvalidOperationException Refused(string type, string provider, bool lookup) => new(
        $"AddFakeSmsGateway() replaced every SMS gateway with a FakeSmsGateway, so the real {type} (which would send real SMS) cannot be resolved. "
        + $"Inject ISmsGateway, [FromKeyedServices(\"{provider}\")] ISmsGateway or ISmsGatewayFactory instead"
        + (lookup ? ", and ISmsNumberLookup for LookupAsync" : string.Empty)
        + "; in the test, inject FakeSmsGateway to script and inspect the sends.");

    private sealed class FakeSmsGatewayFactory : ISmsGatewayFactory
    {
        private readonly FakeSmsGateway _fake;
        private readonly string[] _names;

        public FakeSmsGatewayFactory(FakeSmsGateway fake, IEnumerable<string> configured)
        {
            _fake = fake;
            _names = [.. configured.Distinct(StringComparer.OrdinalIgnoreCase)];
            if (_names.Length == 0)
            {
                _names = [fake.Name];
            }
        }

        public IReadOnlyCollection<string> Names => _names;

        public ISmsGateway Get(string name)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            string key = name.Trim();
            return _names.Contains(key, StringComparer.OrdinalIgnoreCase) || ProviderNames.Contains(key, StringComparer.OrdinalIgnoreCase)
                || string.Equals(key, _fake.Name, StringComparison.OrdinalIgnoreCase)
                ? _fake
                : throw new KeyNotFoundException($"No SMS gateway named '{name}'. Registered: {string.Join(", ", _names)} (and, with the fake, {string.Join(", ", ProviderNames)}).");
        }
    }
}
