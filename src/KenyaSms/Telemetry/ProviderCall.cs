using System.Collections.Concurrent;
using System.Diagnostics;
using KenyaSms.Http;

namespace KenyaSms.Telemetry;

/// <summary>
/// One provider call (a send request, a balance or a lookup), retries included: a span named
/// "<c>{provider} {operation}</c>" and a duration measurement. <see cref="ProviderHttp"/> adds the HTTP status and
/// the failure, if any, to the call its request belongs to (<see cref="SmsRequestState.Call"/>); a call that ends
/// without a failure is "ok".
/// </summary>
/// <remarks>
/// Passed explicitly rather than through an <see cref="AsyncLocal{T}"/> (two execution-context copies a send), and
/// nothing is built, timed or boxed when no listener wants the span or the duration.
/// </remarks>
internal sealed class ProviderCall : IDisposable
{
    // "{provider} {operation}" span names: a handful, built once instead of concatenated on every call.
    private static readonly ConcurrentDictionary<(string Provider, string Operation), string> Names = new();

    private readonly SmsTelemetry _telemetry;
    private readonly Activity? _activity;
    private readonly long _started;
    private readonly bool _timed;
    private readonly string _provider;
    private readonly string _operation;
    private string _outcome = "ok";
    private int? _httpStatus;

    public ProviderCall(SmsTelemetry telemetry, string provider, string operation, int recipients)
    {
        _telemetry = telemetry;
        _provider = provider;
        _operation = operation;
        _activity = SmsTelemetry.ActivitySource.HasListeners()
            ? SmsTelemetry.ActivitySource.StartActivity(Names.GetOrAdd((provider, operation), static key => key.Provider + " " + key.Operation), ActivityKind.Client)
            : null;
        if (_activity is not null)
        {
            _activity.SetTag("kenyasms.provider", provider);
            _activity.SetTag("kenyasms.operation", operation);
            if (recipients > 0)
            {
                _activity.SetTag("kenyasms.recipients", recipients);
            }
        }

        _timed = telemetry.RequestDuration.Enabled;
        _started = _timed ? Stopwatch.GetTimestamp() : 0;
    }

    public void SetHttpStatus(int status)
    {
        _httpStatus = status;
        _activity?.SetTag("http.response.status_code", status);
    }

    public void SetFailure(SmsGatewayException exception)
    {
        _outcome = exception.Error.ToString();
        if (_activity is not null)
        {
            _activity.SetStatus(ActivityStatusCode.Error, exception.Error.ToString());
            _activity.SetTag("error.type", exception.Error.ToString());
            _activity.SetTag("kenyasms.may_have_been_sent", exception.MayHaveBeenSent);
        }
    }

    /// <summary>The send was cancelled by the caller.</summary>
    public void SetCanceled(bool mayHaveBeenSent)
    {
        _outcome = "Canceled";
        if (_activity is not null)
        {
            _activity.SetStatus(ActivityStatusCode.Error, "Canceled");
            _activity.SetTag("error.type", "Canceled");
            _activity.SetTag("kenyasms.may_have_been_sent", mayHaveBeenSent);
        }
    }

    public void SetResult(SmsSendResult result)
    {
        _activity?.SetTag("kenyasms.accepted", result.AcceptedCount);
        _activity?.SetTag("kenyasms.rejected", result.RejectedCount);
    }

    public void Dispose()
    {
        _activity?.SetTag("kenyasms.outcome", _outcome);
        if (_timed)
        {
            _telemetry.RequestDuration.Record(
                TimeProvider.System.GetElapsedTime(_started).TotalSeconds,
                new KeyValuePair<string, object?>("kenyasms.provider", _provider),
                new KeyValuePair<string, object?>("kenyasms.operation", _operation),
                new KeyValuePair<string, object?>("kenyasms.outcome", _outcome),
                new KeyValuePair<string, object?>("http.response.status_code", _httpStatus));
        }

        _activity?.Dispose();
    }
}
