namespace KenyaSms.Internal;

/// <summary>
/// What every adapter does with a send, whatever its provider: lay the distinct valid (message, number)
/// pairs out as slots, cut them into provider requests, run the requests (bounded concurrency), and put
/// the answers back as one result per input recipient in input order. A request that fails as a whole
/// marks only its own recipients (with <see cref="SmsStatus.MayHaveBeenSent"/>); the call throws only
/// when every request failed.
/// </summary>
internal static class BatchSender
{
    /// <summary>One distinct valid number of one message: the unit a provider request carries.</summary>
    public readonly record struct Slot(int Message, int Unique, string? ClientRef);

    /// <summary>A provider request: <c>Count</c> consecutive slots from <c>Start</c>.</summary>
    public readonly record struct Chunk(int Start, int Count);

    /// <summary>A request's answer: one result per slot of the chunk, and the balance if the provider gave one.</summary>
    public readonly record struct ChunkReply(SmsRecipientResult[] Results, decimal? Balance);

    public static List<Slot> Slots(List<PreparedMessage> messages, Func<PreparedMessage, string?> clientRef)
    {
        var slots = new List<Slot>();
        for (int m = 0; m < messages.Count; m++)
        {
            for (int k = 0; k < messages[m].Unique.Count; k++)
            {
                slots.Add(new Slot(m, k, clientRef(messages[m])));
            }
        }

        return slots;
    }

    /// <summary>Consecutive slots, at most <paramref name="size"/> a request, split wherever <paramref name="sameRequest"/> says no.</summary>
    public static List<Chunk> Chunks(List<Slot> slots, int size, Func<Slot, Slot, bool> sameRequest)
    {
        var chunks = new List<Chunk>();
        size = Math.Max(size, 1);
        for (int start = 0; start < slots.Count;)
        {
            int count = 1;
            while (start + count < slots.Count && count < size && sameRequest(slots[start], slots[start + count]))
            {
                count++;
            }

            chunks.Add(new Chunk(start, count));
            start += count;
        }

        return chunks;
    }

    public static async Task<SmsSendResult> SendAsync(
        ProviderHttp http,
        List<PreparedMessage> messages,
        List<Slot> slots,
        List<Chunk> chunks,
        Func<Chunk, CancellationToken, Task<ChunkReply>> send,
        CancellationToken cancellationToken)
    {
        string provider = http.Provider;
        var uniqueResults = new SmsRecipientResult[messages.Count][];
        for (int m = 0; m < messages.Count; m++)
        {
            uniqueResults[m] = new SmsRecipientResult[messages[m].Unique.Count];
        }

        decimal? balance = null;
        if (chunks.Count > 0)
        {
            ChunkRunner.Outcome<ChunkReply>[] outcomes = await ChunkRunner.RunAsync(chunks, send, cancellationToken).ConfigureAwait(false);
            ChunkRunner.ThrowIfAllFailed(outcomes);
            for (int c = 0; c < chunks.Count; c++)
            {
                ChunkRunner.Outcome<ChunkReply> outcome = outcomes[c];
                for (int i = 0; i < chunks[c].Count; i++)
                {
                    Slot slot = slots[chunks[c].Start + i];
                    PhoneNumber number = messages[slot.Message].Unique[slot.Unique];
                    uniqueResults[slot.Message][slot.Unique] = outcome.Error is { } error
                        ? new SmsRecipientResult(number.E164, SdkStatus.RequestFailed(error), clientReference: slot.ClientRef, network: number.Network)
                        : outcome.Value.Results[i];
                }

                balance = outcome.Value.Balance ?? balance;
            }
        }

        var all = new List<SmsRecipientResult>();
        for (int m = 0; m < messages.Count; m++)
        {
            messages[m].Expand(uniqueResults[m], provider, all);
        }

        var result = new SmsSendResult(provider, all, balance);
        GatewayLogging.LogResult(http.Logger, result);
        http.Record(result, messages);
        return result;
    }
}
