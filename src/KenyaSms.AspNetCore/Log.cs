using Microsoft.Extensions.Logging;

namespace KenyaSms.AspNetCore;

/// <summary>
/// Every log line of the delivery-report endpoint; EventIds 4xxx. Phone numbers are passed masked, bodies only
/// as redacted snippets, secrets never.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Debug, "Delivery report from {Provider} for message {MessageId} to {PhoneNumber}: {Status} ({ProviderStatus} {ProviderDescription}); passing it to the handler")]
    public static partial void Received(ILogger logger, string provider, string messageId, string phoneNumber, DeliveryStatus status, string providerStatus, string? providerDescription);

    [LoggerMessage(4002, LogLevel.Debug, "Delivery report from {Provider} for message {MessageId}: {Status} repeats or goes back from the status already handled; acknowledged without calling the handler")]
    public static partial void Ignored(ILogger logger, string provider, string messageId, DeliveryStatus status);

    [LoggerMessage(4003, LogLevel.Warning, "Delivery report refused with 401: the secret in the route or the X-KenyaSms-Secret header is missing or wrong")]
    public static partial void SecretRefused(ILogger logger);

    [LoggerMessage(4004, LogLevel.Warning, "Delivery report refused with {StatusCode}: {Reason}")]
    public static partial void Refused(ILogger logger, int statusCode, string reason);

    [LoggerMessage(4005, LogLevel.Debug, "Unreadable delivery report body (redacted): {Snippet}")]
    public static partial void UnreadableBody(ILogger logger, string snippet);

    [LoggerMessage(4006, LogLevel.Error, "The delivery report handler failed for message {MessageId} ({Status}); answered 500 so that the provider sends it again")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string messageId, DeliveryStatus status);

    [LoggerMessage(4007, LogLevel.Debug, "The provider went away while the handler ran for message {MessageId} ({Status}); the report is forgotten, so its retry is handled")]
    public static partial void HandlerCancelled(ILogger logger, string messageId, DeliveryStatus status);
}
