namespace KenyaSms.Tests.Resilience;

/// <summary>
/// A primary handler that fails every request with the exception <paramref name="failure"/> makes, after
/// writing the request body when <paramref name="writeBodyFirst"/> (a failure after the body went out) or
/// before touching it (a failure before anything was sent, like a DNS error). Counts the attempts.
/// </summary>
internal sealed class FailingHandler(Func<Exception> failure, bool writeBodyFirst = false) : HttpMessageHandler
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (writeBodyFirst && request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        }

        throw failure();
    }
}
