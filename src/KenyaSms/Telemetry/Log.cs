using Microsoft.Extensions.Logging;

namespace KenyaSms.Telemetry;

/// <summary>
/// Every log line of the SDK. EventIds are stable: 1xxx core, 2xxx Qserve, 3xxx Synqtel.
/// Phone numbers are passed masked; message text only at Trace; secrets never.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Sending via {Provider} {Operation}: {RecipientCount} recipient(s), {Segments} segment(s) each, {Encoding}")]
    public static partial void Sending(ILogger logger, string provider, string operation, int recipientCount, int segments, SmsEncoding encoding);

    [LoggerMessage(1002, LogLevel.Trace, "Message text for {Provider}: {Text}")]
    public static partial void MessageText(ILogger logger, string provider, string text);

    [LoggerMessage(1003, LogLevel.Information, "Sent via {Provider}: {Accepted} accepted, {Rejected} rejected")]
    public static partial void Sent(ILogger logger, string provider, int accepted, int rejected);

    [LoggerMessage(1004, LogLevel.Debug, "Recipient {PhoneNumber} rejected by {Provider}: {Code} {Error}")]
    public static partial void RecipientRejected(ILogger logger, string phoneNumber, string provider, string code, SmsErrorCode error);

    [LoggerMessage(1005, LogLevel.Warning, "{Provider} {Operation} failed: {Error} (transient: {IsTransient}, may have been sent: {MayHaveBeenSent})")]
    public static partial void CallFailed(ILogger logger, string provider, string operation, SmsErrorCode error, bool isTransient, bool mayHaveBeenSent);

    [LoggerMessage(1006, LogLevel.Warning, "Retrying {Provider} {Operation}: attempt {Attempt} in {Delay} after {Reason}")]
    public static partial void Retrying(ILogger logger, string provider, string operation, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(1007, LogLevel.Error, "Circuit for {Provider} opened for {BreakDuration}")]
    public static partial void CircuitOpened(ILogger logger, string provider, TimeSpan breakDuration);

    [LoggerMessage(1008, LogLevel.Information, "Circuit for {Provider} closed")]
    public static partial void CircuitClosed(ILogger logger, string provider);

    [LoggerMessage(1009, LogLevel.Warning, "Failing over from {Provider} to {NextProvider}: {Error}, nothing was sent")]
    public static partial void FailingOver(ILogger logger, string provider, string nextProvider, SmsErrorCode error);

    [LoggerMessage(1010, LogLevel.Debug, "Recipient {PhoneNumber} is not a valid Kenyan mobile number; not sent")]
    public static partial void InvalidRecipient(ILogger logger, string phoneNumber);

    [LoggerMessage(1011, LogLevel.Debug, "Balance of {Provider}: {Credits}")]
    public static partial void Balance(ILogger logger, string provider, decimal credits);

    [LoggerMessage(1012, LogLevel.Information, "KenyaSms resilience settings changed; calls from now on use {Settings} (circuits start closed)")]
    public static partial void ResilienceReloaded(ILogger logger, string settings);

    [LoggerMessage(1013, LogLevel.Warning, "{Provider} {Operation}: a handler outside KenyaSms's sent the same send again while it may already have reached the provider; KenyaSms refused to send it twice")]
    public static partial void ResendRefused(ILogger logger, string provider, string operation);

    [LoggerMessage(1014, LogLevel.Warning, "{Provider} {Operation} was cancelled by the caller (may have been sent: {MayHaveBeenSent})")]
    public static partial void SendCanceled(ILogger logger, string provider, string operation, bool mayHaveBeenSent);

    [LoggerMessage(1015, LogLevel.Error, "{Provider}: the send ledger could not claim {Pairs} pair(s) ({Failure}); nothing was sent")]
    public static partial void LedgerClaimFailed(ILogger logger, string provider, int pairs, string failure);

    [LoggerMessage(1016, LogLevel.Warning, "{Provider}: recording {Pairs} outcome(s) in the send ledger failed (attempt {Attempt}, {Failure}); trying again")]
    public static partial void LedgerRecordRetrying(ILogger logger, string provider, int pairs, int attempt, string failure);

    [LoggerMessage(1017, LogLevel.Error, "{Provider}: {Pairs} outcome(s) could not be recorded in the send ledger ({Failure}); the results stand, and those pairs read as Uncertain after their lease")]
    public static partial void LedgerRecordFailed(ILogger logger, string provider, int pairs, string failure);

    [LoggerMessage(1018, LogLevel.Warning, "Safe mode is on: only the {Count} allowlisted number(s) receive SMS; every other recipient is rejected (Suppressed) and never sent")]
    public static partial void SafeModeOn(ILogger logger, int count);

    [LoggerMessage(1019, LogLevel.Information, "{Provider}: {Count} recipient(s) held back before any request ({Reason}); not sent")]
    public static partial void HeldBack(ILogger logger, string provider, int count, string reason);

    [LoggerMessage(1020, LogLevel.Error, "{Provider}: the suppression list could not be read ({Failure}); {Count} recipient(s) not sent")]
    public static partial void SuppressionListFailed(ILogger logger, string provider, int count, string failure);

    [LoggerMessage(1021, LogLevel.Information, "{PhoneNumber} added to the suppression list ({Reason})")]
    public static partial void AutoSuppressed(ILogger logger, string phoneNumber, string reason);

    [LoggerMessage(1022, LogLevel.Warning, "{PhoneNumber} could not be added to the suppression list ({Failure})")]
    public static partial void AutoSuppressFailed(ILogger logger, string phoneNumber, string failure);

    [LoggerMessage(1030, LogLevel.Information, "The send ledger purged {Purged} entries last written before {Cutoff:u} (KenyaSms:Ledger:Retention)")]
    public static partial void LedgerPurged(ILogger logger, long purged, DateTimeOffset cutoff);

    [LoggerMessage(1031, LogLevel.Warning, "Purging the send ledger failed ({Failure}); trying again in {Interval}")]
    public static partial void LedgerPurgeFailed(ILogger logger, string failure, TimeSpan interval);

    [LoggerMessage(1040, LogLevel.Debug, "{Provider} HTTP {Method} {Path} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    public static partial void HttpAnswered(ILogger logger, string provider, string method, string path, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(1041, LogLevel.Debug, "{Provider} HTTP {Method} {Path} failed after {ElapsedMilliseconds} ms: {Failure}")]
    public static partial void HttpFailed(ILogger logger, string provider, string method, string path, long elapsedMilliseconds, string failure);
}
