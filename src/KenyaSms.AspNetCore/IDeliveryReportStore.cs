namespace KenyaSms.AspNetCore;

/// <summary>
/// Keeps one short record per message for the delivery-report endpoint: which statuses the handler has handled, and
/// whether a report of the message is being handled right now. The endpoint writes and reads the records; the store
/// only keeps them and replaces one atomically when it is still what the endpoint last read.
/// </summary>
/// <remarks>
/// <para>
/// The default, <see cref="InMemoryDeliveryReportStore"/>, serves one process. With several web servers behind a
/// load balancer, register one store that all of them share (over Redis or a database table, say):
/// <c>services.AddSingleton&lt;IDeliveryReportStore, MyRedisDeliveryReportStore&gt;()</c>.
/// </para>
/// <para>
/// A record is an opaque string of under 300 characters; store it as it is. A store may forget a record after some
/// days (a Redis expiry, a clean-up job): a report arriving after that reaches the handler again.
/// </para>
/// </remarks>
public interface IDeliveryReportStore
{
    /// <summary>Reads the message's record.</summary>
    /// <param name="provider">The provider key, e.g. <c>"synqtel"</c>.</param>
    /// <param name="messageId">The provider's message ID.</param>
    /// <param name="cancellationToken">Cancelled when the provider disconnects.</param>
    /// <returns>The record, or null when the message has none.</returns>
    ValueTask<string?> GetAsync(string provider, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the message's record with <paramref name="record"/>, atomically, only when the stored one is still
    /// <paramref name="expected"/> (compared ordinally; null means "the message has no record", so the call then adds one).
    /// </summary>
    /// <param name="provider">The provider key, e.g. <c>"synqtel"</c>.</param>
    /// <param name="messageId">The provider's message ID.</param>
    /// <param name="expected">The record as read by <see cref="GetAsync"/>, or null when there was none.</param>
    /// <param name="record">The new record.</param>
    /// <param name="cancellationToken">
    /// Cancelled when the provider disconnects; the endpoint passes <see cref="CancellationToken.None"/> once the
    /// handler has run, as that outcome must be written.
    /// </param>
    /// <returns>True when the record was replaced; false when the stored record was not <paramref name="expected"/>.</returns>
    ValueTask<bool> TryReplaceAsync(string provider, string messageId, string? expected, string record, CancellationToken cancellationToken);
}
