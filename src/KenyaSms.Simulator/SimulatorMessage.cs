namespace KenyaSms.Simulator;

/// <summary>A message the simulator accepted (and charged): one text to one recipient.</summary>
/// <param name="MessageId">The simulator's id; increasing and unique across both providers.</param>
/// <param name="Provider">The provider that accepted it.</param>
/// <param name="Mobile">The recipient in E.164 form, e.g. <c>+254722310558</c>.</param>
/// <param name="Text">The message text.</param>
/// <param name="Sender">The sender ID or sender name it was sent with.</param>
/// <param name="ClientReference">The Synqtel <c>client_ref</c> as text, or null.</param>
/// <param name="Segments">The SMS segments it costs (one credit each).</param>
/// <param name="RequestIndex">The <see cref="SimulatorRequest.Index"/> of the request that carried it.</param>
/// <param name="AcceptedAt">When it was accepted.</param>
public sealed record SimulatorMessage(
    string MessageId,
    SimulatorProvider Provider,
    string Mobile,
    string Text,
    string Sender,
    string? ClientReference,
    int Segments,
    int RequestIndex,
    DateTimeOffset AcceptedAt);
