using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.DependencyInjection;

/// <summary>Resolves the keyed gateway singletons by provider key, ignoring case.</summary>
internal sealed class SmsGatewayFactory : ISmsGatewayFactory
{
    private readonly IServiceProvider _services;
    private readonly string[] _names;

    public SmsGatewayFactory(IServiceProvider services, IEnumerable<GatewayRegistration> registrations)
    {
        _services = services;
        _names = [.. registrations.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyCollection<string> Names => _names;

    public ISmsGateway Get(string name)
    {
        Throw.IfNullOrWhiteSpace(name);
        foreach (string known in _names)
        {
            if (string.Equals(known, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return _services.GetRequiredKeyedService<ISmsGateway>(known);
            }
        }

        throw new KeyNotFoundException(_names.Length == 0
            ? $"No SMS gateway named '{name}': no provider is registered. Call AddKenyaSms(...).AddQserve(), .AddSynqtel() or .AddAfricasTalking()."
            : $"No SMS gateway named '{name}'. Registered: {string.Join(", ", _names)}.");
    }
}
