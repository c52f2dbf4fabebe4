using KenyaSms.Http;
using KenyaSms.Ledger;
using KenyaSms.Policies;
using KenyaSms.Telemetry;

namespace KenyaSms.Sending;

/// <summary>
/// What every adapter does with a send, whatever its provider: walk the (already validated) messages in
/// order, cut their distinct valid (message, number) pairs into provider requests, send each request as
/// soon as it is formed (at most <see cref="ChunkRunner.MaxConcurrentChunks"/> in flight), and write each
/// answer straight into the final result, one entry per input recipient in input order. A request that
/// fails as a whole marks only its own recipients (with <see cref="SmsStatus.MayHaveBeenSent"/>); the call
/// throws only when every request failed.
/// </summary>
/// <remarks>
/// Memory: the result, plus the requests in flight. A message is prepared (numbers parsed and de-duplicated)
/// when its request is formed and dropped with that request.
/// </remarks>
internal static class BatchSender
{
    /// <summary>
    /// One distinct valid number of one message: the unit a provider request carries. <c>Message</c> indexes the
    /// request's own message list; <c>Position</c> is where its result goes in the whole result.
    /// </summary>
    public readonly record struct Slot(int Message, int Unique, string? ClientRef, int Position);

    /// <summary>A request's answer: one result per slot of the request, and the balance if the provider gave one.</summary>
    public readonly record struct ChunkReply(SmsRecipientResult[] Results, decimal? Balance);

    /// <summary>Sends one provider request: its messages, and its slots (which index those messages).</summary>
    public delegate ValueTask<ChunkReply> ChunkSender(List<PreparedMessage> messages, List<Slot> items, CancellationToken cancellationToken);

    /// <summary>
    /// How an adapter cuts requests: at most <c>Size</c> slots, a new request wherever <c>SameRequest</c>
    /// (the request's first message, the next message) says no, and each slot's client reference.
    /// </summary>
    public sealed record RequestShape(int Size, bool OneMessagePerRequest, Func<PreparedMessage, PreparedMessage, bool> SameRequest, Func<PreparedMessage, string?> ClientRef);

    /// <summary>The messages of a send: how many, how many input recipients in all, and message <c>i</c> prepared.</summary>
    public readonly record struct Input(int Count, int Recipients, Func<int, PreparedMessage> Prepare)
    {
        /// <summary>One message, already prepared.</summary>
        public static Input Of(PreparedMessage message) => new(1, message.InputCount, _ => message);
    }

    public static Task<SmsSendResult> SendAsync(ProviderHttp http, Input input, RequestShape shape, ChunkSender send, CancellationToken cancellationToken)
    {
        if (http.Policies?.RateLimiter is { } limiter && shape.Size > limiter.Capacity)
        {
            // A request never needs more permits than the bucket holds: a larger one is split, not starved.
            shape = shape with { Size = limiter.Capacity };
        }

        // One message whose recipients fit one request (an OTP, a reminder): at most one request, so no runner is needed.
        return input.Count == 1 && input.Recipients <= Math.Max(shape.Size, 1)
            ? SendOneRequestAsync(http, input, shape, send, cancellationToken)
            : SendManyAsync(http, input, shape, send, cancellationToken);
    }

