using System.Collections;
using System.Text;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.Resilience;
using KenyaSms.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Security;

// I5 / S1 / S2: with every log at Trace (the SDK's own request log included; IHttpClientFactory's default one is
// removed from the SDK's clients, see HttpClientLoggingTests), the failure and success scenarios of the matrix must
// not put an API key anywhere (logs, exception text and Data, ToString(), request URLs, activity and metric tags) nor
// a full phone number into logs, exception text or tags (masked forms are fine).
public class SecretLeakTests
{
    // The distinct part of each recipient: every full form (+254722123456, 254722123456, 0722123456) contains it.
    private static readonly string[] NumberCores = ["722123456", "711222333"];

    public enum Scenario
    {
        Success,
        MixedRecipients,
        Refused,
        Stall,
        ResetAfterBody,
        ServerErrorEchoingRequest,
        Unreadable200EchoingRequest,
        ProviderErrorEchoingSecrets,
        RetryAfterTooLong,
        RetriedThenOk,
        HugeResponse,
        CircuitOpen,
        Cancelled,
    }

    public static TheoryData<string, Scenario> Cases => ProviderReplies.ForBoth(Enum.GetValues<Scenario>());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Scenario_TraceLoggingOn_NoKeyOrFullNumberAnywhere(string provider, Scenario scenario)
    {
        HostSetup setup = HostSetup.For(provider);
        setup.Resilience = o =>
            {
                if (scenario == Scenario.Stall)
                {
                    ShortAttempts(o);
                }

                o.MaxRetryAttempts = 1; // a retry (and its log line) happens, and stalls stay short
                if (scenario == Scenario.CircuitOpen)
                {
                    o.MaxRetryAttempts = 0;
                    o.CircuitBreakerMinimumThroughput = 2;
                    o.CircuitBreakerFailureRatio = 0.5;
                }
            };
        if (scenario == Scenario.Refused)
        {
            setup.BaseAddresses[provider] = ClosedPort.Create();
        }

        await using ResilienceTestHost host = await StartAsync(setup);
        Script(host.Server, provider, scenario);
        var outcomes = new List<object>();
        using var telemetry = new TelemetryTagRecorder();
        using SdkMetrics.AllInstruments metrics = SdkMetrics.CollectAll(host.Services);

        await RunCallsAsync(host, provider, scenario, outcomes);

        Assert.NotEmpty(host.Logs.GetSnapshot());
        string logs = host.Logs.AllText();
        AssertNoKey("logs", logs);
        AssertNoNumber("logs", logs);
        foreach (object outcome in outcomes)
        {
            if (outcome is Exception ex)
            {
                string text = ExceptionText(ex);
                AssertNoKey("exception", text);
                AssertNoNumber("exception", text);
            }
            else
            {
                string text = ResultText(outcome);
                AssertNoKey("result", text);
                AssertNoNumber("result", text);
            }
        }

        Assert.All(host.Server.Requests, r => AssertNoKey("request URL", r.PathAndQuery));
        Assert.True(telemetry.SawSpans, "no KenyaSms span was recorded, so the tag scan proves nothing");
        Assert.NotEmpty(metrics.Tags()); // every call is measured, so an empty scan would mean the collectors missed the SDK's meter
        string tags = telemetry.AllText() + "\n" + string.Join("\n", metrics.Tags());
        AssertNoKey("activity or metric tag", tags);
        AssertNoNumber("activity or metric tag", tags);
    }

