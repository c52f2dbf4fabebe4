using System.Net;
using System.Net.Sockets;

namespace KenyaSms.Tests.Infrastructure;

/// <summary>Loopback addresses where nothing listens, to provoke "connection refused" (nothing ever sent).</summary>
public static class ClosedPort
{
    /// <summary>
    /// Returns <c>http://127.0.0.1:PORT/</c> for a port that was free a moment ago: bound, read, released.
    /// Another process could take it in between, but ephemeral ports are handed out in rotation, so not in practice.
    /// </summary>
    public static Uri Create()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
