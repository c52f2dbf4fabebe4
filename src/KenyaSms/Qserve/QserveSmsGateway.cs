using KenyaSms.Http;
using KenyaSms.Qserve.Wire;
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
public sealed class QserveSmsGateway : ISmsGateway, ISmsMessageRules
{
    /// <summary>The provider key: <c>"qserve"</c>.</summary>
    public const string ProviderName = "qserve";

    /// <summary>The name of the HttpClient this gateway uses: <c>"KenyaSms.Qserve"</c>.</summary>
    public const string HttpClientName = "KenyaSms.Qserve";

    // Up to this many messageDetails are searched for each number rather than indexed in a dictionary.
    private const int SearchedDetails = 8;

    private readonly ProviderHttp _http;
    private readonly IOptionsMonitor<QserveOptions> _options;

    internal QserveSmsGateway(IHttpClientFactory httpClientFactory, IOptionsMonitor<QserveOptions> options, ILogger<QserveSmsGateway> logger, SmsTelemetry telemetry, Ledger.SendLedgerContext? ledger = null, Policies.SendPolicies? policies = null)
    {
        _options = options;
        _http = new ProviderHttp(ProviderName, HttpClientName, httpClientFactory, logger, telemetry, secret: () => _options.CurrentValue.ApiKey, ledger: ledger, policies: policies);
    }

    /// <inheritdoc/>
    public string Name => ProviderName;

    /// <inheritdoc/>
    public SmsGatewayCapabilities Capabilities => SmsGatewayCapabilities.Bulk | SmsGatewayCapabilities.Balance;

    /// <inheritdoc/>
    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(message);
        QserveOptions options = _options.CurrentValue;
        PreparedMessage prepared = PreparedMessage.Prepare(message, options.SenderId, options.MaxSegments, ProviderName);
        return SendPreparedAsync(BatchSender.Input.Of(prepared), options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(messages);
        QserveOptions options = _options.CurrentValue;
        IReadOnlyList<SmsMessage> valid = PreparedMessage.ValidateBatch(messages, options.SenderId, options.MaxSegments, ProviderName, out int recipients);
        string sender = options.SenderId;
        int maxSegments = options.MaxSegments;
        return SendPreparedAsync(
            new BatchSender.Input(valid.Count, recipients, i => PreparedMessage.Prepare(valid[i], sender, maxSegments, ProviderName, nameof(messages))),
            options, cancellationToken);
    }

    /// <inheritdoc/>
    string? ISmsMessageRules.Refusal(SmsMessage message)
    {
        QserveOptions options = _options.CurrentValue;
        return PreparedMessage.Refusal(message, options.SenderId, options.MaxSegments, ProviderName, out _, out _);
    }

    /// <inheritdoc/>
    public async Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
    {
        QserveOptions options = _options.CurrentValue;
        using ProviderCall call = _http.Call("credits");
        TrackedJsonContent body = TrackedJsonContent.Create(new QserveCreditsRequest(options.Username, options.ApiKey), QserveJsonContext.Default.QserveCreditsRequest);
        ProviderResponse response = await _http.SendAsync(HttpMethod.Post, "credits", body, SmsRequestKind.Read, null, call, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw _http.HttpError(response, TryReadStatus);
        }

        QserveCreditsReply reply = _http.Read(response, QserveResponseReader.Credits);
        SmsStatus status = SmsStatusMapper.Map(ProviderName, reply.StatusCode, reply.StatusMessage);
        if (!status.IsSuccess && !(reply.StatusCode is null && reply.Credits is not null))
        {
            throw _http.StatusError(status, response);
        }

        if (reply.Credits is not { } credits)
        {
            throw _http.Unreadable(response, "it has no credits");
        }

        Log.Balance(_http.Logger, ProviderName, credits);
        return new SmsBalance(ProviderName, credits);
    }

    private Task<SmsSendResult> SendPreparedAsync(BatchSender.Input input, QserveOptions options, CancellationToken cancellationToken) =>
        // One text a request, so a new message starts a new request.
        BatchSender.SendAsync(_http, input, new BatchSender.RequestShape(options.MaxRecipientsPerRequest, OneMessagePerRequest: true, SameMessage, ClientRefOf),
            (messages, items, ct) => SendChunkAsync(messages[0], items, options, ct), cancellationToken);

