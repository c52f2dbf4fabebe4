using System.Collections.Concurrent;
using System.Diagnostics;

namespace KenyaSms.Tests.Security;

// Kept for spans only: MetricCollector covers the metrics, and no package here collects activities (an ActivityListener does).

/// <summary>
/// Records every tag of the KenyaSms spans started under this recorder's parent activity, as "key=value" text for
/// the I5 scan (no key, no full number in any tag); the measurements' tags come from <see cref="Telemetry.SdkMetrics.CollectAll"/>.
/// </summary>
internal sealed class TelemetryTagRecorder : IDisposable
{
    private readonly ConcurrentQueue<string> _tags = new();
    private readonly Activity _parent = new Activity("secret-scan").Start();
    private readonly ActivityListener _activities;

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
    }

    /// <summary>Whether any KenyaSms span was recorded (so the scan is not vacuous).</summary>
    public bool SawSpans => _tags.Any(t => t.StartsWith("span ", StringComparison.Ordinal));

    public string AllText() => string.Join("\n", _tags);

    public void Dispose()
    {
        _activities.Dispose();
        _parent.Dispose();
    }
}
