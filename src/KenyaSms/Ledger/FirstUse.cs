#if NET
namespace KenyaSms.Ledger;

/// <summary>
/// Runs a database store's set-up (creating and migrating its schema) once, on first use, for every caller at once; a
/// failed or cancelled attempt is started again by the next caller. Callers stop waiting when their token fires,
/// without cancelling the set-up others wait for. Used by KenyaSms.Sqlite and KenyaSms.PostgreSql (both .NET 8+).
/// </summary>
internal sealed class FirstUse(Func<Task> setUp)
{
    private readonly object _gate = new();
    private Task? _ready;

    /// <summary>A first use with nothing to set up (the schema is managed elsewhere).</summary>
    public static FirstUse Done { get; } = new(() => Task.CompletedTask);

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        Task ready;
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = setUp();
            }

            ready = _ready;
        }

        return ready.IsCompletedSuccessfully ? Task.CompletedTask : ready.WaitAsync(cancellationToken);
    }
}
#endif
