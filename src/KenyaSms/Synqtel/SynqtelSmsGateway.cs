using System.Globalization;
using System.Text.Json;
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
public sealed class SynqtelSmsGateway : ISmsGateway, ISmsMessageRules, ISmsNumberLookup
{
    /// <summary>The provider key: <c>"synqtel"</c>.</summary>
    public const string ProviderName = "synqtel";

    /// <summary>The name of the HttpClient this gateway uses: <c>"KenyaSms.Synqtel"</c>.</summary>
    public const string HttpClientName = "KenyaSms.Synqtel";

    /// <summary>The longest text Synqtel accepts, in SMS segments.</summary>
    public const int MaxSegments = 6;

    private static readonly byte[] BalanceRequestBody = """{"response_type":"json"}"""u8.ToArray();

    // A request carries one sender name, so a change of sender starts a new request.
    private static readonly Func<PreparedMessage, PreparedMessage, bool> SameSender =
        static (a, b) => string.Equals(a.SenderId, b.SenderId, StringComparison.Ordinal);

    private readonly Func<PreparedMessage, string?> _clientRef;

    private readonly ProviderHttp _http;
    private readonly IOptionsMonitor<SynqtelOptions> _options;
    private readonly long _clientRefBase = SharedRandom.NextInt64(1_000_000_000_000_000, 8_000_000_000_000_000);
    private long _clientRefCounter;

    internal SynqtelSmsGateway(IHttpClientFactory httpClientFactory, IOptionsMonitor<SynqtelOptions> options, ILogger<SynqtelSmsGateway> logger, SmsTelemetry telemetry, Ledger.SendLedgerContext? ledger = null, Policies.SendPolicies? policies = null)
    {
        _options = options;
        _clientRef = m => m.Message.ClientReference ?? NextClientRef();
        _http = new ProviderHttp(ProviderName, HttpClientName, httpClientFactory, logger, telemetry,
            headers => headers.TryAddWithoutValidation("h_api_key", _options.CurrentValue.ApiKey), () => _options.CurrentValue.ApiKey, ledger, policies);
    }

    /// <inheritdoc/>
    public string Name => ProviderName;

    /// <inheritdoc/>
    public SmsGatewayCapabilities Capabilities =>
        SmsGatewayCapabilities.Bulk | SmsGatewayCapabilities.PersonalizedBatch | SmsGatewayCapabilities.ClientReference
        | SmsGatewayCapabilities.DeliveryReports | SmsGatewayCapabilities.NumberLookup | SmsGatewayCapabilities.Balance;

    /// <inheritdoc/>
    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(message);
        SynqtelOptions options = _options.CurrentValue;
        PreparedMessage prepared = PreparedMessage.Prepare(message, options.SenderName, MaxSegments, ProviderName);
        // A keyed message under a ledger, and any message under a sending policy, goes through the batch path, where the
        // claim / send / record protocol and the policies run.
        return prepared.Unique.Count == 1 && message.ClientReference is null && (message.IdempotencyKey is null || _http.Ledger is null) && _http.Policies is not { IsActive: true }
            ? SendSingleAsync(prepared, options, cancellationToken)
            : SendMultipleAsync(BatchSender.Input.Of(prepared), options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(messages);
        SynqtelOptions options = _options.CurrentValue;
        IReadOnlyList<SmsMessage> valid = PreparedMessage.ValidateBatch(messages, options.SenderName, MaxSegments, ProviderName, out int recipients);
        string sender = options.SenderName;
        return SendMultipleAsync(
            new BatchSender.Input(valid.Count, recipients, i => PreparedMessage.Prepare(valid[i], sender, MaxSegments, ProviderName, nameof(messages))),
            options, cancellationToken);
    }

    /// <inheritdoc/>
    string? ISmsMessageRules.Refusal(SmsMessage message) =>
        PreparedMessage.Refusal(message, _options.CurrentValue.SenderName, MaxSegments, ProviderName, out _, out _);

    /// <inheritdoc/>
    public async Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
    {
        // The reference sends GET with a JSON body; we do the same.
        using ProviderCall call = _http.Call("getbalance");
        ProviderResponse response = await _http.SendAsync(HttpMethod.Get, "getbalance", TrackedJsonContent.Create(BalanceRequestBody), SmsRequestKind.Read, IsTransientReply, call, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw _http.HttpError(response, TryReadStatus);
        }

        SynqtelBalanceReply reply = _http.Read(response, SynqtelResponseReader.Balance);
        if (reply.StatusCode is not null)
        {
            SmsStatus status = SmsStatusMapper.Map(ProviderName, reply.StatusCode, reply.StatusDesc);
            if (!status.IsSuccess)
            {
                throw _http.StatusError(status, response);
            }
        }

        if (reply.CreditBalance is not { } credits)
        {
            throw _http.Unreadable(response, "it has no credit_balance");
        }

        Log.Balance(_http.Logger, ProviderName, credits);
        return new SmsBalance(ProviderName, credits);
    }

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

