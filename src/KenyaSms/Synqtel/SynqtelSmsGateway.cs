using KenyaSms.Http;
using KenyaSms.Sending;
using KenyaSms.Synqtel.Wire;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.Synqtel;

/// <summary>
/// The Synqtel gateway (API host <c>api.synqtel.com</c>). The API key travels in the <c>h_api_key</c>
/// header. One recipient without a client reference goes through <c>sendsms</c>; anything else through
/// <c>sendmultiple</c>, in requests of at most <see cref="SynqtelOptions.MaxMessagesPerRequest"/>
/// messages, each message carrying a <c>client_ref</c> (the caller's, or a generated unique one) so
/// that results are matched to inputs exactly.
/// </summary>
public sealed class SynqtelSmsGateway : ISmsGateway, ISmsMessageRules, ISmsNumberLookup, HealthChecks.ISmsBalanceProbe
{
    /// <summary>The provider key: <c>"synqtel"</c>.</summary>
    public const string ProviderName = "synqtel";

    /// <summary>The name of the HttpClient this gateway uses: <c>"KenyaSms.Synqtel"</c>.</summary>
    public const string HttpClientName = "KenyaSms.Synqtel";

    /// <summary>The longest text Synqtel accepts, in SMS segments.</summary>
    public const int MaxSegments = 6;

    private readonly SmsGatewayCore<SynqtelOptions> _core;

    internal SynqtelSmsGateway(IHttpClientFactory httpClientFactory, IOptionsMonitor<SynqtelOptions> options, ILogger<SynqtelSmsGateway> logger, SmsTelemetry telemetry, Ledger.SendLedgerContext? ledger = null, Policies.SendPolicies? policies = null) =>
        _core = new SmsGatewayCore<SynqtelOptions>(new SynqtelProtocol(), httpClientFactory, options, logger, telemetry, ledger, policies);

    /// <inheritdoc/>
    public string Name => ProviderName;

    /// <inheritdoc/>
    public SmsGatewayCapabilities Capabilities =>
        SmsGatewayCapabilities.Bulk | SmsGatewayCapabilities.PersonalizedBatch | SmsGatewayCapabilities.ClientReference
        | SmsGatewayCapabilities.DeliveryReports | SmsGatewayCapabilities.NumberLookup | SmsGatewayCapabilities.Balance;

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

    /// <summary>Asks Synqtel whether <paramref name="mobile"/> is a valid number and which network it is on.</summary>
    /// <param name="mobile">The number, in any common Kenyan form.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>What the provider says about the number. A number that is not a Kenyan mobile number at all is reported invalid without a request.</returns>
    /// <exception cref="ArgumentException"><paramref name="mobile"/> is null, empty or white space.</exception>
    /// <exception cref="SmsGatewayException">The lookup failed.</exception>
    public async Task<PhoneNumberLookup> LookupAsync(string mobile, CancellationToken cancellationToken = default)
    {
        Throw.IfNullOrWhiteSpace(mobile);
        if (!PhoneNumber.TryParse(mobile, out PhoneNumber number))
        {
            return new PhoneNumberLookup(mobile, isValid: false, MobileNetwork.Unknown, providerNetworkId: null);
        }

        ProviderHttp http = _core.Http;
        using ProviderCall call = http.Call("mobile", 1);
        ProviderResponse response = await _core.SendAsync(new ProviderRequest("mobile", HttpMethod.Get, $"mobile?mobile={number.Msisdn}&return=json", null), SmsRequestKind.Read, call, cancellationToken).ConfigureAwait(false);
        SynqtelLookupReply reply = http.Read(response, SynqtelResponseReader.Lookup);
        SmsStatus status = SmsStatusMapper.Map(ProviderName, reply.StatusCode, reply.StatusDesc);
        if (status.IsSuccess || (reply.StatusCode is null && reply.Mobile is not null))
        {
            return new PhoneNumberLookup(number.E164, isValid: true, SynqtelNetworks.FromId(reply.NetworkId, number.Network), reply.NetworkId);
        }

        if (status.Error == SmsErrorCode.InvalidPhoneNumber)
        {
            return new PhoneNumberLookup(number.E164, isValid: false, number.Network, reply.NetworkId);
        }

        throw http.StatusError(status, response);
    }
}
