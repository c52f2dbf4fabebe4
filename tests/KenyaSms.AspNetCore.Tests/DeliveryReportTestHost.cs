using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KenyaSms.AspNetCore;
using KenyaSms.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenyaSms.AspNetCore.Tests;

/// <summary>
/// A real Kestrel app on 127.0.0.1 (random port) as a user writes it: AddKenyaSmsDeliveryReports with a recording
/// handler, MapKenyaSmsDeliveryReports, logging captured at Trace. Post reports to it over real HTTP.
/// </summary>
internal sealed class DeliveryReportTestHost : IAsyncDisposable
{
    public const string Secret = "dlr-secret-0123456789abcdef";

    public const string SecondSecret = "dlr-rotated-fedcba9876543210";

    public const string HeaderPattern = "/hooks/dlr";

    /// <summary>Settings while rotating: <see cref="Secret"/> and <see cref="SecondSecret"/>.</summary>
    public static readonly Action<DeliveryReportEndpointOptions> Rotating = o =>
    {
        o.Secrets.Add(Secret);
        o.Secrets.Add(SecondSecret);
    };

    private readonly WebApplication _app;

    private DeliveryReportTestHost(WebApplication app, FakeLogCollector logs, Uri baseAddress)
    {
        _app = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public HandledReports Handled => _app.Services.GetRequiredService<HandledReports>();

    public FakeLogCollector Logs { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the app; <paramref name="pattern"/> null maps the default route.</summary>
    public static async Task<DeliveryReportTestHost> StartAsync(
        Action<DeliveryReportEndpointOptions>? configure = null,
        string? pattern = null,
        Action<IServiceCollection>? services = null)
    {
        var logs = new FakeLogCollector();
        WebApplication app = Build(logs, configure ?? (o => o.Secrets.Add(Secret)), services);
        if (pattern is null)
        {
            app.MapKenyaSmsDeliveryReports();
        }
        else
        {
            app.MapKenyaSmsDeliveryReports(pattern);
        }

        await app.StartAsync();
        var bound = new Uri(app.Urls.Single());
        return new DeliveryReportTestHost(app, logs, new Uri($"http://127.0.0.1:{bound.Port}/"));
    }

    /// <summary>An app as a user registers it, not started and with nothing mapped.</summary>
    public static WebApplication Build(FakeLogCollector logs, Action<DeliveryReportEndpointOptions> configure, Action<IServiceCollection>? services = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<HandledReports>();
        services?.Invoke(builder.Services);
        builder.Services.AddKenyaSmsDeliveryReports<RecordingHandler>(configure);
        return builder.Build();
    }

    /// <summary>The reference report (Synqtel's example) with some fields replaced; a null value removes the field.</summary>
    public static string Report(params (string Name, JsonNode? Value)[] changes)
    {
        JsonObject report = JsonNode.Parse(TestPaths.Fixture("Synqtel/delivery-report.json"))!.AsObject();
        foreach ((string name, JsonNode? value) in changes)
        {
            report.Remove(name);
            if (value is not null)
            {
                report[name] = value;
            }
        }

        return report.ToJsonString();
    }

    public static string Report(string messageId, string description) => Report(("messageId", messageId), ("dlrDesc", description));

    /// <summary>POSTs to the default route with <paramref name="secret"/> in it.</summary>
    public Task<HttpResponseMessage> PostAsync(string body, string secret = Secret, string? contentType = "application/json") =>
        SendAsync($"sms/delivery-reports/{secret}", Content(body, contentType));

    public async Task<HttpResponseMessage> SendAsync(string path, HttpContent content, string? headerSecret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (headerSecret is not null)
        {
            request.Headers.Add("X-KenyaSms-Secret", headerSecret);
        }

        return await Client.SendAsync(request);
    }

    public static HttpContent Content(string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    /// <summary>
    /// What the SDK itself logged (KenyaSms categories: messages, state values, exceptions). Scopes are left out: ASP.NET
    /// Core's request scope and its routing and hosting lines carry the raw request path, secret included (see the README).
    /// </summary>
    public string SdkLogText() =>
        string.Join('\n', Logs.GetSnapshot().Where(e => e.Category!.StartsWith("KenyaSms", StringComparison.Ordinal))
            .Select(e => $"{e.Category} {e.Message} {string.Join(' ', (e.StructuredState ?? []).Select(p => p.Value))} {e.Exception}"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>What the handler saw, in order; <see cref="OnHandle"/> can make it fail.</summary>
    internal sealed class HandledReports
    {
        private readonly ConcurrentQueue<DeliveryReport> _reports = new();
        private int _calls;

        public IReadOnlyList<DeliveryReport> Reports => [.. _reports];

        /// <summary>How many times the handler was called (including calls that threw).</summary>
        public int Calls => Volatile.Read(ref _calls);

        /// <summary>Runs before a report is recorded; throw from it to make the handler fail. The argument is the call number, from 1.</summary>
        public Func<int, Task>? OnHandle { get; set; }

        public async Task HandleAsync(DeliveryReport report)
        {
            int call = Interlocked.Increment(ref _calls);
            if (OnHandle is { } onHandle)
            {
                await onHandle(call);
            }

            _reports.Enqueue(report);
        }
    }

    /// <summary>The user's handler: scoped, with a singleton dependency.</summary>
    internal sealed class RecordingHandler(HandledReports handled) : IDeliveryReportHandler
    {
        public Task HandleAsync(DeliveryReport report, CancellationToken cancellationToken) => handled.HandleAsync(report);
    }
}
