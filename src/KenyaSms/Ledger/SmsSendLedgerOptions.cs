namespace KenyaSms;

/// <summary>Settings of the send ledger; configuration section <c>KenyaSms:Ledger</c>.</summary>
public sealed class SmsSendLedgerOptions
{
    /// <summary>
    /// How long a claim waits for its outcome; after that an unfinished claim reads as Uncertain. Must exceed the
    /// longest a send can take (<c>Resilience:TotalTimeout</c> + <c>Resilience:CancellationGracePeriod</c>). Default 2 min.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Entries last written longer ago than this are purged (never one still Sending): by each process that sends, at its
    /// first claim and then at most once an hour, in the background. Keep it longer than the longest a job can be retried
    /// later, since a purged pair would be sent again. At least 1 hour. Default 30 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <inheritdoc/>
    public override string ToString() => $"SmsSendLedgerOptions {{ Lease = {Lease}, Retention = {Retention} }}";
}
