using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.Tests.Resilience;

/// <summary>
/// A primary handler (a real SocketsHttpHandler) whose first <paramref name="refusals"/> requests are aimed at a
/// closed loopback port, so they meet a real "connection refused" before any byte of the body goes out; later
/// requests go to their real address. Stands in for "the provider was down, then came up" (R2).
/// </summary>
internal sealed class RefuseFirstConnectionHandler(int refusals = 1) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Uri _closed = ClosedPort.Create();
    private int _calls;

    /// <summary>How many requests reached this handler (attempts, refused ones included).</summary>
    public int Calls => Volatile.Read(ref _calls);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) > refusals)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Uri original = request.RequestUri!;
        request.RequestUri = new Uri(_closed, original.PathAndQuery);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            request.RequestUri = original;
        }
    }
}
