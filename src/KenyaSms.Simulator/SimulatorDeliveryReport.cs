namespace KenyaSms.Simulator;

/// <summary>A delivery report the simulator posted (or tried to post) to the callback URL.</summary>
/// <param name="MessageId">The message it reports on.</param>
/// <param name="Mobile">The recipient in E.164 form.</param>
/// <param name="Delivered">True for delivered (Synqtel <c>DeliveredToTerminal</c>, Africa's Talking <c>Success</c>), false for
/// <c>DeliveryImpossible</c> / <c>Failed</c>.</param>
/// <param name="Url">Where it was posted.</param>
/// <param name="Body">The body posted: JSON for Synqtel, form-encoded for Africa's Talking.</param>
/// <param name="HttpStatus">The receiver's HTTP status, or null when the post failed before an answer.</param>
/// <param name="Error">Why the post failed (connection refused, timeout ...), or null.</param>
/// <param name="PostedAt">When the post finished.</param>
public sealed record SimulatorDeliveryReport(
    string MessageId,
    string Mobile,
    bool Delivered,
    Uri Url,
    string Body,
    int? HttpStatus,
    string? Error,
    DateTimeOffset PostedAt)
{
    /// <summary>The provider whose report it is.</summary>
    public SimulatorProvider Provider { get; init; } = SimulatorProvider.Synqtel;

    /// <summary>Whether the receiver answered with a 2xx status.</summary>
    public bool Succeeded => HttpStatus is >= 200 and < 300;
}
