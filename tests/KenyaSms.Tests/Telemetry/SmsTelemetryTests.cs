using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static KenyaSms.Tests.Telemetry.SdkMetrics;

namespace KenyaSms.Tests.Telemetry;

// Metrics (Meter "KenyaSms", from the app's IMeterFactory) and traces (ActivitySource "KenyaSms"): what is
// measured, with which tags, and that no tag ever carries a phone number, a text or a key.
public sealed class SmsTelemetryTests : IDisposable
{
    private const string Text = "Your loan of KES 5,000 is approved";
    private readonly ConcurrentBag<Activity> _activities = [];
    private readonly ActivityListener _activityListener;
    private readonly Activity _parent = new Activity("test").Start();

    public SmsTelemetryTests()
    {
        ActivityTraceId trace = _parent.TraceId;
        _activityListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "KenyaSms",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.TraceId == trace)
                {
                    _activities.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(_activityListener);
    }

    [Fact]
    public async Task SendBatch_SomeAccepted_MeasuresMessagesSegmentsDurationAndSpan()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = _ => Behavior.Respond(200, TestPaths.Fixture("Synqtel/sendmultiple-success.json"));
        await using ServiceProvider sp = Synqtel(server);
        using AllInstruments metrics = CollectAll(sp);
        using MetricCollector<long> messages = Collect<long>(sp, "kenyasms.messages");
        using MetricCollector<long> segments = Collect<long>(sp, "kenyasms.segments");
        using MetricCollector<double> duration = Collect<double>(sp, "kenyasms.request.duration");

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722 310 558", "+254705941419", "not a number"], Text);

        Assert.Equal((2, 1), (result.AcceptedCount, result.RejectedCount));
        Assert.Equal(2, messages.GetMeasurementSnapshot().ContainsTags(Tag("kenyasms.provider", "synqtel"), Tag("kenyasms.outcome", "accepted")).EvaluateAsCounter());
        Assert.Equal(1, messages.GetMeasurementSnapshot().ContainsTags(Tag("kenyasms.outcome", "rejected")).EvaluateAsCounter());
        Assert.Equal(2, segments.GetMeasurementSnapshot().ContainsTags(Tag("kenyasms.provider", "synqtel")).EvaluateAsCounter());
        Assert.Single(duration.GetMeasurementSnapshot().ContainsTags(Tag("kenyasms.operation", "sendmultiple"), Tag("kenyasms.outcome", "ok"), Tag("http.response.status_code", 200)));

        Activity span = Assert.Single(_activities);
        Assert.Equal("synqtel sendmultiple", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("synqtel", span.GetTagItem("kenyasms.provider"));
        Assert.Equal(2, span.GetTagItem("kenyasms.recipients"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("ok", span.GetTagItem("kenyasms.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        AssertNoSensitiveTags(metrics);
    }

    [Fact]
    public async Task Send_ProviderRefusesCredentials_SpanAndDurationCarryTheError()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = _ => Behavior.Respond(200, """[{"statusCode":"X001","statusMessage":"Unknown or unvalid secret_key"}]""");
        await using ServiceProvider sp = AdapterHost.Qserve(server, resilience: null);
        using AllInstruments metrics = CollectAll(sp);
        using MetricCollector<long> messages = Collect<long>(sp, "kenyasms.messages");
        using MetricCollector<double> duration = Collect<double>(sp, "kenyasms.request.duration");

        await Assert.ThrowsAsync<SmsGatewayException>(() => sp.GetRequiredService<ISmsGateway>().SendAsync("0722123456", Text));

        Activity span = Assert.Single(_activities);
        Assert.Equal("qserve sendsms", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("InvalidCredentials", span.GetTagItem("error.type"));
        Assert.Equal(false, span.GetTagItem("kenyasms.may_have_been_sent"));
        Assert.Single(duration.GetMeasurementSnapshot().ContainsTags(Tag("kenyasms.provider", "qserve"), Tag("kenyasms.outcome", "InvalidCredentials")));
        Assert.Equal(0, messages.GetMeasurementSnapshot().EvaluateAsCounter());
        AssertNoSensitiveTags(metrics);
    }

    [Fact]
    public async Task Send_RetriedAfter503_CountsTheRetry()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Enqueue(Behavior.Respond(503, ""));
        server.Fallback = _ => Behavior.Respond(200, TestPaths.Fixture("Synqtel/sendsms-success.json"));
        await using ServiceProvider sp = Synqtel(server);
        using AllInstruments metrics = CollectAll(sp);
        using MetricCollector<long> retries = Collect<long>(sp, "kenyasms.retries");
        using MetricCollector<double> duration = Collect<double>(sp, "kenyasms.request.duration");

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync("0722310558", Text);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, retries.GetMeasurementSnapshot().ContainsTags(Tag("kenyasms.provider", "synqtel"), Tag("kenyasms.operation", "sendsms")).EvaluateAsCounter());
        Assert.Single(duration.GetMeasurementSnapshot().ContainsTags(Tag("kenyasms.operation", "sendsms")));
        AssertNoSensitiveTags(metrics);
    }

    [Fact]
    public async Task Balance_IsASpanToo()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Fallback = _ => Behavior.Respond(200, TestPaths.Fixture("Synqtel/getbalance.json"));
        await using ServiceProvider sp = Synqtel(server);

        await sp.GetRequiredService<ISmsGateway>().GetBalanceAsync();

        Activity span = Assert.Single(_activities);
        Assert.Equal("synqtel getbalance", span.DisplayName);
        Assert.Null(span.GetTagItem("kenyasms.recipients"));
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _parent.Dispose();
    }

    private static ServiceProvider Synqtel(LoopbackServer server) => AdapterHost.Synqtel(server, resilience: null);

    private void AssertNoSensitiveTags(AllInstruments metrics)
    {
        string everything = string.Join("|", _activities.SelectMany(a => a.TagObjects).Select(t => $"{t.Key}={t.Value}"))
            + "|" + string.Join("|", metrics.Tags());
        AdapterHost.AssertNoSecrets(everything, "254722310558", "254705941419", "254722123456", "0722 310 558");
        Assert.DoesNotContain("loan", everything, StringComparison.Ordinal);
    }
}
