namespace KenyaSms.AspNetCore;

/// <summary>Your code that acts on delivery reports; resolved from a request scope, so it may use scoped services.</summary>
/// <remarks>
/// It is called once per new report of a message, never with a status older than one it has finished, and never for
/// two reports of one message at once. The provider gets 200 only after it returns; if it throws, the answer is 500
/// and the provider's retry is passed to it again. It can see a report twice (a call running over a minute, a store
/// that forgot the message), so make it idempotent, e.g. by setting a status by message ID.
/// </remarks>
public interface IDeliveryReportHandler
{
    /// <summary>Handles one report.</summary>
    /// <param name="report">The report; <see cref="DeliveryReport.MessageId"/> equals <see cref="SmsRecipientResult.MessageId"/> of the send.</param>
    /// <param name="cancellationToken">Cancelled when the provider disconnects.</param>
    /// <returns>A task that completes when the report is handled.</returns>
    Task HandleAsync(DeliveryReport report, CancellationToken cancellationToken);
}
