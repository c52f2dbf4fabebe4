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

    [LoggerMessage(4007, LogLevel.Debug, "The provider went away while the handler ran for message {MessageId} ({Status}); the report is released, so its retry is handled")]
    public static partial void HandlerCancelled(ILogger logger, string messageId, DeliveryStatus status);

    [LoggerMessage(4008, LogLevel.Warning, "Delivery reports are mapped with the secret in the route ({Pattern}), so ASP.NET Core's request logs, their RequestPath scope and traces (url.path) contain it. Prefer a pattern without {{secret}} and the secret in the X-KenyaSms-Secret header")]
    public static partial void SecretInRoute(ILogger logger, string pattern);

    [LoggerMessage(4009, LogLevel.Debug, "Delivery report for message {MessageId} ({Status}) arrived while a report of that message is being handled; answered 503 so that the provider sends it again")]
    public static partial void InProgress(ILogger logger, string messageId, DeliveryStatus status);

    [LoggerMessage(4010, LogLevel.Error, "The delivery-report store failed to record the outcome of the handler for message {MessageId} ({Status}); the report stays claimed for up to {Lease}, then its retry reaches the handler again")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string messageId, DeliveryStatus status, TimeSpan lease);

    [LoggerMessage(4011, LogLevel.Warning, "The record of message {MessageId} changed while the handler ran for {Status} (the claim lapsed after {Lease}, or the store forgot the message); the outcome is not recorded, so the report may reach the handler again")]
    public static partial void ClaimLost(ILogger logger, string messageId, DeliveryStatus status, TimeSpan lease);

    [LoggerMessage(4012, LogLevel.Warning, "Delivery report from {Provider} for message {MessageId} says the subscriber blacklisted the sender, but its number is not a Kenyan mobile number; not added to the suppression list")]
    public static partial void OptOutNumberUnreadable(ILogger logger, string provider, string messageId);
}
