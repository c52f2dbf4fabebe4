using KenyaSms.Telemetry;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Http;

/// <summary>
/// The request log of the SDK's named clients, in place of IHttpClientFactory's default one: one Debug line per attempt
/// with the method, the path, the status and the time it took (event 1040), or the failure's type and message (1041).
/// </summary>
/// <remarks>
/// The default logger writes the request and response headers at Trace, and redacts them in the message only: its
/// structured state keeps the raw values (Synqtel's <c>h_api_key</c>, Africa's Talking's <c>apiKey</c>), which a sink
/// that exports state (OpenTelemetry's log attributes, JSON console) writes out. It also prints a stack trace per failed
/// attempt, repeating what the SDK reports in one line. This one never writes a header, a query string or a body.
/// </remarks>
internal sealed class SmsHttpClientLogger : IHttpClientLogger
{
    private readonly string _provider;
    private readonly ILogger _logger;

    public SmsHttpClientLogger(string provider, ILogger logger)
    {
        _provider = provider;
        _logger = logger;
    }

    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.HttpAnswered(_logger, _provider, request.Method.Method, Path(request), (int)response.StatusCode, (long)elapsed.TotalMilliseconds);
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            string failure = exception.GetType().Name + ": " + exception.Message
                + (exception.InnerException is { } inner ? " (" + inner.GetType().Name + ": " + inner.Message + ")" : string.Empty);
            Log.HttpFailed(_logger, _provider, request.Method.Method, Path(request), (long)elapsed.TotalMilliseconds, failure);
        }
    }

    // The path only: no scheme, host or query (the SDK's requests carry no key in the URL, and a proxy's might).
    private static string Path(HttpRequestMessage request) => request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0] ?? "?";
}
