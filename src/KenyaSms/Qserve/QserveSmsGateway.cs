using KenyaSms.Sending;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.Qserve;

/// <summary>
/// The 254sms gateway (API host <c>api.qserve.co.ke</c>). Credentials travel inside the JSON body.
/// One text goes to many recipients per <c>sendsms</c> request (comma-joined, at most
/// <see cref="QserveOptions.MaxRecipientsPerRequest"/>); there is no personalised batch, so
/// <see cref="SendBatchAsync"/> sends each message in its own request(s).
/// </summary>
public sealed class QserveSmsGateway : ISmsGateway, ISmsMessageRules, HealthChecks.ISmsBalanceProbe
{
    /// <summary>The provider key: <c>"qserve"</c>.</summary>
    public const string ProviderName = "qserve";

    /// <summary>The name of the HttpClient this gateway uses: <c>"KenyaSms.Qserve"</c>.</summary>
    public const string HttpClientName = "KenyaSms.Qserve";

    private readonly SmsGatewayCore<QserveOptions> _core;

    internal QserveSmsGateway(IHttpClientFactory httpClientFactory, IOptionsMonitor<QserveOptions> options, ILogger<QserveSmsGateway> logger, SmsTelemetry telemetry, Ledger.SendLedgerContext? ledger = null, Policies.SendPolicies? policies = null) =>
        _core = new SmsGatewayCore<QserveOptions>(new QserveProtocol(), httpClientFactory, options, logger, telemetry, ledger, policies);

    /// <inheritdoc/>
    public string Name => ProviderName;

    /// <inheritdoc/>
    public SmsGatewayCapabilities Capabilities => SmsGatewayCapabilities.Bulk | SmsGatewayCapabilities.Balance;

    /// <inheritdoc/>
    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) => _core.SendAsync(message, cancellationToken);

    /// <inheritdoc/>
    public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default) => _core.SendBatchAsync(messages, cancellationToken);

    /// <inheritdoc/>
    public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default) => _core.GetBalanceAsync(cancellationToken);

    /// <inheritdoc/>
    Task<SmsBalance> HealthChecks.ISmsBalanceProbe.ProbeBalanceAsync(CancellationToken cancellationToken) => _core.GetBalanceAsync(cancellationToken, retry: false);

    /// <inheritdoc/>
    string? ISmsMessageRules.Refusal(SmsMessage message) => _core.Refusal(message);
}
