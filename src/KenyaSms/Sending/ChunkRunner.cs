namespace KenyaSms.Sending;

/// <summary>
/// Runs a batch's provider requests as they are formed, at most <see cref="MaxConcurrentChunks"/> at once,
/// and keeps count of the requests that failed as a whole, so that one failed request never hides the
/// recipients other requests got accepted. Nothing of a finished request is kept here: each request
/// writes its own results where they belong.
/// </summary>
internal sealed class ChunkRunner
{
    public const int MaxConcurrentChunks = 4;

    private readonly List<Task> _running = new(MaxConcurrentChunks);
    private readonly CancellationToken _cancellationToken;
    private readonly object _gate = new();
    private int _started;
    private int _failed;
    private int _firstFailedIndex = int.MaxValue;
    private SmsGatewayException? _firstFailure;
    private bool _anyFailureMayHaveBeenSent;

    public ChunkRunner(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    /// <summary>
    /// Starts request number <c>index</c> (0, 1, 2 ... in batch order) once a slot is free. A request that
    /// fails with <see cref="SmsGatewayException"/> goes to <paramref name="failed"/>; one the caller cancelled goes to
    /// <paramref name="canceled"/> and stops the batch, as any other failure does: the requests in flight are awaited
    /// (a cancelled one finishes within the grace period when its body was going out) and the failure is thrown.
    /// </summary>
    public async Task StartAsync(Func<CancellationToken, Task> run, Action<SmsGatewayException> failed, Action<SmsSendCanceledException> canceled)
    {
        while (_running.Count >= MaxConcurrentChunks)
        {
            await WaitForOneAsync().ConfigureAwait(false);
        }

        if (_cancellationToken.IsCancellationRequested)
        {
            await StopAsync(Task.FromCanceled(_cancellationToken)).ConfigureAwait(false);
        }

        _running.Add(RunOneAsync(_started++, run, failed, canceled));
    }

    /// <summary>
    /// Waits for every request started. When every request failed, the call failed as a whole: throws the first
    /// failure (in batch order), saying the send may have gone out if any request may have.
    /// </summary>
    public async Task CompleteAsync()
    {
        while (_running.Count > 0)
        {
            await WaitForOneAsync().ConfigureAwait(false);
        }

        if (_started == 0 || _failed < _started || _firstFailure is not { } first)
        {
            return;
        }

        if (_anyFailureMayHaveBeenSent == first.MayHaveBeenSent)
        {
            throw first;
        }

        throw new SmsGatewayException(first.Provider, first.Error,
            $"All {_started} requests of the batch failed; at least one may have reached the provider. First failure: {first.Message}",
            first.ProviderCode, first.HttpStatusCode, first.IsTransient, mayHaveBeenSent: true, innerException: first);
    }

    /// <summary>Lets the requests in flight finish (they see the same token), ignoring how; for a batch that already failed.</summary>
    public async Task AbandonAsync()
    {
        foreach (Task other in _running)
        {
            try
            {
                await other.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The batch already failed; the requests in flight are only awaited.
            catch
#pragma warning restore CA1031
            {
            }
        }

        _running.Clear();
    }

    // Waits for one request in flight to end; one that did not end normally (cancelled, or an unexpected failure)
    // stops the batch.
    private async Task WaitForOneAsync()
    {
        Task done = await Task.WhenAny(_running).ConfigureAwait(false);
        _running.Remove(done);
        if (done.Status != TaskStatus.RanToCompletion)
        {
            await StopAsync(done).ConfigureAwait(false);
        }
    }

    // Lets the requests in flight finish, then throws what stopped the batch.
    private async Task StopAsync(Task stoppedBy)
    {
        await AbandonAsync().ConfigureAwait(false);
        await stoppedBy.ConfigureAwait(false);
    }

    private async Task RunOneAsync(int index, Func<CancellationToken, Task> run, Action<SmsGatewayException> failed, Action<SmsSendCanceledException> canceled)
    {
        try
        {
            await run(_cancellationToken).ConfigureAwait(false);
        }
        catch (SmsSendCanceledException ex)
        {
            canceled(ex); // its recipients are reported; the cancellation still stops the batch
            throw;
        }
        catch (SmsGatewayException ex)
        {
            failed(ex);
            lock (_gate)
            {
                _failed++;
                _anyFailureMayHaveBeenSent |= ex.MayHaveBeenSent;
                if (index < _firstFailedIndex)
                {
                    _firstFailedIndex = index;
                    _firstFailure = ex;
                }
            }
        }
    }
}