    [Fact]
    public async Task OptionsToString_KeysConfigured_NoKey()
    {
        await using ResilienceTestHost host = await StartAsync(HostSetup.For(ProviderReplies.Synqtel, ProviderReplies.Qserve));

        string[] texts =
        [
            host.Services.GetRequiredService<IOptions<QserveOptions>>().Value.ToString(),
            host.Services.GetRequiredService<IOptions<SynqtelOptions>>().Value.ToString(),
            host.Services.GetRequiredService<IOptions<KenyaSmsOptions>>().Value.ToString(),
            host.Services.GetRequiredService<IOptions<KenyaSmsOptions>>().Value.Resilience.ToString(),
            host.Gateway.ToString()!,
        ];

        Assert.All(texts, t => AssertNoKey("options", t));
        Assert.Contains("***", texts[0], StringComparison.Ordinal); // says a key is set, not which
        Assert.Contains("***", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestHeaders_SynqtelKey_OnlyInItsHeader()
    {
        await using ResilienceTestHost host = await StartAsync(ProviderReplies.Synqtel);

        await host.SendAsync();
        await host.LookupAsync();

        Assert.All(host.Server.Requests, r =>
        {
            Assert.Equal(SynqtelKey, r.Header("h_api_key"));
            Assert.DoesNotContain(SynqtelKey, r.PathAndQuery, StringComparison.Ordinal);
            Assert.DoesNotContain(SynqtelKey, r.BodyText, StringComparison.Ordinal);
        });
    }

    private static void Script(LoopbackServer server, string provider, Scenario scenario)
    {
        switch (scenario)
        {
            case Scenario.MixedRecipients:
                server.Fallback = r => ProviderReplies.Success(provider, r, accept: p => !p.Contains(NumberCores[1], StringComparison.Ordinal));
                break;
            case Scenario.Stall:
                server.Fallback = _ => Behavior.Stall();
                break;
            case Scenario.ResetAfterBody:
                server.Fallback = _ => Behavior.AbortAfterReadingBody();
                break;
            case Scenario.ServerErrorEchoingRequest:
                server.Fallback = r => Behavior.Respond(500, Echo(r), "text/html");
                break;
            case Scenario.Unreadable200EchoingRequest:
                server.Fallback = r => Behavior.Respond(200, Echo(r), "text/html");
                break;
            case Scenario.ProviderErrorEchoingSecrets:
                server.Fallback = r => provider == ProviderReplies.Qserve
                    ? Behavior.Respond(200, $$"""[{"statusCode":"X001","statusMessage":"Unknown or unvalid secret_key {{QserveKey}} for 254722123456"}]""")
                    : Behavior.Respond(200, $$"""{"status_code":"1006","status_desc":"Invalid credentials {{SynqtelKey}} for +254722123456","credit_balance":""}""");
                break;
            case Scenario.RetryAfterTooLong:
                server.Fallback = _ => Behavior.Respond(429, "", headers: ("Retry-After", "3600"));
                break;
            case Scenario.RetriedThenOk:
                server.Enqueue(Behavior.Respond(503, ""), Behavior.Respond(429, "", headers: ("Retry-After", "0")));
                break;
            case Scenario.HugeResponse:
                server.Fallback = _ => Behavior.RespondHuge(4 * 1024 * 1024, sendContentLength: false);
                break;
            case Scenario.CircuitOpen:
                server.Fallback = _ => Behavior.Respond(503, "");
                break;
            default:
                break;
        }
    }

    // A server that echoes what it got, credentials included (some error pages do), as fields and in free text.
    private static string Echo(RecordedRequest r)
    {
        string? key = r.Header("h_api_key")
            ?? (r.BodyText.Length > 0 ? System.Text.Json.Nodes.JsonNode.Parse(r.BodyText)?["api_key"]?.GetValue<string>() : null);
        return $"<html><body>Unknown key {key} <pre>{r.Method} {r.PathAndQuery} h_api_key: {r.Header("h_api_key")}\n{r.BodyText}</pre></body></html>";
    }

    private static async Task RunCallsAsync(ResilienceTestHost host, string provider, Scenario scenario, List<object> outcomes)
    {
        if (scenario == Scenario.Cancelled)
        {
            outcomes.Add(await host.CancelMidFlightAsync(host.SendAsync));
            return;
        }

        await Record(() => host.SendAsync());
        await Record(() => host.SendOneAsync());
        await Record(() => host.Gateway.SendBatchAsync([new SmsMessage(Number, "one") { ClientReference = "INV-1" }, new SmsMessage([OtherNumber, "+254722123456"], "two")]).WaitAsync(Guard));
        await Record(() => host.BalanceAsync());
        if (provider == ProviderReplies.Synqtel)
        {
            await Record(() => host.LookupAsync());
        }

        async Task Record<T>(Func<Task<T>> call)
        {
            try
            {
                outcomes.Add((await call())!);
            }
#pragma warning disable CA1031 // every outcome is scanned, whatever its type
            catch (Exception ex)
#pragma warning restore CA1031
            {
                outcomes.Add(ex);
            }
        }
    }

    // Message, type, stack and inner exceptions (ToString), plus every Data entry of every exception in the chain.
    private static string ExceptionText(Exception ex)
    {
        var text = new StringBuilder(ex.ToString());
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            text.AppendLine().Append(e.Message);
            foreach (DictionaryEntry entry in e.Data)
            {
                text.AppendLine().Append(entry.Key).Append('=').Append(entry.Value);
            }
        }

        return text.ToString();
    }

    private static string ResultText(object result)
    {
        var text = new StringBuilder(result.ToString());
        if (result is SmsSendResult send)
        {
            foreach (SmsRecipientResult r in send.Recipients)
            {
                text.AppendLine().Append(r).Append(' ').Append(r.Status.Description);
            }
        }

        return text.ToString();
    }

    private static void AssertNoKey(string where, string text)
    {
        Assert.False(text.Contains(QserveKey, StringComparison.Ordinal), $"The Qserve API key appears in the {where}:\n{text}");
        Assert.False(text.Contains(SynqtelKey, StringComparison.OrdinalIgnoreCase), $"The Synqtel API key appears in the {where}:\n{text}");
    }

    private static void AssertNoNumber(string where, string text)
    {
        foreach (string core in NumberCores)
        {
            Assert.False(text.Contains(core, StringComparison.Ordinal), $"A full phone number (…{core}) appears in the {where}:\n{text}");
        }
    }
}