    // What SendManyAsync does for a single request, without the runner's bookkeeping (tasks, closures, WhenAny):
    // the same results, the same exceptions (the only request failing is the call failing).
    private static async Task<SmsSendResult> SendOneRequestAsync(ProviderHttp http, Input input, RequestShape shape, ChunkSender send, CancellationToken cancellationToken)
    {
        string provider = http.Provider;
        var all = new SmsRecipientResult[input.Recipients];
        List<(int To, int From)>? duplicates = null;
        SmsStatus? invalid = null;
        PreparedMessage message = Prepare(input, 0);
        int[]? positions = message.IsOneToOne ? null : Positions(message, 0, all, ref invalid, ref duplicates, provider);
        decimal? balance = null;
        long segments = 0;
        if (message.Unique.Count > 0)
        {
            var messages = new List<PreparedMessage>(1) { message };
            var items = new List<Slot>(message.Unique.Count);
            for (int k = 0; k < message.Unique.Count; k++)
            {
                items.Add(new Slot(0, k, shape.ClientRef(message), positions is null ? k : positions[k]));
            }

            if (cancellationToken.IsCancellationRequested)
            {
                throw Canceled(http, input, all, duplicates, null, 0, null, cancellationToken);
            }

            try
            {
                (balance, segments) = await SendRequestAsync(http, messages, items, send, all, cancellationToken).ConfigureAwait(false);
            }
            catch (SmsSendCanceledException ex)
            {
                MarkCanceled(ex, messages, items, all, http.Provider);
                throw Canceled(http, input, all, duplicates, null, 0, ex, cancellationToken);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                // Cancelled while a policy held the request (the suppression query, the rate limiter): nothing was sent.
                throw Canceled(http, input, all, duplicates, null, 0, ex, cancellationToken);
            }
        }

        return Finish(http, all, duplicates, balance, segments);
    }

