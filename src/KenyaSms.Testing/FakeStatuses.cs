using KenyaSms.AfricasTalking;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;

namespace KenyaSms.Testing;

/// <summary>
/// The statuses a <see cref="FakeSmsGateway"/> answers with: each built by the SDK's own map of the provider it imitates,
/// from the code that provider's API gives (the reference documents; where they are silent, what the KenyaSms simulator
/// answers), so they equal what the real gateway reports for the same situation.
/// </summary>
internal abstract class FakeStatuses
{
    /// <summary>Whether the provider gives a message ID (and a cost) for an accepted recipient; 254sms gives neither.</summary>
    public virtual bool GivesMessageIds => true;

    /// <summary>Whether a result of a multi-recipient send carries a client reference the gateway generated (Synqtel's <c>client_ref</c>).</summary>
    public virtual bool GeneratesClientRefs => false;

    public static FakeStatuses For(string name) => name.Trim().ToUpperInvariant() switch
    {
        "QSERVE" or "254SMS" => new QserveStatuses(),
        "AFRICASTALKING" => new AfricasTalkingStatuses(),
        _ => new SynqtelStatuses(),
    };

    /// <summary>An accepted recipient's status; <paramref name="single"/>: Synqtel's sendsms rather than sendmultiple.</summary>
    public SmsStatus Accepted(string name, bool single) => Named(AcceptedStatus(single), name);

    /// <summary>A recipient rejected with <paramref name="error"/>: the provider's code for it, or the fake's own when it has none.</summary>
    public SmsStatus Rejected(string name, SmsErrorCode error, bool single) =>
        RejectedStatus(error, single) is { } status
            ? Named(status, name)
            : new SmsStatus(name, "fake:" + error, $"Rejected by the fake: {error} (no provider code for it).", error, IsSuccess: false, IsTransient: false);

    protected abstract SmsStatus AcceptedStatus(bool single);

    protected abstract SmsStatus? RejectedStatus(SmsErrorCode error, bool single);

    // The maps name the provider by its key; a fake named otherwise ("fake", "254sms") reports its own name, as its results do.
    // Built with the constructor, not `with`: an init setter of the netstandard2.0 build of KenyaSms has another signature
    // (its own IsExternalInit), so a `with` compiled here fails with MissingMethodException there. None of these statuses is
    // "may have been sent" (an init-only property), so the constructor says all.
    private static SmsStatus Named(SmsStatus status, string name)
    {
        System.Diagnostics.Debug.Assert(!status.MayHaveBeenSent, "the fake's statuses are never 'may have been sent'");
        return string.Equals(status.Provider, name, StringComparison.Ordinal)
            ? status
            : new SmsStatus(name, status.Code, status.Description, status.Error, status.IsSuccess, status.IsTransient);
    }

    /// <summary>
    /// Synqtel: <c>sendsms</c> answers the table's code (<c>1012</c> Mobile number in DND), <c>sendmultiple</c> the table's
    /// Status ID as <c>schedule_status</c> (<c>13</c> for the same row). Only 1002, 1003 and 1012 concern one recipient.
    /// </summary>
    private sealed class SynqtelStatuses : FakeStatuses
    {
        public override bool GeneratesClientRefs => true;

        protected override SmsStatus AcceptedStatus(bool single) =>
            single ? SynqtelStatusMap.Map("1000", "Success") : SynqtelStatusMap.MapSchedule("1", "Success");

        protected override SmsStatus? RejectedStatus(SmsErrorCode error, bool single)
        {
            (string code, string statusId)? row = error switch
            {
                SmsErrorCode.NetworkNotAllowed => ("1002", "3"),
                SmsErrorCode.InvalidPhoneNumber => ("1003", "4"),
                SmsErrorCode.DoNotDisturb => ("1012", "13"),
                _ => null,
            };

            // No description given: the map uses the reference table's, which is what Synqtel sends.
            return row is not { } r ? null : single ? SynqtelStatusMap.Map(r.code, null) : SynqtelStatusMap.MapSchedule(r.statusId, null);
        }
    }

    /// <summary>Africa's Talking: per-recipient <c>statusCode</c> with its <c>status</c> word (<c>Success</c> when accepted).</summary>
    private sealed class AfricasTalkingStatuses : FakeStatuses
    {
        protected override SmsStatus AcceptedStatus(bool single) => AfricasTalkingStatusMap.Map("101", "Success");

        protected override SmsStatus? RejectedStatus(SmsErrorCode error, bool single)
        {
            string? code = error switch
            {
                SmsErrorCode.RiskHold => "401",
                SmsErrorCode.InvalidSenderId => "402",
                SmsErrorCode.InvalidPhoneNumber => "403",
                SmsErrorCode.InsufficientCredits => "405",
                SmsErrorCode.OptedOut => "406",
                SmsErrorCode.NetworkNotAllowed => "407",
                SmsErrorCode.DoNotDisturb => "409",
                SmsErrorCode.ProviderInternalError => "500",
                _ => null,
            };

            // No word given: the map uses the code's name (DoNotDisturbRejection, UserInBlacklist ...), which is AT's status word.
            return code is null ? null : AfricasTalkingStatusMap.Map(code, null);
        }
    }

    /// <summary>
    /// 254sms: <c>messageDetails</c> says <c>2</c> "Successfully Sent" for an accepted recipient and gives no message ID or
    /// cost. Its reference shows no per-recipient refusal (it delivers to DND numbers), so every rejection is the fake's own.
    /// </summary>
    private sealed class QserveStatuses : FakeStatuses
    {
        public override bool GivesMessageIds => false;

        protected override SmsStatus AcceptedStatus(bool single) => QserveStatusMap.MapRecipient("2", "Successfully Sent");

        protected override SmsStatus? RejectedStatus(SmsErrorCode error, bool single) => null;
    }
}
