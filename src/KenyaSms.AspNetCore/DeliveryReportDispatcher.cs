using System.Globalization;
using KenyaSms.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace KenyaSms.AspNetCore;

/// <summary>
/// Passes a well-formed report to the handler at most once per step, and acknowledges only what a handler finished:
/// claim the message in the store ("in progress"), run the handler, then record it as handled (200) or release the
/// claim (500); a report saying the subscriber blacklisted the sender may first add the number to the suppression
/// list (<see cref="DeliveryReportOptOuts"/>). A report that is no news next to what was handled is 200 without the handler; one that arrives while
/// another report of its message is in progress is 503 with Retry-After, as that other call may still fail. A claim
/// whose server died lapses after <see cref="ClaimLease"/>.
/// </summary>
internal sealed class DeliveryReportDispatcher(IDeliveryReportStore store, TimeProvider timeProvider, ILogger<DeliveryReportEndpoint> logger)
{
    /// <summary>How long a claim holds off other calls for its message; a handler running longer may see a report twice.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(1);

    public const int RetryAfterSeconds = 5;

    // Each failed attempt means another call changed the record in between; a few are plenty.
    private const int MaxClaimAttempts = 8;

    public async Task DispatchAsync(HttpContext context, DeliveryReport report, CancellationToken ct)
    {
        DeliveryStep step = DeliveryStatusOrder.Step(report);
        string key = DeliveryReportRecord.KeyOf(report);
        for (int attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            string? stored = await store.GetAsync(report.Provider, report.MessageId, ct).ConfigureAwait(false);
            DeliveryReportRecord record = DeliveryReportRecord.Parse(stored);
            if (!record.IsNew(step, report.Status, key))
            {
                Log.Ignored(logger, report.Provider, report.MessageId, report.Status);
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            DateTimeOffset now = timeProvider.GetUtcNow();
            if (record.IsClaimed(now))
            {
                break;
            }

            string claimed = record.Claimed(Guid.NewGuid().ToString("N"), now + ClaimLease).ToString();
            if (await store.TryReplaceAsync(report.Provider, report.MessageId, stored, claimed, ct).ConfigureAwait(false))
            {
                await HandleAsync(context, report, record, claimed, step, key, ct).ConfigureAwait(false);
                return;
            }
        }

        Log.InProgress(logger, report.MessageId, report.Status);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private async Task HandleAsync(HttpContext context, DeliveryReport report, DeliveryReportRecord before, string claimed, DeliveryStep step, string key, CancellationToken ct)
    {
        Log.Received(logger, report.Provider, report.MessageId, Redact.Phone(report.PhoneNumber), report.Status, report.ProviderStatus, report.ProviderDescription);

        // Before the handler, and whatever it does: an opt-out is remembered even when the handler fails (its retry
        // suppresses again, which changes nothing). Never throws.
        await DeliveryReportOptOuts.SuppressIfBlacklistedAsync(context.RequestServices, report, logger).ConfigureAwait(false);
        try
        {
            IDeliveryReportHandler handler = context.RequestServices.GetRequiredService<IDeliveryReportHandler>();
            await handler.HandleAsync(report, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever the user's handler threw: release the claim, so that the provider's retry reaches the handler.
            await WriteOutcomeAsync(report, claimed, before.Released()).ConfigureAwait(false);
            if (ex is OperationCanceledException && ct.IsCancellationRequested)
            {
                Log.HandlerCancelled(logger, report.MessageId, report.Status);
                return;
            }

            Log.HandlerFailed(logger, ex, report.MessageId, report.Status);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        // The handler finished: that is the answer, whether or not the store takes the record.
        await WriteOutcomeAsync(report, claimed, before.HandledAs(step, key)).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    // Replaces our claim; never throws, as a store that fails here only delays the report until the claim lapses.
    private async Task WriteOutcomeAsync(DeliveryReport report, string claimed, DeliveryReportRecord outcome)
    {
        try
        {
            if (!await store.TryReplaceAsync(report.Provider, report.MessageId, claimed, outcome.ToString(), CancellationToken.None).ConfigureAwait(false))
            {
                Log.ClaimLost(logger, report.MessageId, report.Status, ClaimLease);
            }
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, report.MessageId, report.Status, ClaimLease);
        }
    }
}
