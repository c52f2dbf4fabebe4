using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KenyaSms.Telemetry;

/// <summary>
/// The SDK's metrics and traces, both named <c>KenyaSms</c>. Tags carry provider, operation, outcome and HTTP
/// status only: never a phone number, a text or a key.
/// </summary>
internal sealed class SmsTelemetry : IDisposable
{
    public const string Name = "KenyaSms";

    public static readonly string? Version = typeof(SmsTelemetry).Assembly.GetName().Version?.ToString(3);

    public static readonly ActivitySource ActivitySource = new(Name, Version);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public SmsTelemetry(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(Name, Version) ?? new Meter(Name, Version);
        Messages = _meter.CreateCounter<long>("kenyasms.messages", "{message}", "Recipients of sends, by provider and outcome (accepted, rejected, uncertain).");
        Segments = _meter.CreateCounter<long>("kenyasms.segments", "{segment}", "SMS segments the provider accepted (the billing unit).");
        RequestDuration = _meter.CreateHistogram<double>("kenyasms.request.duration", "s", "Duration of provider calls, retries included.");
        Retries = _meter.CreateCounter<long>("kenyasms.retries", "{retry}", "Retried provider requests.");
        Failovers = _meter.CreateCounter<long>("kenyasms.failovers", "{failover}", "Calls moved to the next provider of a failover chain.");
        Suppressed = _meter.CreateCounter<long>("kenyasms.suppressed", "{recipient}", "Recipients held back before any request, by provider and reason (safe_mode, opted_out).");
        RateLimitWait = _meter.CreateHistogram<double>("kenyasms.rate_limit.wait", "s", "Time a provider request waited for MaxMessagesPerSecond permits (nothing is sent while waiting).");
    }

    public Counter<long> Messages { get; }

    public Counter<long> Segments { get; }

    public Histogram<double> RequestDuration { get; }

    public Counter<long> Retries { get; }

    public Counter<long> Failovers { get; }

    public Counter<long> Suppressed { get; }

    public Histogram<double> RateLimitWait { get; }

    /// <summary>Counts a send's recipients by outcome, and <paramref name="acceptedSegments"/> (the distinct accepted recipients' segments).</summary>
    public void RecordSend(SmsSendResult result, long acceptedSegments)
    {
        IReadOnlyList<SmsRecipientResult> recipients = result.Recipients;
        int uncertain = 0;
        for (int i = 0; i < recipients.Count; i++)
        {
            uncertain += !recipients[i].IsAccepted && recipients[i].Status.MayHaveBeenSent ? 1 : 0;
        }

        var provider = new KeyValuePair<string, object?>("kenyasms.provider", result.Provider);
        Add(Messages, result.AcceptedCount, provider, "accepted");
        Add(Messages, result.RejectedCount - uncertain, provider, "rejected");
        Add(Messages, uncertain, provider, "uncertain");
        if (acceptedSegments > 0)
        {
            Segments.Add(acceptedSegments, provider);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static void Add(Counter<long> counter, int value, KeyValuePair<string, object?> provider, string outcome)
    {
        if (value > 0)
        {
            counter.Add(value, provider, new KeyValuePair<string, object?>("kenyasms.outcome", outcome));
        }
    }
}
