using System.Net;
using KenyaSms.AfricasTalking.Wire;
using KenyaSms.Http;
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
public sealed class AfricasTalkingSmsGateway : ISmsGateway, ISmsMessageRules
{
    /// <summary>The provider key: <c>"africastalking"</c>.</summary>
    public const string ProviderName = "africastalking";

    /// <summary>The name of the HttpClient this gateway uses: <c>"KenyaSms.AfricasTalking"</c>.</summary>
    public const string HttpClientName = "KenyaSms.AfricasTalking";

    // A message without a sender ID goes out from AT's shared default sender: PreparedMessage reads "" as that.
    private const string DefaultSender = "";

    private readonly ProviderHttp _http;
    private readonly IOptionsMonitor<AfricasTalkingOptions> _options;

    internal AfricasTalkingSmsGateway(IHttpClientFactory httpClientFactory, IOptionsMonitor<AfricasTalkingOptions> options, ILogger<AfricasTalkingSmsGateway> logger, SmsTelemetry telemetry, Ledger.SendLedgerContext? ledger = null, Policies.SendPolicies? policies = null)
    {
        _options = options;
        _http = new ProviderHttp(ProviderName, HttpClientName, httpClientFactory, logger, telemetry,
            headers => headers.TryAddWithoutValidation("apiKey", _options.CurrentValue.ApiKey), () => _options.CurrentValue.ApiKey, ledger, policies);
    }

    /// <inheritdoc/>
    public string Name => ProviderName;

    /// <inheritdoc/>
    public SmsGatewayCapabilities Capabilities => SmsGatewayCapabilities.Bulk | SmsGatewayCapabilities.DeliveryReports | SmsGatewayCapabilities.Balance;

    /// <inheritdoc/>
    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(message);
        AfricasTalkingOptions options = _options.CurrentValue;
        PreparedMessage prepared = PreparedMessage.Prepare(message, Sender(options), options.MaxSegments, ProviderName);
        return SendPreparedAsync(BatchSender.Input.Of(prepared), options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(messages);
        AfricasTalkingOptions options = _options.CurrentValue;
        string sender = Sender(options);
        int maxSegments = options.MaxSegments;
        IReadOnlyList<SmsMessage> valid = PreparedMessage.ValidateBatch(messages, sender, maxSegments, ProviderName, out int recipients);
        return SendPreparedAsync(
            new BatchSender.Input(valid.Count, recipients, i => PreparedMessage.Prepare(valid[i], sender, maxSegments, ProviderName, nameof(messages))),
            options, cancellationToken);
    }

    /// <inheritdoc/>
    string? ISmsMessageRules.Refusal(SmsMessage message)
    {
        AfricasTalkingOptions options = _options.CurrentValue;
        return PreparedMessage.Refusal(message, Sender(options), options.MaxSegments, ProviderName, out _, out _);
    }

    /// <inheritdoc/>
    public async Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
    {
        AfricasTalkingOptions options = _options.CurrentValue;
        using ProviderCall call = _http.Call("user");
        ProviderResponse response = await _http.SendAsync(HttpMethod.Get, "user?username=" + Uri.EscapeDataString(options.Username), null, SmsRequestKind.Read, null, call, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw _http.HttpError(response, body => PlainTextError(response.StatusCode, body));
        }

        AfricasTalkingBalanceReply reply = _http.Read(response, AfricasTalkingResponseReader.Balance);
        decimal amount = reply.Amount!.Value; // the reader refuses a reply without one
        Log.Balance(_http.Logger, ProviderName, amount);
        return new SmsBalance(ProviderName, amount) { Currency = reply.Currency };
    }

    // AT's default sender when none is configured (no "from" field), else the configured one.
    private static string Sender(AfricasTalkingOptions options) => options.SenderId ?? DefaultSender;

    private Task<SmsSendResult> SendPreparedAsync(BatchSender.Input input, AfricasTalkingOptions options, CancellationToken cancellationToken) =>
        // One text a request, so a new message starts a new request.
        BatchSender.SendAsync(_http, input, new BatchSender.RequestShape(options.MaxRecipientsPerRequest, OneMessagePerRequest: true, SameMessage, ClientRefOf),
            (messages, items, ct) => SendChunkAsync(messages[0], items, options, ct), cancellationToken);

