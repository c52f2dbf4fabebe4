namespace KenyaSms.AspNetCore;

/// <summary>Your code that acts on delivery reports; resolved from a request scope, so it may use scoped services.</summary>
/// <remarks>
/// It is called once per distinct (message ID, status), never with a status older than one it has already seen.
/// If it throws, the endpoint answers 500, forgets the report and the provider's retry is passed to it again.
/// </remarks>
public interface IDeliveryReportHandler
{
    /// <summary>Handles one report.</summary>
    /// <param name="report">The report; <see cref="DeliveryReport.MessageId"/> equals <see cref="SmsRecipientResult.MessageId"/> of the send.</param>
    /// <param name="cancellationToken">Cancelled when the provider disconnects.</param>
    /// <returns>A task that completes when the report is handled.</returns>
    Task HandleAsync(DeliveryReport report, CancellationToken cancellationToken);
}
