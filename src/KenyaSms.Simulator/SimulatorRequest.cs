namespace KenyaSms.Simulator;

/// <summary>A request whose body the simulator read in full: what "the provider received".</summary>
/// <param name="Index">Arrival order, from 0 (across both providers, reset by <see cref="SimulatorLedger.Reset"/>).</param>
/// <param name="Provider">The provider it was addressed to.</param>
/// <param name="Endpoint">The endpoint, e.g. <c>sendsms</c>; for an unknown path the last path segment.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The request target as sent, e.g. <c>/sms/mobile?mobile=712244243&amp;return=json</c>.</param>
/// <param name="Headers">Every request header, unredacted (API keys included: the simulator's keys are not secrets).</param>
/// <param name="Body">The body as UTF-8 text.</param>
/// <param name="ReceivedAt">When the body had been read.</param>
/// <param name="Outcome">Answered, aborted, or still pending.</param>
/// <param name="StatusCode">The HTTP status answered, when <paramref name="Outcome"/> is <see cref="SimulatorRequestOutcome.Answered"/>.</param>
/// <param name="Fault">The injected fault played on it, e.g. <c>Status(502, processed)</c>, or null.</param>
public sealed record SimulatorRequest(
    int Index,
    SimulatorProvider Provider,
    string Endpoint,
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt,
    SimulatorRequestOutcome Outcome,
    int? StatusCode,
    string? Fault);