    private async ValueTask<BatchSender.ChunkReply> SendChunkAsync(PreparedMessage message, List<BatchSender.Slot> items, AfricasTalkingOptions options, CancellationToken cancellationToken)
    {
        int count = items.Count;
        using ProviderCall call = _http.Call("messaging", count);
        var numbers = new PhoneNumber[count];
        var to = new string[count];
        for (int i = 0; i < count; i++)
        {
            numbers[i] = message.Unique[items[i].Unique];
            to[i] = numbers[i].E164;
        }

        Log.Sending(_http.Logger, ProviderName, "messaging", count, message.Segments.Segments, message.Segments.Encoding);
        Log.MessageText(_http.Logger, ProviderName, message.Message.Text);
        string? from = message.SenderId.Length == 0 ? null : message.SenderId;
        TrackedJsonContent body = TrackedJsonContent.CreateForm(AfricasTalkingRequests.Messaging(options.Username, to, message.Message.Text, from, options.Enqueue));

        ProviderResponse response = await _http.SendAsync(HttpMethod.Post, "messaging", body, SmsRequestKind.Send, null, call, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw _http.HttpError(response, b => PlainTextError(response.StatusCode, b));
        }

        AfricasTalkingSendReply reply = _http.Read(response, AfricasTalkingResponseReader.Send);
        if (reply.RequestRefusal is { } refusal)
        {
            // HTTP 201 with no recipients and one word (InvalidSenderId, recorded): AT refused the request, nothing was sent.
            throw _http.StatusError(AfricasTalkingStatusMap.MapRequestRefusal(refusal), response);
        }

        // Match AT's entries to our numbers by number, whatever format it echoes (the first entry for a number wins).
        var byNumber = new Dictionary<PhoneNumber, AfricasTalkingRecipientReply>(reply.Recipients.Count);
        foreach (AfricasTalkingRecipientReply entry in reply.Recipients)
        {
            if (PhoneNumber.TryParse(entry.Number, out PhoneNumber n))
            {
                byNumber.TryAdd(n, entry);
            }
        }

        var results = new SmsRecipientResult[count];
        for (int i = 0; i < count; i++)
        {
            PhoneNumber number = numbers[i];
            results[i] = byNumber.TryGetValue(number, out AfricasTalkingRecipientReply r)
                ? Result(number, r, message)
                : new SmsRecipientResult(number.E164, SdkStatus.NotReported(ProviderName), clientReference: message.Message.ClientReference, network: number.Network);
        }

        return new BatchSender.ChunkReply(results, null);
    }

    private static SmsRecipientResult Result(PhoneNumber number, AfricasTalkingRecipientReply reply, PreparedMessage message)
    {
        SmsStatus status = AfricasTalkingStatusMap.Map(reply.StatusCode, reply.Status);
        return new SmsRecipientResult(number.E164, status,
            messageId: status.IsSuccess ? reply.MessageId : null,
            clientReference: message.Message.ClientReference,
            cost: status.IsSuccess ? reply.Cost : null,
            network: number.Network);
    }

    // AT's documented non-JSON errors: 401 (a wrong key or username) and 400 (a malformed request), plain text. Anything
    // else is decided by its HTTP status.
    private static SmsStatus? PlainTextError(HttpStatusCode status, ReadOnlyMemory<byte> body)
    {
        string text = System.Text.Encoding.UTF8.GetString(body.Span).Trim();
        return status switch
        {
            HttpStatusCode.Unauthorized => new StatusDefinition(SmsErrorCode.InvalidCredentials, "The supplied authentication is invalid").ToStatus(ProviderName, "401", text),
            HttpStatusCode.BadRequest => new StatusDefinition(SmsErrorCode.MissingParameters, "Bad request").ToStatus(ProviderName, "400", text),
            _ => null,
        };
    }

    private static bool SameMessage(PreparedMessage first, PreparedMessage next) => ReferenceEquals(first, next);

    private static string? ClientRefOf(PreparedMessage message) => message.Message.ClientReference;
}
