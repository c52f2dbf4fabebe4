namespace KenyaSms.Internal;

/// <summary>
/// Runs a batch's provider requests with bounded concurrency and keeps each request's outcome in
/// input order, so that one failed request never hides the recipients other requests got accepted.
/// </summary>
internal static class ChunkRunner
{
    public const int MaxConcurrentChunks = 4;

    /// <summary>What one request produced: its results, or the exception that failed it as a whole.</summary>
    public readonly record struct Outcome<T>(T? Value, SmsGatewayException? Error);

    public static async Task<Outcome<T>[]> RunAsync<TChunk, T>(
        IReadOnlyList<TChunk> chunks,
        Func<TChunk, CancellationToken, Task<T>> run,
        CancellationToken cancellationToken)
    {
        var outcomes = new Outcome<T>[chunks.Count];
        if (chunks.Count == 1)
        {
            // The common case (one request): failures propagate unchanged.
            outcomes[0] = new Outcome<T>(await run(chunks[0], cancellationToken).ConfigureAwait(false), null);
            return outcomes;
        }

        using var slots = new SemaphoreSlim(MaxConcurrentChunks);
        var tasks = new Task[chunks.Count];
        for (int i = 0; i < chunks.Count; i++)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            tasks[i] = RunOneAsync(i);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return outcomes;

        async Task RunOneAsync(int index)
        {
            try
            {
                outcomes[index] = new Outcome<T>(await run(chunks[index], cancellationToken).ConfigureAwait(false), null);
            }
            catch (SmsGatewayException ex)
            {
                outcomes[index] = new Outcome<T>(default, ex);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>
    /// When every request failed, the call failed as a whole: throws the first failure, saying the send
    /// may have gone out if any request may have.
    /// </summary>
    public static void ThrowIfAllFailed<T>(Outcome<T>[] outcomes)
    {
        SmsGatewayException? first = null;
        bool anySent = false;
        foreach (Outcome<T> o in outcomes)
        {
            if (o.Error is null)
            {
                return;
            }

            first ??= o.Error;
            anySent |= o.Error.MayHaveBeenSent;
        }

        if (first is null)
        {
            return;
        }

        if (anySent == first.MayHaveBeenSent)
        {
            throw first;
        }

        throw new SmsGatewayException(first.Provider, first.Error,
            $"All {outcomes.Length} requests of the batch failed; at least one may have reached the provider. First failure: {first.Message}",
            first.ProviderCode, first.HttpStatusCode, first.IsTransient, mayHaveBeenSent: true, innerException: first);
    }
}
