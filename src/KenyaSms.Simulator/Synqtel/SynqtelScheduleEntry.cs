namespace KenyaSms.Simulator.Synqtel;

/// <summary>One <c>schedule_details</c> entry of a sendmultiple answer.</summary>
/// <param name="MessageId">The id, or 0 when the entry was refused.</param>
/// <param name="ClientRefJson">The request's <c>client_ref</c> as raw JSON (a number stays a number), or null.</param>
/// <param name="Mobile">The mobile as the request gave it.</param>
/// <param name="Code">The status code (1000 accepted, else why not).</param>
/// <param name="NetworkId">The network id, <c>""</c> when refused.</param>
/// <param name="Cost">Credits charged.</param>
internal sealed record SynqtelScheduleEntry(long MessageId, string? ClientRefJson, string Mobile, int Code, string NetworkId, int Cost);