    private static async Task<SmsSendResult> SendManyAsync(ProviderHttp http, Input input, RequestShape shape, ChunkSender send, CancellationToken cancellationToken)
    {
        string provider = http.Provider;
        int size = Math.Max(shape.Size, 1);
        var all = new SmsRecipientResult[input.Recipients];
        var tally = new Tally();
        var runner = new ChunkRunner(cancellationToken);
        List<(int To, int From)>? duplicates = null;
        SmsStatus? invalid = null;
        List<PreparedMessage>? messages = null;
        List<Slot>? items = null;
        Dictionary<(string Key, PhoneNumber Number), int>? keyed = null;
        int requests = 0;
        int offset = 0;
        try
        {
            for (int m = 0; m < input.Count; m++)
            {
                PreparedMessage message = Prepare(input, m);
                int[]? positions = message.IsOneToOne ? null : Positions(message, offset, all, ref invalid, ref duplicates, provider);
                for (int k = 0; k < message.Unique.Count; k++)
                {
                    int position = positions is null ? offset + k : positions[k];
                    if (http.Ledger is not null && message.Message.IdempotencyKey is { } key && RepeatsKeyedPair(ref keyed, key, message.Unique[k], position, ref duplicates))
                    {
                        continue; // the same (key, number) earlier in this batch: sent once, its result copied here
                    }

                    if (items is not null && (items.Count >= size || !shape.SameRequest(messages![0], message)))
                    {
                        await StartAsync(messages!, items, requests++).ConfigureAwait(false);
                        items = null;
                    }

                    if (items is null)
                    {
                        int capacity = Math.Min(size, input.Recipients - offset);
                        items = new List<Slot>(capacity);
                        messages = new List<PreparedMessage>(shape.OneMessagePerRequest ? 1 : capacity);
                    }

                    if (messages!.Count == 0 || !ReferenceEquals(messages[messages.Count - 1], message))
                    {
                        messages.Add(message);
                    }

                    items.Add(new Slot(messages.Count - 1, k, shape.ClientRef(message), position));
                }

                offset += message.InputCount;
            }

            if (items is not null)
            {
                await StartAsync(messages!, items, requests).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // The runner let the requests in flight finish (within the grace period) before this: their results are in.
            await runner.AbandonAsync().ConfigureAwait(false);
            throw Canceled(http, input, all, duplicates, tally.Balance, tally.Segments, ex, cancellationToken);
        }
        catch
        {
            await runner.AbandonAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            await runner.CompleteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw Canceled(http, input, all, duplicates, tally.Balance, tally.Segments, ex, cancellationToken);
        }

        return Finish(http, all, duplicates, tally.Balance, tally.Segments);

        Task StartAsync(List<PreparedMessage> requestMessages, List<Slot> requestItems, int index) => runner.StartAsync(
            async ct =>
            {
                (decimal? requestBalance, long requestSegments) = await SendRequestAsync(http, requestMessages, requestItems, send, all, ct).ConfigureAwait(false);
                tally.Add(index, requestBalance, requestSegments);
            },
            error => MarkFailed(error, requestMessages, requestItems, all),
            canceled => MarkCanceled(canceled, requestMessages, requestItems, all, provider));
    }

    /// <summary>
    /// Sends one provider request and writes its results into <paramref name="all"/>; returns its balance and accepted
    /// segments. The sending policies come first (safe mode, suppression list: held-back recipients get their rejected
    /// result and are not sent; then the rate limiter's wait). With a send ledger and keyed messages, the claim / send /
    /// record protocol runs around the send: pairs settled earlier are answered from the ledger (and not sent), and every
    /// held pair's outcome is recorded, whatever happens (a held-back pair as Rejected).
    /// </summary>
    private static async ValueTask<(decimal? Balance, long Segments)> SendRequestAsync(
        ProviderHttp http, List<PreparedMessage> messages, List<Slot> items, ChunkSender send, SmsRecipientResult[] all, CancellationToken cancellationToken)
    {
        SendPolicies? policies = http.Policies is { IsActive: true } active ? active : null;
        int heldBack = policies is null ? 0 : await policies.HoldBackAsync(http.Provider, messages, items, all, cancellationToken).ConfigureAwait(false);
        bool keyed = http.Ledger is not null && LedgerProtocol.AnyKey(messages);
        if (heldBack == items.Count && !keyed)
        {
            return (null, 0); // every recipient was held back: no request
        }

        if (policies?.RateLimiter is { } limiter)
        {
            // Before the claim: a long wait must not eat the claim's lease. Nothing is sent while waiting.
            await limiter.AcquireAsync(items.Count - heldBack, cancellationToken).ConfigureAwait(false);
        }

        if (!keyed)
        {
            List<Slot> open = heldBack == 0 ? items : Open(items, all);
            try
            {
                ChunkReply plain = await send(messages, open, cancellationToken).ConfigureAwait(false);
                long accepted = Apply(plain, messages, open, all);
                await AfterSendAsync(http, messages, open, all).ConfigureAwait(false);
                return (plain.Balance, accepted);
            }
            catch (SmsGatewayException ex) when (heldBack > 0)
            {
                // Some of this request's recipients were held back: the failure is the others' alone, as data.
                MarkFailed(ex, messages, open, all);
                return (null, 0);
            }
        }

        (List<Slot> toSend, LedgerProtocol.Held? held) = await LedgerProtocol.ClaimAsync(http.Ledger!, http.Provider, messages, items, all, cancellationToken).ConfigureAwait(false);
        if (heldBack > 0)
        {
            toSend = Open(toSend, all); // the held-back pairs already have their result: recorded, never sent
        }

        try
        {
            if (toSend.Count == 0)
            {
                return (null, 0); // every pair was answered from the ledger or held back: no request
            }

            ChunkReply reply = await send(messages, toSend, cancellationToken).ConfigureAwait(false);
            long accepted = Apply(reply, messages, toSend, all);
            await AfterSendAsync(http, messages, toSend, all).ConfigureAwait(false);
            return (reply.Balance, accepted);
        }
        catch (SmsGatewayException ex) when (toSend.Count < items.Count)
        {
            // Some of this request's recipients were answered from the ledger or held back: the failure is theirs alone, as data.
            MarkFailed(ex, messages, toSend, all);
            return (null, 0);
        }
        catch (SmsGatewayException ex)
        {
            MarkFailed(ex, messages, toSend, all);
            throw;
        }
        catch (SmsSendCanceledException ex)
        {
            MarkCanceled(ex, messages, toSend, all, http.Provider);
            throw;
        }
        finally
        {
            if (held is not null)
            {
                await LedgerProtocol.RecordAsync(held, all, http.Provider).ConfigureAwait(false);
            }
        }
    }

    // With a suppression list and AutoSuppress, a do-not-disturb rejection adds the number.
    private static Task AfterSendAsync(ProviderHttp http, List<PreparedMessage> messages, List<Slot> sent, SmsRecipientResult[] all) =>
        http.Policies is { } policies ? policies.AfterSendAsync(messages, sent, all) : Task.CompletedTask;

    // The slots of a request that no policy or ledger answer has settled.
    private static List<Slot> Open(List<Slot> items, SmsRecipientResult[] all)
    {
        var open = new List<Slot>(items.Count);
        foreach (Slot slot in items)
        {
            if (all[slot.Position] is null)
            {
                open.Add(slot);
            }
        }

        return open;
    }

    // With a ledger, a (key, number) pair is one send however often a batch repeats it: true when this one was seen.
    private static bool RepeatsKeyedPair(ref Dictionary<(string Key, PhoneNumber Number), int>? keyed, string key, PhoneNumber number, int position, ref List<(int To, int From)>? duplicates)
    {
        keyed ??= new Dictionary<(string Key, PhoneNumber Number), int>();
        if (keyed.TryGetValue((key, number), out int first))
        {
            (duplicates ??= []).Add((position, first));
            return true;
        }

        keyed.Add((key, number), position);
        return false;
    }

    // A request that failed as a whole: its recipients (those not answered otherwise) carry the failure.
    private static void MarkFailed(SmsGatewayException error, List<PreparedMessage> messages, List<Slot> items, SmsRecipientResult[] all)
    {
        SmsStatus failed = SdkStatus.RequestFailed(error);
        foreach (Slot slot in items)
        {
            if (all[slot.Position] is null)
            {
                PhoneNumber number = messages[slot.Message].Unique[slot.Unique];
                all[slot.Position] = new SmsRecipientResult(number.E164, failed, clientReference: slot.ClientRef, network: number.Network);
            }
        }
    }

    // A request cancelled by the caller: its recipients were not sent, or may have been (its body was going out).
    private static void MarkCanceled(SmsSendCanceledException canceled, List<PreparedMessage> messages, List<Slot> items, SmsRecipientResult[] all, string provider)
    {
        SmsStatus status = canceled.MayHaveBeenSent ? SdkStatus.CanceledInFlight(provider) : SdkStatus.Canceled(provider);
        foreach (Slot slot in items)
        {
            if (all[slot.Position] is null)
            {
                PhoneNumber number = messages[slot.Message].Unique[slot.Unique];
                all[slot.Position] = new SmsRecipientResult(number.E164, status, clientReference: slot.ClientRef, network: number.Network);
            }
        }
    }

    /// <summary>
    /// The exception for a send the caller cancelled (api.md 8a), with one result per input recipient: what the
    /// requests that ran say, and "cancelled, not sent" for every recipient whose request never started.
    /// </summary>
    private static SmsSendCanceledException Canceled(
        ProviderHttp http, Input input, SmsRecipientResult[] all, List<(int To, int From)>? duplicates, decimal? balance, long segments,
        Exception? cause, CancellationToken cancellationToken)
    {
        string provider = http.Provider;
        if (duplicates is not null)
        {
            foreach ((int to, int from) in duplicates)
            {
                all[to] = all[from];
            }
        }

        SmsStatus? notSent = null;
        SmsStatus? invalid = null;
        for (int m = 0, offset = 0; m < input.Count && offset < all.Length; m++)
        {
            PreparedMessage message = input.Prepare(m);
            for (int i = 0; i < message.InputCount; i++)
            {
                if (all[offset + i] is not null)
                {
                    continue;
                }

                int slot = message.SlotOf(i);
                all[offset + i] = slot < 0
                    ? new SmsRecipientResult(message.Message.To[i], invalid ??= SdkStatus.InvalidNumber(provider))
                    : new SmsRecipientResult(message.Unique[slot].E164, notSent ??= SdkStatus.Canceled(provider), clientReference: message.Message.ClientReference, network: message.Unique[slot].Network);
            }

            offset += message.InputCount;
        }

        return Canceled(http, all, balance, segments, cause, cancellationToken);
    }

    /// <summary>
    /// The exception for a one-request send of <paramref name="message"/> (one distinct number) that the caller
    /// cancelled: that number's status (not sent, or may have been sent) for each of its inputs.
    /// </summary>
    public static SmsSendCanceledException Canceled(ProviderHttp http, PreparedMessage message, SmsSendCanceledException canceled)
    {
        PhoneNumber number = message.Unique[0];
        SmsStatus status = canceled.MayHaveBeenSent ? SdkStatus.CanceledInFlight(http.Provider) : SdkStatus.Canceled(http.Provider);
        var all = new List<SmsRecipientResult>(message.InputCount);
        message.Expand([new SmsRecipientResult(number.E164, status, clientReference: message.Message.ClientReference, network: number.Network)], http.Provider, all);
        return Canceled(http, all, null, 0, canceled, canceled.CancellationToken);
    }

    private static SmsSendCanceledException Canceled(ProviderHttp http, IReadOnlyList<SmsRecipientResult> all, decimal? balance, long segments, Exception? cause, CancellationToken cancellationToken)
    {
        string provider = http.Provider;
        var result = new SmsSendResult(provider, all, balance);
        GatewayLogging.LogResult(http.Logger, result);
        http.Record(result, segments);
        bool sent = false;
        foreach (SmsRecipientResult r in all)
        {
            sent |= r.IsAccepted || r.Status.MayHaveBeenSent;
        }

        return new SmsSendCanceledException(provider,
            $"The send through {provider} was cancelled by the caller: {result.AcceptedCount} recipient(s) accepted; "
            + (sent ? "a request body had gone out, so the provider may have accepted more (see PartialResult: do not resend those recipients blindly)." : "nothing else reached the provider."),
            sent, result, cause, cancellationToken);
    }

    // Writes a request's results where they belong; returns the segments its accepted recipients cost.
    private static long Apply(ChunkReply reply, List<PreparedMessage> messages, List<Slot> items, SmsRecipientResult[] all)
    {
        long segments = 0;
        for (int i = 0; i < items.Count; i++)
        {
            SmsRecipientResult r = reply.Results[i];
            all[items[i].Position] = r;
            segments += r.IsAccepted ? messages[items[i].Message].Segments.Segments : 0;
        }

        return segments;
    }

    // Copies each repeated input's result from its first occurrence, then logs and counts the finished send.
    private static SmsSendResult Finish(ProviderHttp http, SmsRecipientResult[] all, List<(int To, int From)>? duplicates, decimal? balance, long segments)
    {
        if (duplicates is not null)
        {
            foreach ((int to, int from) in duplicates)
            {
                all[to] = all[from];
            }
        }

        var result = new SmsSendResult(http.Provider, all, balance);
        GatewayLogging.LogResult(http.Logger, result);
        http.Record(result, segments);
        return result;
    }

    // Every message was validated before the first request, so this cannot fail unless the caller changed the list
    // during the send; that must not look like "refused before anything was sent" (ArgumentException).
    private static PreparedMessage Prepare(Input input, int index)
    {
        try
        {
            return input.Prepare(index);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"The batch was changed while it was being sent: message {index}, valid before the first request, no longer is. Requests already made stand.", ex);
        }
    }

