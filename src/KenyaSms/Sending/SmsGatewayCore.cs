using System.Diagnostics.CodeAnalysis;
using KenyaSms.Http;
using KenyaSms.Ledger;
using KenyaSms.Policies;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.Sending;

/// <summary>
/// The send, balance and message-rule sequence every provider shares: prepare and validate, cut requests, send each
/// through the provider's HttpClient, turn an HTTP error or a refusal into an exception, read a reply with the
/// provider's <see cref="SmsProtocol{TOptions}"/> and match its entries to the recipients. A provider's gateway is a thin
/// public face over one of these.
/// </summary>
/// <typeparam name="TOptions">The provider's options.</typeparam>
internal sealed class SmsGatewayCore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : ISmsMessageRules
    where TOptions : class
{
    private readonly SmsProtocol<TOptions> _protocol;
    private readonly IOptionsMonitor<TOptions> _options;
    private readonly Func<PreparedMessage, PreparedMessage, bool> _sameRequest;
    private readonly Func<PreparedMessage, string?> _clientRef;
    private readonly Func<System.Text.Json.JsonElement, SendReply> _readSend;
    private readonly Func<System.Text.Json.JsonElement, SendReply> _readSingle;
    private readonly Func<System.Text.Json.JsonElement, BalanceReply> _readBalance;
    private readonly BatchSender.ChunkSender _sendChunk;

    public SmsGatewayCore(SmsProtocol<TOptions> protocol, IHttpClientFactory httpClientFactory, IOptionsMonitor<TOptions> options, ILogger logger, SmsTelemetry telemetry, SendLedgerContext? ledger, SendPolicies? policies)
    {
        _protocol = protocol;
        _options = options;
        Http = new ProviderHttp(protocol.Provider, protocol.HttpClientName, httpClientFactory, logger, telemetry,
            headers => protocol.Authenticate(headers, _options.CurrentValue), () => protocol.Secret(_options.CurrentValue), ledger, policies);
        // One text a request: a new message starts a new request. Personalised entries: a request carries one sender name.
        _sameRequest = protocol.OneMessagePerRequest
            ? static (first, next) => ReferenceEquals(first, next)
            : static (first, next) => string.Equals(first.SenderId, next.SenderId, StringComparison.Ordinal);
        _clientRef = protocol.ClientReference;
        _readSend = protocol.ReadSend;
        _readSingle = protocol.ReadSingle;
        _readBalance = protocol.ReadBalance;
        _sendChunk = (messages, items, ct) => SendChunkAsync(new SendChunk(messages, items), ct);
    }

    /// <summary>The provider's transport: for operations only one provider has (a number lookup).</summary>
    public ProviderHttp Http { get; }

    private string Provider => _protocol.Provider;

    /// <summary>Sends one message (see <see cref="ISmsGateway.SendAsync"/>).</summary>
    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        Throw.IfNull(message);
        TOptions options = _options.CurrentValue;
        PreparedMessage prepared = PreparedMessage.Prepare(message, _protocol.DefaultSender(options), _protocol.MaxSegments(options), Provider);

        // A keyed message under a ledger, and any message under a sending policy, goes through the batch path, where the
        // claim / send / record protocol and the policies run.
        if (prepared.Unique.Count == 1 && message.ClientReference is null && (message.IdempotencyKey is null || Http.Ledger is null)
            && Http.Policies is not { IsActive: true })
        {
            string e164 = prepared.Unique[0].E164; // once, for the request and the result
            if (_protocol.SingleRequest(options, prepared, e164) is { } single)
            {
                return SendSingleAsync(prepared, e164, single, cancellationToken);
            }
        }

        return SendPreparedAsync(BatchSender.Input.Of(prepared), options, cancellationToken);
    }

    /// <summary>Sends many messages (see <see cref="ISmsGateway.SendBatchAsync"/>).</summary>
    public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken)
    {
        Throw.IfNull(messages);
        TOptions options = _options.CurrentValue;
        string sender = _protocol.DefaultSender(options);
        int maxSegments = _protocol.MaxSegments(options);
        IReadOnlyList<SmsMessage> valid = PreparedMessage.ValidateBatch(messages, sender, maxSegments, Provider, out int recipients);
        return SendPreparedAsync(
            new BatchSender.Input(valid.Count, recipients, i => PreparedMessage.Prepare(valid[i], sender, maxSegments, Provider, nameof(messages))),
            options, cancellationToken);
    }

    /// <inheritdoc/>
    public string? Refusal(SmsMessage message)
    {
        TOptions options = _options.CurrentValue;
        return PreparedMessage.Refusal(message, _protocol.DefaultSender(options), _protocol.MaxSegments(options), Provider, out _, out _);
    }

    /// <summary>
    /// Asks for the balance (see <see cref="ISmsGateway.GetBalanceAsync"/>); <paramref name="retry"/> false makes one
    /// attempt only (the health check's probe).
    /// </summary>
    public async Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken, bool retry = true)
    {
        ProviderRequest request = _protocol.BalanceRequest(_options.CurrentValue);
        using ProviderCall call = Http.Call(request.Operation);
        ProviderResponse response = await SendAsync(request, SmsRequestKind.Read, call, cancellationToken, retry).ConfigureAwait(false);
        BalanceReply reply = Http.Read(response, _readBalance);
        if (reply.Refusal is { } refusal)
        {
            throw Http.StatusError(refusal, response);
        }

        if (reply.Amount is not { } amount)
        {
            throw Http.Unreadable(response, reply.Missing);
        }

        Log.Balance(Http.Logger, Provider, amount);
        return new SmsBalance(Provider, amount) { Currency = reply.Currency };
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns its 2xx response; a non-2xx one becomes the provider's documented
    /// error (when its body carries one) or a transport error.
    /// </summary>
    public async ValueTask<ProviderResponse> SendAsync(ProviderRequest request, SmsRequestKind kind, ProviderCall call, CancellationToken cancellationToken, bool retry = true)
    {
        ProviderResponse response = await Http.SendAsync(request.Method, request.Path, request.Body, kind, _protocol.IsTransientReply, call, cancellationToken, retry).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? response : throw HttpError(response);
    }

    // Out of line: a lambda capturing the response inside SendAsync would allocate its closure on every call.
    private SmsGatewayException HttpError(ProviderResponse response) =>
        Http.HttpError(response, body => _protocol.ReadErrorBody(response.StatusCode, body));

    private Task<SmsSendResult> SendPreparedAsync(BatchSender.Input input, TOptions options, CancellationToken cancellationToken) =>
        BatchSender.SendAsync(Http, input, new BatchSender.RequestShape(_protocol.MaxRequestSize(options), _protocol.OneMessagePerRequest, _sameRequest, _clientRef),
            _sendChunk, cancellationToken);

    private async ValueTask<BatchSender.ChunkReply> SendChunkAsync(SendChunk chunk, CancellationToken cancellationToken)
    {
        ProviderRequest request = _protocol.SendRequest(_options.CurrentValue, chunk);
        using ProviderCall call = Http.Call(request.Operation, chunk.Count);
        LogSending(request.Operation, chunk.Count, chunk.Messages);
        ProviderResponse response = await SendAsync(request, SmsRequestKind.Send, call, cancellationToken).ConfigureAwait(false);
        SendReply reply = Http.Read(response, _readSend);
        if (reply.Refusal is { } refusal)
        {
            throw Http.StatusError(refusal, response, reply.RefusalMayHaveBeenSent);
        }

        // Replies usually list the entries in request order (no provider promises it; any order is handled). When every
        // entry's key is distinct, a reply entry whose number (and client reference) are its own position's is that
        // entry, exactly what the matcher would say; the matcher (dictionaries) is built only for the first that is not.
        // The first reply entry for a request entry wins.
        bool echoesRefs = !_protocol.OneMessagePerRequest;
        bool distinct = _protocol.OneMessagePerRequest || NoCallerReferences(chunk);
        ReplyMatcher? matcher = null;
        var results = new SmsRecipientResult[chunk.Count];
        IReadOnlyList<RecipientReply> entries = reply.Recipients;
        for (int d = 0; d < entries.Count; d++)
        {
            RecipientReply entry = entries[d];
            int? match = distinct && IsOwnEntry(entry, d, chunk, echoesRefs) ? d : (matcher ??= new ReplyMatcher(chunk, echoesRefs)).Match(entry);
            if (match is int i && results[i] is null)
            {
                results[i] = Result(chunk, i, entry.Status, entry.MessageId, entry.Cost);
            }
        }

        for (int i = 0; i < results.Length; i++)
        {
            results[i] ??= Result(chunk, i, reply.Unlisted ?? SdkStatus.NotReported(Provider), messageId: null, cost: null);
        }

        return new BatchSender.ChunkReply(results, reply.Balance);
    }

    // One message to one number through the provider's single-recipient operation: no batch bookkeeping.
    private async Task<SmsSendResult> SendSingleAsync(PreparedMessage message, string e164, ProviderRequest request, CancellationToken cancellationToken)
    {
        using ProviderCall call = Http.Call(request.Operation, 1);
        PhoneNumber number = message.Unique[0];
        LogSending(request.Operation, 1, message);
        ProviderResponse response;
        try
        {
            response = await SendAsync(request, SmsRequestKind.Send, call, cancellationToken).ConfigureAwait(false);
        }
        catch (SmsSendCanceledException ex)
        {
            throw BatchSender.Canceled(Http, message, ex);
        }

        SendReply reply = Http.Read(response, _readSingle);
        if (reply.Refusal is { } refusal)
        {
            throw Http.StatusError(refusal, response, reply.RefusalMayHaveBeenSent);
        }

        RecipientReply only = OnlyEntry(reply, number);
        var recipient = new SmsRecipientResult(e164, only.Status, only.MessageId, clientReference: null, only.Cost, number.Network);
        var all = new List<SmsRecipientResult>(message.InputCount);
        message.Expand([recipient], Provider, all);
        var result = new SmsSendResult(Provider, all, reply.Balance);
        GatewayLogging.LogResult(Http.Logger, result);
        Http.Record(result, recipient.IsAccepted ? message.Segments.Segments : 0); // one distinct number: its segments if accepted
        return result;
    }

    // The reply's entry for the one number: the entry whose number is ours, or its only entry when that names no number
    // (a reply that does not echo it); none read as the batch path reads an unlisted recipient. An only entry naming
    // another number, or one that is not a number, does not speak for ours (as in ReplyMatcher): reporting it would
    // credit our recipient with what the provider said about something else.
    private RecipientReply OnlyEntry(SendReply reply, PhoneNumber number)
    {
        IReadOnlyList<RecipientReply> entries = reply.Recipients;
        if (entries.Count == 1 && string.IsNullOrEmpty(entries[0].Number))
        {
            return entries[0];
        }

        for (int i = 0; i < entries.Count; i++)
        {
            if (PhoneNumber.TryParse(entries[i].Number, out PhoneNumber listed) && listed == number)
            {
                return entries[i];
            }
        }

        return new RecipientReply(null, null, reply.Unlisted ?? SdkStatus.NotReported(Provider));
    }

    private void LogSending(string operation, int count, PreparedMessage first)
    {
        Log.Sending(Http.Logger, Provider, operation, count, first.Segments.Segments, first.Segments.Encoding);
        Log.MessageText(Http.Logger, Provider, first.Message.Text);
    }

    private void LogSending(string operation, int count, List<PreparedMessage> messages)
    {
        LogSending(operation, count, messages[0]);
        for (int m = 1; m < messages.Count; m++)
        {
            Log.MessageText(Http.Logger, Provider, messages[m].Message.Text);
        }
    }

    // The entry's E.164 string and network come from the request; the client reference is the one the entry carried.
    private static SmsRecipientResult Result(SendChunk chunk, int index, SmsStatus status, string? messageId, decimal? cost)
    {
        PhoneNumber number = chunk.Number(index);
        return new SmsRecipientResult(number.E164, status, messageId, chunk.ClientRef(index), cost, number.Network);
    }

    private static bool NoCallerReferences(SendChunk chunk)
    {
        foreach (PreparedMessage message in chunk.Messages)
        {
            if (message.Message.ClientReference is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOwnEntry(in RecipientReply entry, int index, SendChunk chunk, bool echoesRefs) =>
        index < chunk.Count
        && (!echoesRefs || string.Equals(entry.ClientRef, chunk.ClientRef(index), StringComparison.Ordinal))
        && PhoneNumber.TryParse(entry.Number, out PhoneNumber number)
        && number == chunk.Number(index);
}
