namespace KenyaSms;

/// <summary>
/// One (idempotency key, recipient) pair as an <see cref="ISmsSendLedger"/> keeps it: no message text and no API key,
/// only a hash of what was sent.
/// </summary>
/// <param name="Key">The message's <see cref="SmsMessage.IdempotencyKey"/>.</param>
/// <param name="PhoneNumber">The recipient, E.164 (<c>+254722123456</c>).</param>
/// <param name="State">Where the pair stands.</param>
/// <param name="ContentHash">A hash of the sender and text sent with this key, so a key reused for another text is detected.</param>
/// <param name="Token">The claim's owner (host, process and a random part): fences every write after the claim.</param>
public sealed record SmsLedgerEntry(string Key, string PhoneNumber, SmsLedgerState State, string ContentHash, string Token)
{
    /// <summary>Until when a <see cref="SmsLedgerState.Sending"/> claim waits for its outcome; after that it reads as <see cref="SmsLedgerState.Uncertain"/>.</summary>
    public DateTimeOffset LeaseExpires { get; init; }

    /// <summary>When the entry was last written (claim or outcome); retention counts from here.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The provider that accepted or refused it (<c>"synqtel"</c>, <c>"qserve"</c>), once known.</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's message ID of an accepted send.</summary>
    public string? MessageId { get; init; }

    /// <summary>The cost the provider reported.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The provider's (or the SDK's) status code of the outcome, e.g. <c>"1000"</c>, <c>"1012"</c>.</summary>
    public string? StatusCode { get; init; }

    /// <summary>The outcome's error (<see cref="SmsErrorCode.None"/> when sent).</summary>
    public SmsErrorCode Error { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"SmsLedgerEntry {{ Key = {Key}, PhoneNumber = {Telemetry.Redact.Phone(PhoneNumber)}, State = {State}, Provider = {Provider}, MessageId = {MessageId} }}";
}