    // A message with invalid or repeated numbers: writes the invalid ones' results now, notes which inputs repeat
    // an earlier one (filled at the end), and returns where each distinct number's result goes.
    private static int[] Positions(PreparedMessage message, int offset, SmsRecipientResult[] all, ref SmsStatus? invalid, ref List<(int To, int From)>? duplicates, string provider)
    {
        int[] positions = new int[message.Unique.Count];
        positions.AsSpan().Fill(-1);
        for (int i = 0; i < message.InputCount; i++)
        {
            int slot = message.SlotOf(i);
            if (slot < 0)
            {
                invalid ??= SdkStatus.InvalidNumber(provider);
                all[offset + i] = new SmsRecipientResult(message.Message.To[i], invalid);
            }
            else if (positions[slot] < 0)
            {
                positions[slot] = offset + i;
            }
            else
            {
                (duplicates ??= []).Add((offset + i, positions[slot]));
            }
        }

        return positions;
    }

    /// <summary>What the requests add up to: the balance of the last request (in batch order) that gave one, and the accepted segments.</summary>
    private sealed class Tally
    {
        private readonly object _gate = new();
        private int _balanceFrom = -1;

        public decimal? Balance { get; private set; }

        public long Segments { get; private set; }

        public void Add(int request, decimal? balance, long segments)
        {
            lock (_gate)
            {
                Segments += segments;
                if (balance is not null && request > _balanceFrom)
                {
                    _balanceFrom = request;
                    Balance = balance;
                }
            }
        }
    }
}
