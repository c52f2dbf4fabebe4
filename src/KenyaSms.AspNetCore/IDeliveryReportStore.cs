namespace KenyaSms.AspNetCore;

/// <summary>
/// Remembers the latest status passed to the handler for each message, so that duplicates and reports that would
/// move a status backwards are acknowledged without calling the handler again.
/// </summary>
/// <remarks>
/// <para>
/// The default, <see cref="InMemoryDeliveryReportStore"/>, serves one process. With several web servers behind a
/// load balancer, register one store that all of them share (over Redis or a database table, say):
/// <c>services.AddSingleton&lt;IDeliveryReportStore, MyRedisDeliveryReportStore&gt;()</c>.
/// </para>
/// <para>
/// The rule, which <see cref="TryRecordAsync"/> must apply atomically per (provider, message ID): statuses rank
/// <see cref="DeliveryStatus.Unknown"/> 0, <see cref="DeliveryStatus.Submitted"/> 1, and the finals
/// (<see cref="DeliveryStatus.Delivered"/>, <see cref="DeliveryStatus.Failed"/>, <see cref="DeliveryStatus.Expired"/>,
/// <see cref="DeliveryStatus.Rejected"/>) 2. A report is recorded, and passed on, when the message has no record yet
/// or its rank is higher than the recorded one. So the same status again is a duplicate, Submitted after a final is
/// ignored, and the first final status wins.
/// </para>
/// </remarks>
public interface IDeliveryReportStore
{
    /// <summary>Records the report's status unless it is a duplicate or a step backwards (see the rule above).</summary>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancelled when the provider disconnects.</param>
    /// <returns>True when the report was recorded and the handler should see it; false to acknowledge it and do nothing.</returns>
    ValueTask<bool> TryRecordAsync(DeliveryReport report, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes a <see cref="TryRecordAsync"/> that returned true for this report, because the handler failed: the
    /// message goes back to the status recorded before (or to no record), so the provider's retry is accepted.
    /// Does nothing when the message's recorded status is no longer the report's.
    /// </summary>
    /// <param name="report">The report whose recording to undo.</param>
    /// <param name="cancellationToken">A token; the endpoint passes <see cref="CancellationToken.None"/>, as the undo must not be skipped.</param>
    /// <returns>A task that completes when the record is undone.</returns>
    ValueTask RemoveAsync(DeliveryReport report, CancellationToken cancellationToken);
}
