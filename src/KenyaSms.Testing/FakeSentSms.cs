namespace KenyaSms.Testing;

/// <summary>One SMS the fake accepted: one recipient of one message.</summary>
/// <param name="PhoneNumber">The recipient in E.164 form.</param>
/// <param name="Text">The text.</param>
/// <param name="SenderId">The sender ID used (the message's, or the fake's default).</param>
/// <param name="ClientReference">The message's client reference, if any.</param>
/// <param name="MessageId">The message ID the fake assigned.</param>
/// <param name="Segments">How many SMS segments the text takes.</param>
public sealed record FakeSentSms(string PhoneNumber, string Text, string SenderId, string? ClientReference, string MessageId, int Segments)
{
    /// <summary>Describes the SMS with the number masked.</summary>
    /// <returns>A log-safe description.</returns>
    public override string ToString() =>
        $"FakeSentSms {{ PhoneNumber = {KenyaSms.Telemetry.Redact.Phone(PhoneNumber)}, MessageId = {MessageId}, Segments = {Segments} }}";
}
