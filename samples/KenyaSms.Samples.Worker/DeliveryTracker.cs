using System.Collections.Concurrent;
using KenyaSms.AspNetCore;

namespace KenyaSms.Samples.Worker;

/// <summary>
/// Remembers the latest status of each message id the job sent, as delivery reports arrive (possibly
/// before the job has registered the id: the provider can be faster than our bookkeeping).
/// </summary>
public sealed class DeliveryTracker
{
    private readonly ConcurrentDictionary<string, DeliveryStatus> _reported = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _expected = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _settled = NewSignal();

    /// <summary>Message ids whose final status the job wants to see.</summary>
    public void Expect(IEnumerable<string> messageIds)
    {
        foreach (string id in messageIds)
        {
            _expected.TryAdd(id, true);
        }

        CheckSettled();
    }

    public void Record(DeliveryReport report)
    {
        _reported[report.MessageId] = report.Status;
        CheckSettled();
    }

    /// <summary>Waits until every expected message has a final status, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        CheckSettled();
        await Task.WhenAny(_settled.Task, Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    public (int Delivered, int Failed, int Pending) Summary()
    {
        int delivered = 0, failed = 0, pending = 0;
        foreach (string id in _expected.Keys)
        {
            switch (_reported.TryGetValue(id, out DeliveryStatus s) ? s : DeliveryStatus.Unknown)
            {
                case DeliveryStatus.Delivered: delivered++; break;
                case DeliveryStatus.Failed or DeliveryStatus.Rejected or DeliveryStatus.Expired: failed++; break;
                default: pending++; break;
            }
        }

        return (delivered, failed, pending);
    }

    private void CheckSettled()
    {
        if (!_expected.IsEmpty && Summary().Pending == 0)
        {
            _settled.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The delivery-report handler: the endpoint calls it once per new status of a message.</summary>
public sealed class DeliveryReportRecorder : IDeliveryReportHandler
{
    private readonly DeliveryTracker _tracker;

    public DeliveryReportRecorder(DeliveryTracker tracker) => _tracker = tracker;

    public Task HandleAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        _tracker.Record(report);
        return Task.CompletedTask;
    }
}

/// <summary>Where delivery reports are received; ready once the web server has bound its port.</summary>
public sealed class DeliveryEndpoint
{
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Uri> Url => _url.Task;

    public void SetUrl(Uri url) => _url.TrySetResult(url);
}
