using KenyaSms.Sending;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Logging;

namespace KenyaSms.DependencyInjection;

/// <summary>
/// Tries providers in order, moving on only when the previous one certainly did not send
/// (<see cref="SmsGatewayException.MayHaveBeenSent"/> false). A failure that may have reached a
/// provider is thrown at once: sending it again elsewhere could deliver it twice.
/// </summary>
/// <remarks>
/// A message must suit every provider of the chain, since any of them may have to send it: before the first
/// request, each message is checked against each provider's rules (text length in segments, sender ID), and one
/// that any provider would refuse throws <see cref="ArgumentException"/> naming that provider and its limit, with
/// nothing sent. Checking only when a provider's turn came would throw it after the first provider's request, where a
/// caller takes it for bad input and drops a message the first provider could send once it recovers.
/// </remarks>
internal sealed class FailoverSmsGateway : ISmsGateway, ISmsMessageRules
{
    private readonly IReadOnlyList<ISmsGateway> _gateways;

    // The providers that can check a message without I/O (every built-in adapter).
    private readonly ISmsMessageRules[] _rules;
    private readonly ILogger _logger;
    private readonly SmsTelemetry _telemetry;

    public FailoverSmsGateway(IReadOnlyList<ISmsGateway> gateways, ILogger logger, SmsTelemetry telemetry)
    {
        _telemetry = telemetry;
        _gateways = gateways;
        _logger = logger;
        SmsGatewayCapabilities capabilities = (SmsGatewayCapabilities)~0;
        foreach (ISmsGateway g in gateways)
        {
            capabilities &= g.Capabilities;
        }

        Capabilities = capabilities;
        Name = "failover(" + string.Join(",", gateways.Select(g => g.Name)) + ")";
        _rules = [.. gateways.OfType<ISmsMessageRules>()];
    }

    public string Name { get; }

    public SmsGatewayCapabilities Capabilities { get; }

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(message);
        ThrowIfAnyProviderRefuses(message, batchIndex: -1);
        return RunAsync((g, ct) => g.SendAsync(message, ct), cancellationToken);
    }

    public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(messages);
        // Enumerated once, whatever the number of providers tried: a list the caller already holds is used as it is.
        IReadOnlyList<SmsMessage> list = messages as IReadOnlyList<SmsMessage> ?? [.. messages];
        for (int i = 0; i < list.Count; i++)
        {
            ThrowIfAnyProviderRefuses(list[i], i);
        }

        return RunAsync((g, ct) => g.SendBatchAsync(list, ct), cancellationToken);
    }

    public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default) =>
        RunAsync((g, ct) => g.GetBalanceAsync(ct), cancellationToken);

    // The message is SendAsync's (batchIndex -1) or the batch's message at batchIndex, named as the adapters name it.
    private void ThrowIfAnyProviderRefuses(SmsMessage? message, int batchIndex)
    {
        if (message is null)
        {
            throw new ArgumentNullException(ParamName(batchIndex));
        }

        if (((ISmsMessageRules)this).Refusal(message) is { } refusal)
        {
            throw new ArgumentException(refusal, ParamName(batchIndex));
        }
    }

    /// <inheritdoc/>
    string? ISmsMessageRules.Refusal(SmsMessage message)
    {
        List<string>? refusals = null;
        foreach (ISmsMessageRules rules in _rules)
        {
            // A refusal that is not the provider's (an unpaired surrogate) reads the same for each: said once.
            if (rules.Refusal(message) is { } refusal && refusals?.Contains(refusal) != true)
            {
                (refusals ??= []).Add(refusal);
            }
        }

        return refusals is null
            ? null
            : $"{string.Join(" ", refusals)} Every provider of {Name} must be able to send the message, since any of them may have to.";
    }

    private static string ParamName(int batchIndex) =>
        batchIndex < 0 ? "message" : "messages[" + batchIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    private async Task<T> RunAsync<T>(Func<ISmsGateway, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        List<SmsGatewayException>? failures = null;
        for (int i = 0; ; i++)
        {
            try
            {
                return await call(_gateways[i], cancellationToken).ConfigureAwait(false);
            }
            catch (SmsGatewayException ex) when (!ex.MayHaveBeenSent && i < _gateways.Count - 1)
            {
                (failures ??= []).Add(ex);
                Log.FailingOver(_logger, _gateways[i].Name, _gateways[i + 1].Name, ex.Error);
                _telemetry.Failovers.Add(1, new KeyValuePair<string, object?>("kenyasms.provider", _gateways[i].Name), new KeyValuePair<string, object?>("kenyasms.next_provider", _gateways[i + 1].Name));
            }
            catch (SmsGatewayException ex) when (failures is not null)
            {
                failures.Add(ex);
                throw RanOut(failures);
            }
        }
    }

    /// <summary>
    /// The chain ran out: one exception that says what each provider answered (each one's exception inside an
    /// <see cref="AggregateException"/>), with the last provider's error, code and "may have been sent". Transient when
    /// any provider's failure was: trying the chain again later may succeed through that one.
    /// </summary>
    private SmsGatewayException RanOut(List<SmsGatewayException> failures)
    {
        SmsGatewayException last = failures[^1];
        var each = new System.Text.StringBuilder();
        foreach (SmsGatewayException failure in failures)
        {
            each.Append(each.Length == 0 ? string.Empty : " | ").Append(failure.Provider).Append(": ").Append(failure.Message);
        }

        string sent = last.MayHaveBeenSent ? $"{last.Provider} may have sent it" : "none of them sent it";
        return new SmsGatewayException(last.Provider, last.Error, $"Every provider of {Name} failed ({sent}). {each}", last.ProviderCode, last.HttpStatusCode,
            isTransient: failures.Exists(f => f.IsTransient), last.MayHaveBeenSent, new AggregateException(failures));
    }
}
