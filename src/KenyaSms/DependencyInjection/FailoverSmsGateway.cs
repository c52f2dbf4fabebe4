using KenyaSms.Internal;
using Microsoft.Extensions.Logging;

namespace KenyaSms.DependencyInjection;

/// <summary>
/// Tries providers in order, moving on only when the previous one certainly did not send
/// (<see cref="SmsGatewayException.MayHaveBeenSent"/> false). A failure that may have reached a
/// provider is thrown at once: sending it again elsewhere could deliver it twice.
/// </summary>
internal sealed class FailoverSmsGateway : ISmsGateway
{
    private readonly IReadOnlyList<ISmsGateway> _gateways;
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
    }

    public string Name { get; }

    public SmsGatewayCapabilities Capabilities { get; }

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(message);
        return RunAsync((g, ct) => g.SendAsync(message, ct), cancellationToken);
    }

    public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(messages);
        // Enumerated once, whatever the number of providers tried: a list the caller already holds is used as it is.
        IReadOnlyList<SmsMessage> list = messages as IReadOnlyList<SmsMessage> ?? [.. messages];
        return RunAsync((g, ct) => g.SendBatchAsync(list, ct), cancellationToken);
    }

    public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default) =>
        RunAsync((g, ct) => g.GetBalanceAsync(ct), cancellationToken);

    private async Task<T> RunAsync<T>(Func<ISmsGateway, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (int i = 0; ; i++)
        {
            try
            {
                return await call(_gateways[i], cancellationToken).ConfigureAwait(false);
            }
            catch (SmsGatewayException ex) when (!ex.MayHaveBeenSent && i < _gateways.Count - 1)
            {
                Log.FailingOver(_logger, _gateways[i].Name, _gateways[i + 1].Name, ex.Error);
                _telemetry.Failovers.Add(1, new KeyValuePair<string, object?>("kenyasms.provider", _gateways[i].Name), new KeyValuePair<string, object?>("kenyasms.next_provider", _gateways[i + 1].Name));
            }
        }
    }
}
