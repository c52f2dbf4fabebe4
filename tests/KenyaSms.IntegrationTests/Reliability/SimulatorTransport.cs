using System.Net.Sockets;
using KenyaSms.Simulator;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>
/// The bottom of one provider's HttpClient (under the SDK's resilience handler): a real SocketsHttpHandler that
/// counts the TCP connections it opens and, when a script is loaded, gives every attempt its scripted behaviour.
/// A refused connection is thrown here, before any byte of the body is written (as SocketsHttpHandler reports
/// one: <see cref="HttpRequestError.ConnectionError"/>); every other behaviour is injected into the simulator as
/// a one-request fault just before the attempt goes out, so the simulator plays it and keeps the ledger.
/// A redirect names the script it came from: to the same host, as <c>?redirected={label}</c> on the request's own
/// URL; elsewhere, as <c>{redirect target}/{label}/{the request's path}</c>. Whatever a followed redirect delivers
/// then names the schedule that sent it.
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
    private readonly Uri? _redirectTarget;
    private readonly long[] _played = new long[AttemptBehaviors.All.Length];
    private ScriptState? _script;
    private int _connections;
    private int _attempts;
    private int _sent;
    private int _failedAttempts;

    /// <param name="simulator">The simulator that plays the behaviours.</param>
    /// <param name="provider">The provider this client talks to.</param>
    /// <param name="redirectTarget">Where <see cref="AttemptBehavior.RedirectElsewhere"/> points; null when no script has it.</param>
    public SimulatorTransport(SmsSimulator simulator, SimulatorProvider provider, Uri? redirectTarget = null)
    {
        _simulator = simulator;
        _provider = provider;
        _redirectTarget = redirectTarget;
    }

    /// <summary>TCP connections opened so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Attempts that reached the transport so far (refused ones included).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Attempts handed to the network (all but refused connections): the simulator can have received at most this many requests.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Attempts that ended without a response (refused, reset, timed out, cancelled): each may have cost a connection.</summary>
    public int FailedAttempts => Volatile.Read(ref _failedAttempts);

    /// <summary>How often each behaviour was played, scripted ones only.</summary>
    public long Played(AttemptBehavior behavior) => Interlocked.Read(ref _played[(int)behavior]);

    /// <summary>The behaviours of the coming attempts, in order; once they are used up, attempts are <see cref="AttemptBehavior.Ok"/>.</summary>
    /// <param name="behaviors">The behaviours.</param>
    /// <param name="label">Names the script in the URLs its redirects point to (e.g. <c>seed-20250905</c>).</param>
    public void Load(IEnumerable<AttemptBehavior> behaviors, string label = "script") => Volatile.Write(ref _script, new ScriptState(behaviors, label));

    /// <summary>Stops scripting: attempts go to the simulator untouched (its own fault rules still apply).</summary>
    public void Unload() => Volatile.Write(ref _script, null);

    public HttpMessageHandler CreateHandler() => new Handler(this);

    private (AttemptBehavior Behavior, string Label)? Next()
    {
        Interlocked.Increment(ref _attempts);
        if (Volatile.Read(ref _script) is not { } script)
        {
            return null;
        }

        AttemptBehavior behavior = script.Next();
        Interlocked.Increment(ref _played[(int)behavior]);
        return (behavior, script.Label);
    }

    private SimulatorFault Fault(AttemptBehavior behavior, string label, Uri request) => AttemptBehaviors.Fault(
        behavior,
        _provider,
        sameHost: new UriBuilder(request) { Query = "redirected=" + label }.Uri,
        elsewhere: _redirectTarget is null ? null : new Uri(_redirectTarget, label + request.AbsolutePath));

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

    private sealed class ScriptState(IEnumerable<AttemptBehavior> behaviors, string label)
    {
        private readonly AttemptBehavior[] _behaviors = [.. behaviors];
        private int _next = -1;

        public string Label { get; } = label;

        public AttemptBehavior Next()
        {
            int at = Interlocked.Increment(ref _next);
            return at < _behaviors.Length ? _behaviors[at] : AttemptBehavior.Ok;
        }
    }

    // Redirects are left on here, as an application's own primary handler would have them: the SDK's handler-chain
    // filter finds this SocketsHttpHandler under the wrapper and turns them off. A followed redirect is caught: the
    // simulator receives a request marked ?redirected= (same host), the redirect target receives the send (elsewhere).
    // With redirects followed, 400 schedules reported 48 violations.
    private sealed class Handler(SimulatorTransport owner) : DelegatingHandler(new SocketsHttpHandler { ConnectCallback = owner.ConnectAsync })
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                switch (owner.Next())
                {
                    case (AttemptBehavior.RefusedConnection, _):
                        throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (scripted) (127.0.0.1)",
                            new SocketException((int)SocketError.ConnectionRefused));
                    case ({ } behavior, { } label):
                        owner._simulator.Faults.Inject(owner._provider, SimulatorFaults.AnyEndpoint, owner.Fault(behavior, label, request.RequestUri!));
                        break;
                }

                Interlocked.Increment(ref owner._sent);
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
