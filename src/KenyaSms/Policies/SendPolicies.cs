using KenyaSms.Sending;
using KenyaSms.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.Policies;

/// <summary>
/// The sending policies of api.md 9 as one provider's gateway applies them, per provider request and before the ledger
/// claim (<see cref="BatchSender"/>): safe mode and the suppression list hold recipients back (rejected,
/// <see cref="SmsErrorCode.Suppressed"/>, never sent), the rate limiter makes the request wait for its permits, and a
/// do-not-disturb rejection may add the number to the suppression list afterwards.
/// </summary>
internal sealed class SendPolicies
{
    private const string SafeModeReason = "safe_mode";
    private const string OptedOutReason = "opted_out";

    private readonly SafeModeAllowlist _safeMode;
    private readonly ISmsSuppressionList? _suppression;
    private readonly IOptionsMonitor<SuppressionSettings> _settings;
    private readonly SmsTelemetry _telemetry;
    private readonly ILogger _logger;

    public SendPolicies(SafeModeAllowlist safeMode, ISmsSuppressionList? suppression, IOptionsMonitor<SuppressionSettings> settings, ProviderRateLimiter? rateLimiter, SmsTelemetry telemetry, ILogger logger)
    {
        _safeMode = safeMode;
        _suppression = suppression;
        _settings = settings;
        RateLimiter = rateLimiter;
        _telemetry = telemetry;
        _logger = logger;
    }

    public ProviderRateLimiter? RateLimiter { get; }

    /// <summary>True when any policy applies now (a send with none runs exactly as before).</summary>
    public bool IsActive => _suppression is not null || RateLimiter is not null || _safeMode.Allowed is not null;

    /// <summary>The policies of <paramref name="provider"/>'s gateway in <paramref name="services"/>.</summary>
    public static SendPolicies From(IServiceProvider services, string provider, int? maxMessagesPerSecond)
    {
        SafeModeAllowlist safeMode = services.GetRequiredService<SafeModeAllowlist>();
        safeMode.WarnOnce(); // without a host nothing starts: the first gateway says it
        return new SendPolicies(safeMode, services.GetService<ISmsSuppressionList>(), services.GetRequiredService<IOptionsMonitor<SuppressionSettings>>(),
            services.GetRequiredService<ProviderRateLimiters>().For(provider, maxMessagesPerSecond), services.GetRequiredService<SmsTelemetry>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("KenyaSms.Policies"));
    }

    /// <summary>
    /// Writes a rejected result into <paramref name="all"/> for every slot of the request that safe mode or the
    /// suppression list holds back (one query for the whole request); returns how many. Nothing is sent for them.
    /// </summary>
    /// <exception cref="SmsGatewayException">The suppression list could not be read: nothing of the request is sent.</exception>
    public async ValueTask<int> HoldBackAsync(string provider, List<PreparedMessage> messages, List<BatchSender.Slot> items, SmsRecipientResult[] all, CancellationToken cancellationToken)
    {
        int safeMode = 0;
        if (_safeMode.Allowed is { } allowed)
        {
            SmsStatus? status = null;
            foreach (BatchSender.Slot slot in items)
            {
                PhoneNumber number = NumberOf(messages, slot);
                if (!allowed.Contains(number))
                {
                    status ??= new SmsStatus(provider, "sdk:safe-mode", "safe mode: not on the allowlist", SmsErrorCode.Suppressed, IsSuccess: false, IsTransient: false);
                    all[slot.Position] = new SmsRecipientResult(number.E164, status, clientReference: slot.ClientRef, network: number.Network);
                    safeMode++;
                }
            }

            Count(provider, safeMode, SafeModeReason);
        }

        int optedOut = _suppression is null ? 0 : await HoldBackSuppressedAsync(_suppression, provider, messages, items, all, cancellationToken).ConfigureAwait(false);
        return safeMode + optedOut;
    }

