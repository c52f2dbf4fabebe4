using System.Collections.Concurrent;
using KenyaSms.Telemetry;

namespace KenyaSms.Policies;

/// <summary>The rate limiters of a container, one per provider, disposed (timers stopped) with the container.</summary>
internal sealed class ProviderRateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<string, ProviderRateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly SmsTelemetry _telemetry;

    public ProviderRateLimiters(TimeProvider time, SmsTelemetry telemetry)
    {
        _time = time;
        _telemetry = telemetry;
    }

    /// <summary><paramref name="provider"/>'s limiter, or null when <paramref name="messagesPerSecond"/> is null (no limit).</summary>
    public ProviderRateLimiter? For(string provider, int? messagesPerSecond) =>
        messagesPerSecond is { } rate ? _limiters.GetOrAdd(provider, p => new ProviderRateLimiter(p, rate, _time, _telemetry)) : null;

    public void Dispose()
    {
        foreach (ProviderRateLimiter limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
