namespace KenyaSms.DependencyInjection;

/// <summary>Records that a provider was registered, for the factory and the validators.</summary>
internal sealed record GatewayRegistration(string Name);
