namespace KenyaSms.Simulator.Control;

/// <summary>An active fault rule as <c>GET /_simulator/faults</c> lists it.</summary>
internal sealed record FaultView(SimulatorProvider Provider, string Endpoint, string Fault, int? Remaining, double? Percent);

/// <summary>The body of <c>PUT /_simulator/credits/{provider}</c>.</summary>
internal sealed record CreditsUpdate(decimal? Credits);

/// <summary>What the control API answers when a request is wrong.</summary>
internal sealed record ControlError(string Error);
