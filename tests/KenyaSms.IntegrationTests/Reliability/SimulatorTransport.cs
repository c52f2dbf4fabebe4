using System.Net.Sockets;
using KenyaSms.Simulator;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>
/// The bottom of one provider's HttpClient (under the SDK's resilience handler): a real SocketsHttpHandler that
/// counts the TCP connections it opens and, when a script is loaded, gives every attempt its scripted behaviour.
/// A refused connection is thrown here, before any byte of the body is written (as SocketsHttpHandler reports
/// one: <see cref="HttpRequestError.ConnectionError"/>); every other behaviour is injected into the simulator as
/// a one-request fault just before the attempt goes out, so the simulator plays it and keeps the ledger.
/// </summary>
/// <remarks>
/// Thread-safe. The state lives here; IHttpClientFactory may create several handlers over time with <see cref="CreateHandler"/>.
/// Attempts of one send that run concurrently (a batch's requests) take behaviours in the order they reach
/// this handler, and the simulator plays its faults in the order requests arrive, so which of two concurrent
/// requests gets which behaviour may vary between runs; the set of behaviours played does not.
/// </remarks>
public sealed class SimulatorTransport
{
    private readonly SmsSimulator _simulator;
    private readonly SimulatorProvider _provider;
    private readonly long[] _played = new long[AttemptBehaviors.All.Length];
    private ScriptState? _script;
    private int _connections;
    private int _attempts;
    private int _failedAttempts;

    public SimulatorTransport(SmsSimulator simulator, SimulatorProvider provider)
    {
        _simulator = simulator;
        _provider = provider;
    }

    /// <summary>TCP connections opened so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Attempts that reached the transport so far (refused ones included).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Attempts that ended without a response (refused, reset, timed out, cancelled): each may have cost a connection.</summary>
    public int FailedAttempts => Volatile.Read(ref _failedAttempts);

    /// <summary>How often each behaviour was played, scripted ones only.</summary>
    public long Played(AttemptBehavior behavior) => Interlocked.Read(ref _played[(int)behavior]);

    /// <summary>The behaviours of the coming attempts, in order; once they are used up, attempts are <see cref="AttemptBehavior.Ok"/>.</summary>
    public void Load(IEnumerable<AttemptBehavior> behaviors) => Volatile.Write(ref _script, new ScriptState(behaviors));

    /// <summary>Stops scripting: attempts go to the simulator untouched (its own fault rules still apply).</summary>
    public void Unload() => Volatile.Write(ref _script, null);

    public HttpMessageHandler CreateHandler() => new Handler(this);

    private AttemptBehavior? Next()
    {
        Interlocked.Increment(ref _attempts);
        if (Volatile.Read(ref _script) is not { } script)
        {
            return null;
        }

        AttemptBehavior behavior = script.Next();
        Interlocked.Increment(ref _played[(int)behavior]);
        return behavior;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            Interlocked.Increment(ref _connections);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class ScriptState(IEnumerable<AttemptBehavior> behaviors)
    {
        private readonly AttemptBehavior[] _behaviors = [.. behaviors];
        private int _next = -1;

        public AttemptBehavior Next()
        {
            int at = Interlocked.Increment(ref _next);
            return at < _behaviors.Length ? _behaviors[at] : AttemptBehavior.Ok;
        }
    }

    private sealed class Handler(SimulatorTransport owner) : DelegatingHandler(new SocketsHttpHandler { ConnectCallback = owner.ConnectAsync })
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                switch (owner.Next())
                {
                    case AttemptBehavior.RefusedConnection:
                        throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (scripted) (127.0.0.1)",
                            new SocketException((int)SocketError.ConnectionRefused));
                    case { } behavior:
                        owner._simulator.Faults.Inject(owner._provider, SimulatorFaults.AnyEndpoint, AttemptBehaviors.Fault(behavior, owner._provider));
                        break;
                }

                return await base.SendAsync(request, cancellationToken);
            }
            catch
            {
                Interlocked.Increment(ref owner._failedAttempts);
                throw;
            }
        }
    }
}
