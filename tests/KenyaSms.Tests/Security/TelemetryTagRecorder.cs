using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KenyaSms.Tests.Security;

/// <summary>
/// Records every tag of the KenyaSms spans started under this recorder's parent activity and every tag of every
/// KenyaSms measurement, as "key=value" text for the I5 scan (no key, no full number in any tag).
/// </summary>
internal sealed class TelemetryTagRecorder : IDisposable
{
    private readonly ConcurrentQueue<string> _tags = new();
    private readonly Activity _parent = new Activity("secret-scan").Start();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();

    public TelemetryTagRecorder()
    {
        ActivityTraceId trace = _parent.TraceId;
        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "KenyaSms",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.TraceId == trace)
                {
                    _tags.Enqueue("span " + a.DisplayName + " " + a.StatusDescription);
                    foreach (KeyValuePair<string, object?> tag in a.TagObjects)
                    {
                        _tags.Enqueue($"{tag.Key}={tag.Value}");
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "KenyaSms")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags));
        _meters.SetMeasurementEventCallback<double>((_, _, tags, _) => Record(tags));
        _meters.Start();
    }

    /// <summary>Whether any KenyaSms span was recorded (so the scan is not vacuous).</summary>
    public bool SawSpans => _tags.Any(t => t.StartsWith("span ", StringComparison.Ordinal));

    public string AllText() => string.Join("\n", _tags);

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
        _parent.Dispose();
    }

    private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            _tags.Enqueue($"{tag.Key}={tag.Value}");
        }
    }
}
