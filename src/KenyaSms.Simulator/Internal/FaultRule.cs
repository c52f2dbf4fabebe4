namespace KenyaSms.Simulator.Internal;

/// <summary>One injected fault: for the next N requests, or a percentage of them with its own dice.</summary>
internal sealed class FaultRule
{
    private readonly Random? _dice;
    private int _remaining;

    public FaultRule(SimulatorProvider provider, string endpoint, SimulatorFault fault, int? count, double? percent, int? seed)
    {
        Provider = provider;
        Endpoint = endpoint;
        Fault = fault;
        _remaining = count ?? 0;
        Percent = percent;
        _dice = percent is null ? null : seed is { } s ? new Random(s) : new Random();
    }

    public SimulatorProvider Provider { get; }

    public string Endpoint { get; }

    public SimulatorFault Fault { get; }

    public double? Percent { get; }

    /// <summary>Requests left for a count rule; 0 for a percentage rule.</summary>
    public int Remaining => _remaining;

    public bool Matches(SimulatorProvider provider, string endpoint) =>
        provider == Provider && (Endpoint == SimulatorFaults.AnyEndpoint || Endpoint == endpoint);

    /// <summary>Whether the rule fires on this request; called under the owner's lock.</summary>
    public bool Fires(out bool usedUp)
    {
        usedUp = false;
        if (_dice is not null)
        {
            return _dice.NextDouble() * 100 < Percent;
        }

        usedUp = --_remaining == 0;
        return true;
    }
}
