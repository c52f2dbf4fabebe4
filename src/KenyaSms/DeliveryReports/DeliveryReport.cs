using KenyaSms.Telemetry;

namespace KenyaSms;

/// <summary>A provider's report on one sent message, as posted to your delivery-report URL.</summary>
/// <remarks>Read one with <see cref="DeliveryReportParser.TryParse(string, ReadOnlySpan{byte}, string?, out DeliveryReport?)"/>; build one yourself in tests of your own handler.</remarks>
public sealed class DeliveryReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="provider">The provider key, e.g. <c>"synqtel"</c>.</param>
    /// <param name="messageId">The provider's message ID (equal to <see cref="SmsRecipientResult.MessageId"/> of the send).</param>
    /// <param name="phoneNumber">E.164 when the number is valid, otherwise as received.</param>
    /// <param name="status">The mapped status.</param>
    /// <param name="providerStatus">The provider's raw status value (empty when it sent none).</param>
    /// <param name="providerDescription">The provider's raw status description, if any.</param>
    /// <param name="deliveredAt">When the provider says the status was reached, if it said.</param>
    /// <param name="senderId">The sender ID the message went out with, if reported.</param>
    /// <param name="network">The network of the number.</param>
    public DeliveryReport(
        string provider,
        string messageId,
        string phoneNumber,
        DeliveryStatus status,
        string providerStatus,
        string? providerDescription = null,
        DateTimeOffset? deliveredAt = null,
        string? senderId = null,
        MobileNetwork network = MobileNetwork.Unknown)
    {
        Throw.IfNullOrWhiteSpace(provider);
        Throw.IfNullOrWhiteSpace(messageId);
        Throw.IfNull(phoneNumber);
        Throw.IfNull(providerStatus);
        Provider = provider;
        MessageId = messageId;
        PhoneNumber = phoneNumber;
        Status = status;
        ProviderStatus = providerStatus;
        ProviderDescription = providerDescription;
        DeliveredAt = deliveredAt;
        SenderId = senderId;
        Network = network;
    }

    /// <summary>The provider key, e.g. <c>"synqtel"</c>.</summary>
    public string Provider { get; }

    /// <summary>The provider's message ID; matches <see cref="SmsRecipientResult.MessageId"/> of the send.</summary>
    public string MessageId { get; }

    /// <summary>E.164 when the number is a valid Kenyan mobile number, otherwise as received.</summary>
    public string PhoneNumber { get; }

    /// <summary>The status, mapped from the provider's description first, then its status value.</summary>
    public DeliveryStatus Status { get; }

    /// <summary>The provider's raw status value (Synqtel <c>dlrStatus</c>, e.g. <c>"1"</c>; Africa's Talking <c>status</c>, e.g. <c>"Success"</c>); empty when it sent none.</summary>
    public string ProviderStatus { get; }

    /// <summary>The provider's raw description (Synqtel <c>dlrDesc</c>, e.g. <c>"DeliveredToTerminal"</c>; Africa's Talking <c>failureReason</c>, e.g. <c>"UserInBlackList"</c>, see <see cref="AfricasTalking.AfricasTalkingFailureReasons"/>).</summary>
    public string? ProviderDescription { get; }

    /// <summary>
    /// When the status was reached, as the provider says (Synqtel <c>dlrTime</c>, East Africa Time, UTC+03:00);
    /// null when missing or unreadable.
    /// </summary>
    public DateTimeOffset? DeliveredAt { get; }

    /// <summary>The sender ID the message went out with (Synqtel <c>sourceaddr</c>).</summary>
    public string? SenderId { get; }

    /// <summary>The network of the number, as the provider reports it or, failing that, by its prefix.</summary>
    public MobileNetwork Network { get; }

    /// <summary>Describes the report with the phone number masked.</summary>
    /// <returns>A log-safe description.</returns>
    public override string ToString() =>
        $"DeliveryReport {{ Provider = {Provider}, MessageId = {MessageId}, PhoneNumber = {Redact.Phone(PhoneNumber)}, Status = {Status}, ProviderStatus = {ProviderStatus}, ProviderDescription = {ProviderDescription}, DeliveredAt = {DeliveredAt:O} }}";
}
