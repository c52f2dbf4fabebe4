using KenyaSms.Http;

namespace KenyaSms.Resilience;

/// <summary>
/// The token a send's attempts run under, in place of the caller's (api.md 8a): when the caller cancels, it is
/// cancelled at once if no body is going out (nothing reached the provider), or after the grace period if one is
/// (so the answer is read and the outcome known; the attempt timeout still applies). No attempt starts after.
/// </summary>
internal sealed class GraceWindow : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly SmsRequestState _state;
    private readonly TimeSpan _grace;
    private readonly TimeProvider _time;
    private readonly CancellationTokenRegistration _registration;
    private ITimer? _timer;

    public GraceWindow(SmsRequestState state, TimeSpan grace, TimeProvider time, CancellationToken callerToken)
    {
        _state = state;
        _grace = grace;
        _time = time;
        _registration = callerToken.Register(static w => ((GraceWindow)w!).CallerCancelled(), this);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _registration.Dispose();
        lock (_source)
        {
            _timer?.Dispose();
            _timer = null;
        }

        _source.Dispose();
    }

    private void CallerCancelled()
    {
        _state.MarkCallerCancelled();
        if (_grace <= TimeSpan.Zero || !_state.BodyInFlight)
        {
            Cancel(_source);
            return;
        }

        lock (_source)
        {
            _timer ??= _time.CreateTimer(static s => Cancel((CancellationTokenSource)s!), _source, _grace, Timeout.InfiniteTimeSpan);
        }
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The send ended first.
        }
    }
}
