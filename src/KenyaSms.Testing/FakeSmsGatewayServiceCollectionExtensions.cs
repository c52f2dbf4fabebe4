using KenyaSms;
using KenyaSms.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Replaces KenyaSms gateways with a <see cref="FakeSmsGateway"/> in a service collection.</summary>
public static class FakeSmsGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Replaces every registered <see cref="ISmsGateway"/> (the default one and every keyed one, e.g.
    /// <c>"synqtel"</c>) and <see cref="ISmsGatewayFactory"/> with one <see cref="FakeSmsGateway"/>, also
    /// registered as itself so tests can inject it and assert on <see cref="FakeSmsGateway.Sent"/>.
    /// Call it after <c>AddKenyaSms(...)</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="fake">The fake to use; a new one when null.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFakeSmsGateway(this IServiceCollection services, FakeSmsGateway? fake = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        fake ??= new FakeSmsGateway();
        var keys = new List<string>();
        for (int i = services.Count - 1; i >= 0; i--)
        {
            ServiceDescriptor d = services[i];
            if (d.ServiceType == typeof(ISmsGateway) || d.ServiceType == typeof(ISmsGatewayFactory) || d.ServiceType == typeof(FakeSmsGateway))
            {
                if (d.IsKeyedService && d.ServiceKey is string key && d.ServiceType == typeof(ISmsGateway))
                {
                    keys.Add(key);
                }

                services.RemoveAt(i);
            }
        }

        services.AddSingleton(fake);
        services.AddSingleton<ISmsGateway>(fake);
        foreach (string key in keys.Distinct(StringComparer.Ordinal))
        {
            services.AddKeyedSingleton<ISmsGateway>(key, fake);
        }

        services.AddSingleton<ISmsGatewayFactory>(new FakeSmsGatewayFactory(fake, keys));
        return services;
    }

    private sealed class FakeSmsGatewayFactory : ISmsGatewayFactory
    {
        private readonly FakeSmsGateway _fake;
        private readonly string[] _names;

        public FakeSmsGatewayFactory(FakeSmsGateway fake, IEnumerable<string> names)
        {
            _fake = fake;
            _names = [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
            if (_names.Length == 0)
            {
                _names = [fake.Name];
            }
        }

        public IReadOnlyCollection<string> Names => _names;

        public ISmsGateway Get(string name)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            return _names.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase) || string.Equals(name, _fake.Name, StringComparison.OrdinalIgnoreCase)
                ? _fake
                : throw new KeyNotFoundException($"No SMS gateway named '{name}'. Registered: {string.Join(", ", _names)}.");
        }
    }
}
