using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

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
        using var metrics = new Measurements(sp);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync(["0722 310 558", "+254705941419", "not a number"], Text);

        Assert.Equal((2, 1), (result.AcceptedCount, result.RejectedCount));
        Assert.Equal(2, metrics.Sum("kenyasms.messages", ("kenyasms.provider", "synqtel"), ("kenyasms.outcome", "accepted")));
        Assert.Equal(1, metrics.Sum("kenyasms.messages", ("kenyasms.outcome", "rejected")));
        Assert.Equal(2, metrics.Sum("kenyasms.segments", ("kenyasms.provider", "synqtel")));
        Assert.Equal(1, metrics.Count("kenyasms.request.duration", ("kenyasms.operation", "sendmultiple"), ("kenyasms.outcome", "ok"), ("http.response.status_code", 200)));

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
        using var metrics = new Measurements(sp);

        await Assert.ThrowsAsync<SmsGatewayException>(() => sp.GetRequiredService<ISmsGateway>().SendAsync("0722123456", Text));

        Activity span = Assert.Single(_activities);
        Assert.Equal("qserve sendsms", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("InvalidCredentials", span.GetTagItem("error.type"));
        Assert.Equal(false, span.GetTagItem("kenyasms.may_have_been_sent"));
        Assert.Equal(1, metrics.Count("kenyasms.request.duration", ("kenyasms.provider", "qserve"), ("kenyasms.outcome", "InvalidCredentials")));
        Assert.Equal(0, metrics.Sum("kenyasms.messages"));
        AssertNoSensitiveTags(metrics);
    }

    [Fact]
    public async Task Send_RetriedAfter503_CountsTheRetry()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        server.Enqueue(Behavior.Respond(503, ""));
        server.Fallback = _ => Behavior.Respond(200, TestPaths.Fixture("Synqtel/sendsms-success.json"));
        await using ServiceProvider sp = Synqtel(server);
        using var metrics = new Measurements(sp);

        SmsSendResult result = await sp.GetRequiredService<ISmsGateway>().SendAsync("0722310558", Text);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, metrics.Sum("kenyasms.retries", ("kenyasms.provider", "synqtel"), ("kenyasms.operation", "sendsms")));
        Assert.Equal(1, metrics.Count("kenyasms.request.duration", ("kenyasms.operation", "sendsms")));
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

    private void AssertNoSensitiveTags(Measurements metrics)
    {
        string everything = string.Join("|", _activities.SelectMany(a => a.TagObjects).Select(t => $"{t.Key}={t.Value}"))
            + "|" + string.Join("|", metrics.AllTags());
        AdapterHost.AssertNoSecrets(everything, "254722310558", "254705941419", "254722123456", "0722 310 558");
        Assert.DoesNotContain("loan", everything, StringComparison.Ordinal);
    }
}
