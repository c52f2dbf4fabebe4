namespace KenyaSms;

/// <summary>Where one (idempotency key, recipient) pair stands in an <see cref="ISmsSendLedger"/>.</summary>
public enum SmsLedgerState
{
    /// <summary>Claimed by a sender whose request is going out now (or was, when that sender died: see the lease).</summary>
    Sending,

    /// <summary>A provider accepted it: never sent again; a repeat is answered from the entry.</summary>
    Sent,

    /// <summary>Refused for this recipient for certain (invalid number, DND, network, suppressed): never sent again.</summary>
    Rejected,

    /// <summary>Certainly never reached a provider (refused, failed before the body, cancelled before it started): the next send may claim it.</summary>
    NotSent,

    /// <summary>
    /// Its request may have reached a provider, and the outcome is not known (an answer lost, a sender that died past its
    /// lease). Never sent again by the SDK; a person resolves it with <see cref="ISmsSendLedger.ReleaseAsync"/> or
    /// <see cref="ISmsSendLedger.MarkSentAsync"/> after checking delivery reports.
    /// </summary>
    Uncertain,
}
