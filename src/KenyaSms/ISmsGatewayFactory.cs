namespace KenyaSms;

/// <summary>Resolves registered gateways by provider key.</summary>
public interface ISmsGatewayFactory
{
    /// <summary>Gets the gateway registered under <paramref name="name"/>.</summary>
    /// <param name="name">The provider key, e.g. <c>"synqtel"</c> (case-insensitive).</param>
    /// <returns>The gateway.</returns>
    /// <exception cref="KeyNotFoundException">No gateway has that name; the message lists the known ones.</exception>
    ISmsGateway Get(string name);

    /// <summary>The keys of the registered gateways.</summary>
    IReadOnlyCollection<string> Names { get; }
}