    /// <summary>With <c>AutoSuppress</c>, adds each recipient of the request a provider refused as do-not-disturb; never throws.</summary>
    public async Task AfterSendAsync(List<PreparedMessage> messages, List<BatchSender.Slot> items, SmsRecipientResult[] all)
    {
        if (_suppression is null || !_settings.CurrentValue.AutoSuppress)
        {
            return;
        }

        foreach (BatchSender.Slot slot in items)
        {
            if (all[slot.Position] is { IsAccepted: false, Status: { Error: SmsErrorCode.DoNotDisturb } status })
            {
                await AutoSuppressAsync(_suppression, NumberOf(messages, slot), $"do-not-disturb rejection by {status.Provider} ({status.Code})", _logger).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Adds <paramref name="number"/> to <paramref name="list"/> for <paramref name="reason"/>, logging (masked) what happened; never throws.</summary>
    public static async Task AutoSuppressAsync(ISmsSuppressionList list, PhoneNumber number, string reason, ILogger logger)
    {
        try
        {
            await list.SuppressAsync(number, reason, CancellationToken.None).ConfigureAwait(false);
            Log.AutoSuppressed(logger, Redact.Phone(number.E164), reason);
        }
#pragma warning disable CA1031 // The send already happened; failing to remember an opt-out is logged, not thrown at the caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.AutoSuppressFailed(logger, Redact.Phone(number.E164), ex.GetType().Name);
        }
    }

    private async ValueTask<int> HoldBackSuppressedAsync(ISmsSuppressionList list, string provider, List<PreparedMessage> messages, List<BatchSender.Slot> items, SmsRecipientResult[] all, CancellationToken cancellationToken)
    {
        HashSet<PhoneNumber>? check = null;
        foreach (BatchSender.Slot slot in items)
        {
            if (all[slot.Position] is null && !messages[slot.Message].Message.BypassSuppression)
            {
                (check ??= []).Add(NumberOf(messages, slot));
            }
        }

        if (check is null)
        {
            return 0;
        }

        IReadOnlyCollection<PhoneNumber> found;
        try
        {
            found = await list.FindSuppressedAsync(check, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the store throws, sending without the check could text someone who opted out.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.SuppressionListFailed(_logger, provider, items.Count, ex.GetType().Name);
            throw new SmsGatewayException(provider, SmsErrorCode.Suppressed,
                $"{provider}: the suppression list could not be read to check {check.Count} recipient(s) ({ex.GetType().Name}); nothing was sent, and trying again later is safe.",
                isTransient: true, mayHaveBeenSent: false, innerException: ex);
        }

        if (found.Count == 0)
        {
            return 0;
        }

        var suppressed = found as ISet<PhoneNumber> ?? new HashSet<PhoneNumber>(found);
        SmsStatus? status = null;
        int held = 0;
        foreach (BatchSender.Slot slot in items)
        {
            PhoneNumber number = NumberOf(messages, slot);
            if (all[slot.Position] is null && !messages[slot.Message].Message.BypassSuppression && suppressed.Contains(number))
            {
                status ??= new SmsStatus(provider, "sdk:opted-out", "opted out", SmsErrorCode.Suppressed, IsSuccess: false, IsTransient: false);
                all[slot.Position] = new SmsRecipientResult(number.E164, status, clientReference: slot.ClientRef, network: number.Network);
                held++;
            }
        }

        Count(provider, held, OptedOutReason);
        return held;
    }

    private void Count(string provider, int held, string reason)
    {
        if (held > 0)
        {
            _telemetry.Suppressed.Add(held, new KeyValuePair<string, object?>("kenyasms.provider", provider), new KeyValuePair<string, object?>("kenyasms.reason", reason));
            Log.HeldBack(_logger, provider, held, reason);
        }
    }

    private static PhoneNumber NumberOf(List<PreparedMessage> messages, BatchSender.Slot slot) => messages[slot.Message].Unique[slot.Unique];
}
