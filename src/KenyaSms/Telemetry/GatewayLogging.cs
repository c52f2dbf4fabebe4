using Microsoft.Extensions.Logging;

namespace KenyaSms.Telemetry;

/// <summary>Logs a send's outcome the same way for every provider (numbers masked).</summary>
internal static class GatewayLogging
{
    public static void LogResult(ILogger logger, SmsSendResult result)
    {
        Log.Sent(logger, result.Provider, result.AcceptedCount, result.RejectedCount);
        if (result.RejectedCount == 0 || !logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        foreach (SmsRecipientResult r in result.Recipients)
        {
            if (r.IsAccepted)
            {
                continue;
            }

            if (r.Status.Error == SmsErrorCode.InvalidPhoneNumber && r.Status.Code.StartsWith("sdk:", StringComparison.Ordinal))
            {
                Log.InvalidRecipient(logger, Redact.Phone(r.PhoneNumber));
            }
            else
            {
                Log.RecipientRejected(logger, Redact.Phone(r.PhoneNumber), r.Status.Provider, r.Status.Code, r.Status.Error);
            }
        }
    }
}
