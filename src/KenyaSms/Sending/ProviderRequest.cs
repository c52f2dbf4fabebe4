using KenyaSms.Http;

namespace KenyaSms.Sending;

/// <summary>One request to a provider: the operation's name (for logs and telemetry), the method, the path relative to the base address, and the body.</summary>
internal readonly record struct ProviderRequest(string Operation, HttpMethod Method, string Path, TrackedJsonContent? Body);
