using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace KenyaSms.Simulator.Internal;

/// <summary>
/// Posts delivery reports after the configured delay: Synqtel's as JSON shaped like its reference's example, Africa's
/// Talking's form-encoded with its reference's fields, each provider to its own callback URL. One attempt each (no
/// retries); every outcome goes into the ledger.
/// </summary>
internal sealed class DeliveryReporter : IAsyncDisposable
{
    private const string Delivered = "DeliveredToTerminal";
    private const string Impossible = "DeliveryImpossible";

    // dlrTime is East Africa Time, which has no daylight saving.
    private static readonly TimeSpan EastAfricaTime = TimeSpan.FromHours(3);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly HashSet<Task> _pending = [];
    private readonly TimeProvider _time;
    private readonly SimulatorLedger _ledger;
    private Uri? _url;
    private Uri? _africasTalkingUrl;

    public DeliveryReporter(Uri? url, Uri? africasTalkingUrl, TimeSpan delay, TimeProvider time, SimulatorLedger ledger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(SmsSimulatorOptions.DeliveryReportDelay));
        _url = url is null ? null : CheckUrl(url);
        _africasTalkingUrl = africasTalkingUrl is null ? null : CheckUrl(africasTalkingUrl);
        Delay = delay;
        _time = time;
        _ledger = ledger;
    }

    public Uri? Url
    {
        get => Volatile.Read(ref _url);
        set => Volatile.Write(ref _url, value is null ? null : CheckUrl(value));
    }

    /// <summary>Where Africa's Talking reports go; null sends none.</summary>
    public Uri? AfricasTalkingUrl
    {
        get => Volatile.Read(ref _africasTalkingUrl);
        set => Volatile.Write(ref _africasTalkingUrl, value is null ? null : CheckUrl(value));
    }

    public TimeSpan Delay { get; }

    public void Schedule(SimulatorMessage message, bool delivered)
    {
        Uri? target = message.Provider == SimulatorProvider.AfricasTalking ? AfricasTalkingUrl : Url;
        if (target is not { } url || _stopping.IsCancellationRequested)
        {
            return;
        }

        Task task = PostAsync(message, delivered, url, _stopping.Token);
        lock (_gate)
        {
            _pending.Add(task);
        }

        _ = task.ContinueWith(t => Forget(t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _pending];
        }

        // PostAsync never throws; this only waits for cancelled posts to unwind.
        await Task.WhenAll(pending).ConfigureAwait(false);
        _http.Dispose();
        _stopping.Dispose();
    }

    /// <summary>The report body, field for field as the reference's example (string-typed numbers included).</summary>
    internal static string Body(SimulatorMessage message, bool delivered, DateTimeOffset at, TimeSpan delay)
    {
        _ = PhoneNumber.TryParse(message.Mobile, out PhoneNumber number);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ProviderReply.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("messageId", message.MessageId);
            json.WriteString("dlrTime", at.ToOffset(EastAfricaTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            json.WriteString("dlrStatus", delivered ? "1" : "2");
            json.WriteString("dlrDesc", delivered ? Delivered : Impossible);
            json.WriteNumber("tat", (long)delay.TotalSeconds);
            json.WriteString("network", Formats.NetworkId(number.Network));
            json.WriteString("destaddr", number.Msisdn);
            json.WriteString("sourceaddr", message.Sender);
            json.WriteString("origin", number.Network.ToString());
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Africa's Talking's report: form fields as its reference lists them (<c>Success</c> or <c>Failed</c>).</summary>
    internal static string FormBody(SimulatorMessage message, bool delivered)
    {
        _ = PhoneNumber.TryParse(message.Mobile, out PhoneNumber number);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("id", message.MessageId),
            new("status", delivered ? "Success" : "Failed"),
            new("phoneNumber", message.Mobile),
            new("networkCode", Formats.AfricasTalkingNetworkCode(number.Network)),
            new("retryCount", "0"),
        };
        if (!delivered)
        {
            fields.Add(new("failureReason", "DeliveryFailure"));
        }

        return string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
    }

    private static Uri CheckUrl(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new ArgumentException($"The delivery-report URL must be an absolute http or https URL, not '{url}'.", nameof(url));

    private void Forget(Task task)
    {
        lock (_gate)
        {
            _pending.Remove(task);
        }
    }

    private async Task PostAsync(SimulatorMessage message, bool delivered, Uri url, CancellationToken cancellationToken)
    {
        string body = string.Empty;
        try
        {
            // Never post inline: the caller holds the simulator's lock.
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, _time, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Yield();
            }

            bool form = message.Provider == SimulatorProvider.AfricasTalking;
            body = form ? FormBody(message, delivered) : Body(message, delivered, _time.GetUtcNow(), Delay);
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue(form ? "application/x-www-form-urlencoded" : "application/json");
            using HttpResponseMessage response = await _http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
            Record(message, delivered, url, body, (int)response.StatusCode, error: null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The simulator is stopping: the report is dropped, as a provider going down would drop it.
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            Record(message, delivered, url, body, httpStatus: null, e is OperationCanceledException ? "timed out" : e.Message);
        }
    }

    private void Record(SimulatorMessage message, bool delivered, Uri url, string body, int? httpStatus, string? error) =>
        _ledger.AddDeliveryReport(new SimulatorDeliveryReport(message.MessageId, message.Mobile, delivered, url, body, httpStatus, error, _time.GetUtcNow()) { Provider = message.Provider });
}
