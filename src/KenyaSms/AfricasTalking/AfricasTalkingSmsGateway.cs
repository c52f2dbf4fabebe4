using KenyaSms.Sending;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.AfricasTalking;

/// <summary>
/// The Africa's Talking gateway (API host <c>api.africastalking.com</c>, or its sandbox). Form-encoded requests, the
/// key only in the <c>apiKey</c> header. One text goes to many recipients per <c>messaging</c> request (comma-joined,
/// at most <see cref="AfricasTalkingOptions.MaxRecipientsPerRequest"/>); there is no personalised batch, so
/// <see cref="SendBatchAsync"/> sends each message in its own request(s). The balance is money
/// (<see cref="SmsBalance.Currency"/>).
/// </summary>
public sealed class AfricasTalkingSmsGateway : ISmsGateway, ISmsMessageRules, HealthChecks.ISmsBalanceProbe
{
    /// <summary>The provider key: <c>"africastalking"</c>.</summary>
    public const string ProviderName = "africastalking";

    /// <summary>The name of the HttpClient this gateway uses: <c>"KenyaSms.AfricasTalking"</c>.</summary>
    public const string HttpClientName = "KenyaSms.AfricasTalking";

    private readonly SmsGatewayCore<AfricasTalkingOptions> _core;

    internal AfricasTalkingSmsGateway(IHttpClientFactory httpClientFactory, IOptionsMonitor<AfricasTalkingOptions> options, ILogger<AfricasTalkingSmsGateway> logger, SmsTelemetry telemetry, Ledger.SendLedgerContext? ledger = null, Policies.SendPolicies? policies = null) =>
        _core = new SmsGatewayCore<AfricasTalkingOptions>(new AfricasTalkingProtocol(), httpClientFactory, options, logger, telemetry, ledger, policies);

    /// <inheritdoc/>
    public string Name => ProviderName;

    /// <inheritdoc/>
    public SmsGatewayCapabilities Capabilities => SmsGatewayCapabilities.Bulk | SmsGatewayCapabilities.DeliveryReports | SmsGatewayCapabilities.Balance;

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
