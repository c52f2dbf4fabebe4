#if NETSTANDARD2_0
using System.Reflection;
#endif


namespace KenyaSms.Http;

/// <summary>The name of an <see cref="HttpRequestException"/>'s error kind, for messages and logs.</summary>
internal static class HttpRequestErrors
{
#if NETSTANDARD2_0
    // HttpRequestError exists from .NET 8: read it where the runtime has it, so the text is the same there.
    private static readonly PropertyInfo? ErrorProperty = typeof(HttpRequestException).GetProperty("HttpRequestError");

    public static string Name(HttpRequestException exception) => ErrorProperty?.GetValue(exception)?.ToString() ?? "Unknown";
#else
    public static string Name(HttpRequestException exception) => exception.HttpRequestError.ToString();
#endif

    /// <summary>
    /// What happened, in words a person can act on (.NET's "An error occurred while sending the request." says
    /// nothing): the connection was refused, the name did not resolve, TLS failed, or the connection was reset or
    /// closed, and whether that was after the request had gone out. The lowest-level message follows in brackets.
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <param name="requestWentOut">True when the request body had started to go out.</param>
    /// <param name="isSend">True for a send (where "it may have been delivered" applies), false for a read.</param>
    /// <returns>A sentence without a final period.</returns>
    public static string Describe(HttpRequestException exception, bool requestWentOut, bool isSend)
    {
        string name = Name(exception);
        Exception innermost = exception;
        bool reset = name == "ResponseEnded";
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            innermost = inner;
            reset |= inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset or System.Net.Sockets.SocketError.ConnectionAborted };
        }

        string what = name switch
        {
            "NameResolutionError" => "the provider's host name could not be resolved (DNS)",
            "SecureConnectionError" => "the secure (TLS) connection to the provider could not be set up",
            "ConnectionError" when !requestWentOut => "the connection to the provider could not be made (refused, or the host cannot be reached)",
            "ProxyTunnelError" => "the proxy refused to connect to the provider",
            _ when requestWentOut && isSend => (reset ? "the connection was reset" : "the connection failed")
                + " after the request was sent, before the provider answered; it may have been delivered",
            _ when requestWentOut => (reset ? "the connection was reset" : "the connection failed") + " before the provider answered",
            _ => (reset ? "the connection was reset" : "the connection failed") + " before the request was sent",
        };
        return ReferenceEquals(innermost, exception) ? what : $"{what} ({innermost.Message.TrimEnd('.')})";
    }
}
