using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, random port) standing in for a provider. Every request's body
/// is read in full and recorded in <see cref="Requests"/> (that is "what the provider received"), then it is
/// answered by the next scripted <see cref="Behavior"/>, or by <see cref="Fallback"/> when the script is empty.
/// </summary>
/// <example>
/// <code>
/// await using var server = await LoopbackServer.StartAsync();
/// server.Enqueue(Behavior.Respond(429, "", headers: ("Retry-After", "1")), Behavior.Respond(200, "{}"));
/// // point the client at server.BaseAddress, send, then assert on server.Requests / server.ReceivedCount
/// </code>
/// </example>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly ConcurrentQueue<Behavior> _script = new();
    private readonly CountSignal _received = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _connections;

    private LoopbackServer()
    {
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c> (always with a trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Answers requests when the script is empty; by default 200 with <c>{}</c>. Route-based answers go here.</summary>
    public Func<RecordedRequest, Behavior> Fallback { get; set; } = static _ => Behavior.Respond(200, "{}");

    /// <summary>A snapshot of the requests whose bodies were fully read, in order of arrival.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>How many requests the provider received (bodies fully read).</summary>
    public int ReceivedCount => _received.Current;

    /// <summary>How many TCP connections Kestrel accepted (a retry over a new connection counts again).</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _connections);

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<LoopbackServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new LoopbackServer();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            // No data-rate or size limits: slow drips and huge bodies are the point of some tests.
            options.Limits.MinRequestBodyDataRate = null;
            options.Limits.MinResponseDataRate = null;
            options.Limits.MaxRequestBodySize = null;
            options.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
            {
                Interlocked.Increment(ref server._connections);
                return next(connection);
            }));
        });

        WebApplication app = builder.Build();
        app.Run(server.HandleAsync);
        server._app = app;
        await app.StartAsync(cancellationToken);

        var bound = new Uri(app.Urls.Single());
        server.BaseAddress = new Uri($"http://127.0.0.1:{bound.Port}/");
        return server;
    }

    /// <summary>Appends behaviours to the script; each request takes the next one, in order.</summary>
    public void Enqueue(params Behavior[] behaviors)
    {
        foreach (Behavior behavior in behaviors)
        {
            _script.Enqueue(behavior);
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> requests have been received (bodies fully read).</summary>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default) =>
        _received.WaitAsync(count, cancellationToken);

    /// <summary>Aborts whatever is still running (stalls, drips) and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            // Connections still open after this grace are aborted by Kestrel.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(grace.Token);
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        CancellationToken ct = linked.Token;
        try
        {
            byte[] body = await ReadBodyAsync(context.Request, ct);

            Behavior? behavior;
            RecordedRequest request;
            lock (_gate)
            {
                // Recording and taking the script entry together keeps the script in arrival order.
                request = new RecordedRequest(_requests.Count, context.Request.Method, RawTarget(context), Headers(context.Request), body);
                _requests.Add(request);
                _received.Set(_requests.Count);
                _script.TryDequeue(out behavior);
            }

            await (behavior ?? Fallback(request)).RunAsync(context, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away (before the body was complete: nothing recorded) or the server is stopping.
            // Abort rather than return: returning would let Kestrel send an empty 200 nobody scripted.
            context.Abort();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget
        ?? context.Request.Path.Value + context.Request.QueryString.Value;

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
}