    private async ValueTask<BatchSender.ChunkReply> SendChunkAsync(PreparedMessage message, List<BatchSender.Slot> items, QserveOptions options, CancellationToken cancellationToken)
    {
        int count = items.Count;
        using ProviderCall call = _http.Call("sendsms", count);
        var numbers = new PhoneNumber[count];
        for (int i = 0; i < count; i++)
        {
            numbers[i] = message.Unique[items[i].Unique];
        }

        string phones = count == 1 ? numbers[0].Msisdn : string.Join(",", numbers.Select(static n => n.Msisdn));
        Log.Sending(_http.Logger, ProviderName, "sendsms", count, message.Segments.Segments, message.Segments.Encoding);
        Log.MessageText(_http.Logger, ProviderName, message.Message.Text);
        TrackedJsonContent body = TrackedJsonContent.Create(
            new QserveSendRequest(options.Username, options.ApiKey, message.SenderId, phones, message.Message.Text),
            QserveJsonContext.Default.QserveSendRequest);

        ProviderResponse response = await _http.SendAsync(HttpMethod.Post, "sendsms", body, SmsRequestKind.Send, null, call, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw _http.HttpError(response, TryReadStatus);
        }

        QserveSendReply reply = _http.Read(response, QserveResponseReader.Send);
        SmsStatus status = SmsStatusMapper.Map(ProviderName, reply.StatusCode, reply.StatusMessage);
        if (!status.IsSuccess)
        {
            // A known refusal (X000-X003) means nothing was sent; an unknown code leaves it open.
            throw _http.StatusError(status, response, mayHaveBeenSent: status.Error == SmsErrorCode.Unknown);
        }

        // Match the provider's per-recipient details to our numbers by number, whatever format it echoes
        // (the first detail for a number wins). A short reply (an OTP's one detail) is searched, not indexed.
        IReadOnlyList<QserveRecipientReply> details = reply.Recipients;
        Dictionary<PhoneNumber, QserveRecipientReply>? byNumber = details.Count > SearchedDetails ? IndexByNumber(details) : null;
        var results = new SmsRecipientResult[count];
        for (int i = 0; i < count; i++)
        {
            PhoneNumber number = numbers[i];
            SmsStatus recipientStatus = FindDetail(details, byNumber, number, out QserveRecipientReply d)
                ? QserveStatusMap.MapRecipient(d.StatusCode, d.StatusMessage)
                : SdkStatus.NotReported(ProviderName);
            results[i] = new SmsRecipientResult(number.E164, recipientStatus, clientReference: message.Message.ClientReference, network: number.Network);
        }

        return new BatchSender.ChunkReply(results, reply.Balance);
    }

    private static bool SameMessage(PreparedMessage first, PreparedMessage next) => ReferenceEquals(first, next);

    private static string? ClientRefOf(PreparedMessage message) => message.Message.ClientReference;

    private static Dictionary<PhoneNumber, QserveRecipientReply> IndexByNumber(IReadOnlyList<QserveRecipientReply> details)
    {
        var byNumber = new Dictionary<PhoneNumber, QserveRecipientReply>(details.Count);
        for (int i = 0; i < details.Count; i++)
        {
            if (PhoneNumber.TryParse(details[i].Recipient, out PhoneNumber n))
            {
                byNumber.TryAdd(n, details[i]);
            }
        }

        return byNumber;
    }

    private static bool FindDetail(IReadOnlyList<QserveRecipientReply> details, Dictionary<PhoneNumber, QserveRecipientReply>? byNumber, PhoneNumber number, out QserveRecipientReply detail)
    {
        if (byNumber is not null)
        {
            return byNumber.TryGetValue(number, out detail);
        }

        for (int i = 0; i < details.Count; i++)
        {
            if (PhoneNumber.TryParse(details[i].Recipient, out PhoneNumber n) && n == number)
            {
                detail = details[i];
                return true;
            }
        }

        detail = default;
        return false;
    }

    private static SmsStatus? TryReadStatus(ReadOnlyMemory<byte> body)
    {
        QserveSendReply reply = QserveResponseReader.ReadSend(body.Span);
        return SmsStatusMapper.Map(ProviderName, reply.StatusCode, reply.StatusMessage);
    }
}
