namespace KenyaSms;

/// <summary>The outcome of a send: one entry per input recipient, in input order.</summary>
public sealed class SmsSendResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="provider">The provider that handled the send.</param>
    /// <param name="recipients">One entry per input recipient, in input order.</param>
    /// <param name="creditBalance">The balance the provider reported, if any.</param>
    public SmsSendResult(string provider, IReadOnlyList<SmsRecipientResult> recipients, decimal? creditBalance = null)
    {
        Throw.IfNull(provider);
        Throw.IfNull(recipients);
        Provider = provider;
        Recipients = recipients;
        CreditBalance = creditBalance;
        int accepted = 0;
        for (int i = 0; i < recipients.Count; i++) // not foreach: that boxes the list's enumerator
        {
            if (recipients[i].IsAccepted)
            {
                accepted++;
            }
        }

        AcceptedCount = accepted;
        RejectedCount = recipients.Count - accepted;
    }

    /// <summary>The provider that handled the send (for a failover chain, the one that accepted it).</summary>
    public string Provider { get; }

    /// <summary>One entry per input recipient, in input order.</summary>
    public IReadOnlyList<SmsRecipientResult> Recipients { get; }

    /// <summary>True when every recipient was accepted.</summary>
    public bool IsSuccess => RejectedCount == 0 && Recipients.Count > 0;

    /// <summary>How many recipients the provider accepted.</summary>
    public int AcceptedCount { get; }

    /// <summary>How many recipients were rejected (by the SDK or the provider).</summary>
    public int RejectedCount { get; }

    /// <summary>The credit balance the provider reported with the send, when it does.</summary>
    public decimal? CreditBalance { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"SmsSendResult {{ Provider = {Provider}, Accepted = {AcceptedCount}, Rejected = {RejectedCount} }}";
}