        using ProviderCall call = _http.Call("mobile", 1);
        ProviderResponse response = await _http.SendAsync(HttpMethod.Get, $"mobile?mobile={number.Msisdn}&return=json", null, SmsRequestKind.Read, IsTransientReply, call, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw _http.HttpError(response, TryReadStatus);
        }

        SynqtelLookupReply reply = _http.Read(response, SynqtelResponseReader.Lookup);
        SmsStatus status = SmsStatusMapper.Map(ProviderName, reply.StatusCode, reply.StatusDesc);
        if (status.IsSuccess || (reply.StatusCode is null && reply.Mobile is not null))
        {
            return new PhoneNumberLookup(number.E164, isValid: true, SynqtelNetworks.FromId(reply.NetworkId, number.Network), reply.NetworkId);
        }

        if (status.Error == SmsErrorCode.InvalidPhoneNumber)
        {
            return new PhoneNumberLookup(number.E164, isValid: false, number.Network, reply.NetworkId);
        }

        throw _http.StatusError(status, response);
    }

    private async Task<SmsSendResult> SendSingleAsync(PreparedMessage message, SynqtelOptions options, CancellationToken cancellationToken)
    {
        using ProviderCall call = _http.Call("sendsms", 1);
        PhoneNumber number = message.Unique[0];
        Log.Sending(_http.Logger, ProviderName, "sendsms", 1, message.Segments.Segments, message.Segments.Encoding);
        Log.MessageText(_http.Logger, ProviderName, message.Message.Text);
        string e164 = number.E164;
        TrackedJsonContent body = TrackedJsonContent.Create(
            new SynqtelSendRequest(e164, "json", message.SenderId, options.ServiceId, message.Message.Text),
            SynqtelJsonContext.Default.SynqtelSendRequest);
        ProviderResponse response;
        try
        {
            response = await _http.SendAsync(HttpMethod.Post, "sendsms", body, SmsRequestKind.Send, IsTransientReply, call, cancellationToken).ConfigureAwait(false);
        }
        catch (SmsSendCanceledException ex)
        {
            throw BatchSender.Canceled(_http, message, ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw _http.HttpError(response, TryReadStatus);
        }

        SynqtelSingleReply reply = _http.Read(response, SynqtelResponseReader.Single);
        SmsStatus status = SmsStatusMapper.Map(ProviderName, reply.StatusCode, reply.StatusDesc);
        if (!status.IsSuccess && !SmsStatusMapper.IsRecipientLevel(status.Error))
        {
            throw _http.StatusError(status, response, mayHaveBeenSent: status.Error == SmsErrorCode.Unknown);
        }

        var recipient = new SmsRecipientResult(e164, status, reply.MessageId, clientReference: null, reply.Cost, number.Network);
        var all = new List<SmsRecipientResult>(message.InputCount);
        message.Expand([recipient], ProviderName, all);
        var result = new SmsSendResult(ProviderName, all, reply.CreditBalance);
        GatewayLogging.LogResult(_http.Logger, result);
        _http.Record(result, recipient.IsAccepted ? message.Segments.Segments : 0); // one distinct number: its segments if accepted
        return result;
    }

    private Task<SmsSendResult> SendMultipleAsync(BatchSender.Input input, SynqtelOptions options, CancellationToken cancellationToken) =>
        // Every distinct valid (message, number) pair is one sendmultiple entry with its own client_ref.
        BatchSender.SendAsync(_http, input, new BatchSender.RequestShape(options.MaxMessagesPerRequest, OneMessagePerRequest: false, SameSender, _clientRef),
            (messages, items, ct) => SendChunkAsync(messages, items, options, ct), cancellationToken);

    private async ValueTask<BatchSender.ChunkReply> SendChunkAsync(List<PreparedMessage> messages, List<BatchSender.Slot> items, SynqtelOptions options, CancellationToken cancellationToken)
    {
        using ProviderCall call = _http.Call("sendmultiple", items.Count);
        PreparedMessage first = messages[items[0].Message];
        Log.Sending(_http.Logger, ProviderName, "sendmultiple", items.Count, first.Segments.Segments, first.Segments.Encoding);
        var entries = new SynqtelMultipleItem[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            PreparedMessage message = messages[items[i].Message];
            Log.MessageText(_http.Logger, ProviderName, message.Message.Text);
            entries[i] = new SynqtelMultipleItem(message.Unique[items[i].Unique].E164, message.Message.Text, ClientRefOf(items[i]));
        }

        TrackedJsonContent body = TrackedJsonContent.Create(
            new SynqtelSendMultipleRequest(options.ServiceId, first.SenderId, entries),
            SynqtelJsonContext.Default.SynqtelSendMultipleRequest);
        ProviderResponse response = await _http.SendAsync(HttpMethod.Post, "sendmultiple", body, SmsRequestKind.Send,
            IsTransientReply, call, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw _http.HttpError(response, TryReadStatus);
        }

        SynqtelMultipleReply reply = _http.Read(response, SynqtelResponseReader.Multiple);
        SmsStatus status = SmsStatusMapper.Map(ProviderName, reply.StatusCode, reply.StatusDesc);
        if (!status.IsSuccess && !SmsStatusMapper.IsRecipientLevel(status.Error))
        {
            throw _http.StatusError(status, response, mayHaveBeenSent: status.Error == SmsErrorCode.Unknown);
        }

        // A recipient-level top-level code (1002, 1003, 1012) speaks only for the recipients schedule_details do not
        // list. The reference never shows it next to details; when both come, an entry the details accepted was
        // accepted (reporting it refused, "not sent", would make the caller send it a second time).
        SmsStatus? unlisted = status.IsSuccess ? null : status;
        var results = new SmsRecipientResult[items.Count];

        // Answers usually come in request order (the reference does not promise it; any order is handled). When every
        // client_ref of the request is one the SDK generated (all distinct), an answer whose client_ref and number are
        // its own entry's is that entry, exactly what the matcher would say; the matcher (three dictionaries) is built
        // only for the first answer that is not.
        bool refsDistinct = AllRefsGenerated(messages, items);
        SynqtelResultMatcher? matcher = null;
        IReadOnlyList<SynqtelScheduleReply> details = reply.Details;
        for (int d = 0; d < details.Count; d++)
        {
            SynqtelScheduleReply detail = details[d];
            int? match = refsDistinct && IsOwnEntry(detail, d, messages, items)
                ? d
                : (matcher ??= new SynqtelResultMatcher(messages, items)).Match(detail);
            if (match is int i && results[i] is null)
            {
                results[i] = Recipient(messages, items[i], entries[i], SynqtelStatusMap.MapSchedule(detail.ScheduleStatus, detail.ScheduleDesc), detail.MessageId, detail.Cost);
            }
        }

        for (int i = 0; i < items.Count; i++)
        {
            results[i] ??= Recipient(messages, items[i], entries[i], unlisted ?? SdkStatus.NotReported(ProviderName), messageId: null, cost: null);
        }

        return new BatchSender.ChunkReply(results, reply.CreditBalance);
    }

    private static bool AllRefsGenerated(List<PreparedMessage> messages, List<BatchSender.Slot> items)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (messages[items[i].Message].Message.ClientReference is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOwnEntry(SynqtelScheduleReply detail, int index, List<PreparedMessage> messages, List<BatchSender.Slot> items) =>
        index < items.Count
        && string.Equals(detail.ClientRef, items[index].ClientRef, StringComparison.Ordinal)
        && PhoneNumber.TryParse(detail.Mobile, out PhoneNumber number)
        && number == messages[items[index].Message].Unique[items[index].Unique];

    // The entry's E.164 string, built for the request, is the result's too.
    private static SmsRecipientResult Recipient(List<PreparedMessage> messages, BatchSender.Slot item, SynqtelMultipleItem entry, SmsStatus status, string? messageId, decimal? cost) =>
        new(entry.Mobile, status, messageId, item.ClientRef, cost, messages[item.Message].Unique[item.Unique].Network);

    // Every Synqtel slot has a client_ref: the caller's, or one from NextClientRef.
    private static string ClientRefOf(BatchSender.Slot slot) => slot.ClientRef ?? string.Empty;

    private string NextClientRef() =>
        (_clientRefBase + Interlocked.Increment(ref _clientRefCounter)).ToString(CultureInfo.InvariantCulture);

    // The retry rule's question about a 2xx body: is it a "not accepted, try later" status (1005/1007/1008)?
    // Asked of every operation, reads included. An unreadable body throws here; the pipeline treats that as
    // "not try later" for every provider, so the adapter reports InvalidResponse (for a send, "may have been sent").
    // The body comes parsed (once, kept for the adapter's own read of it).
    private static bool IsTransientReply(JsonElement root) => StatusOf(SynqtelResponseReader.Balance(root))?.IsTransient == true;

    private static SmsStatus? TryReadStatus(ReadOnlyMemory<byte> body) => StatusOf(SynqtelResponseReader.ReadBalance(body.Span));

    private static SmsStatus? StatusOf(SynqtelBalanceReply reply) =>
        reply.StatusCode is null ? null : SmsStatusMapper.Map(ProviderName, reply.StatusCode, reply.StatusDesc);
}
