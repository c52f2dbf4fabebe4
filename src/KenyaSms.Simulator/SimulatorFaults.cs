using KenyaSms.Simulator.Internal;

namespace KenyaSms.Simulator;

/// <summary>
/// The faults waiting to be played, per provider and endpoint. Thread-safe. Rules are tried in the order they
/// were injected; the first that fires decides the request's fate.
/// </summary>
/// <example>
/// <code>
/// sim.Faults.Inject(SimulatorProvider.Synqtel, "sendsms", SimulatorFault.AbortAfterReadingRequest(), count: 1);
/// sim.Faults.InjectPercentage(SimulatorProvider.Qserve, "*", SimulatorFault.BadGateway(), percent: 20, seed: 42);
/// </code>
/// </example>
public sealed class SimulatorFaults
{
    /// <summary>The endpoint name that matches every endpoint of a provider.</summary>
    public const string AnyEndpoint = "*";

    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = [];

    internal SimulatorFaults()
    {
    }

    /// <summary>How many rules are still active (count rules not used up, and every percentage rule).</summary>
    public int ActiveCount
    {
        get { lock (_gate) { return _rules.Count; } }
    }

    /// <summary>Plays <paramref name="fault"/> on the next <paramref name="count"/> requests to the endpoint.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="endpoint">The endpoint, e.g. <c>sendsms</c>, <c>sendmultiple</c>, <c>getbalance</c>, <c>mobile</c>,
    /// <c>credits</c>, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests it applies to; at least 1.</param>
    /// <exception cref="ArgumentException">The endpoint is not one of the provider's.</exception>
    public void Inject(SimulatorProvider provider, string endpoint, SimulatorFault fault, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Add(new FaultRule(provider, CheckEndpoint(provider, endpoint), fault, count, percent: null, seed: null));
    }

    /// <summary>Plays <paramref name="fault"/> on about <paramref name="percent"/> % of the endpoint's requests, until <see cref="Clear"/>.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="endpoint">The endpoint, or <see cref="AnyEndpoint"/>.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="percent">0-100.</param>
    /// <param name="seed">Seeds the dice, so a run can be repeated exactly; null for a random seed.</param>
    /// <exception cref="ArgumentException">The endpoint is not one of the provider's.</exception>
    public void InjectPercentage(SimulatorProvider provider, string endpoint, SimulatorFault fault, double percent, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!(percent >= 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentage is 0 to 100.");
        }

        Add(new FaultRule(provider, CheckEndpoint(provider, endpoint), fault, count: null, percent, seed));
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The fault to play on this request, if any; uses up one count of a count rule.</summary>
    internal SimulatorFault? Next(SimulatorProvider provider, string endpoint)
    {
        lock (_gate)
        {
            for (int i = 0; i < _rules.Count; i++)
            {
                FaultRule rule = _rules[i];
                if (rule.Matches(provider, endpoint) && rule.Fires(out bool usedUp))
                {
                    if (usedUp)
                    {
                        _rules.RemoveAt(i);
                    }

                    return rule.Fault;
                }
            }

            return null;
        }
    }

    internal IReadOnlyList<FaultRule> Snapshot()
    {
        lock (_gate)
        {
            return [.. _rules];
        }
    }

    private static string CheckEndpoint(SimulatorProvider provider, string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        string name = endpoint.Trim().Trim('/').ToLowerInvariant();
        if (name != AnyEndpoint && !Endpoints.Of(provider).Contains(name))
        {
            throw new ArgumentException(
                $"'{endpoint}' is not a {provider} endpoint; use one of {string.Join(", ", Endpoints.Of(provider))} or {AnyEndpoint}.",
                nameof(endpoint));
        }

        return name;
    }

    private void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }
}
