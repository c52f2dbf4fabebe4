using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Security;

// IHttpClientFactory's default request logging writes the request headers at Trace and redacts them in the message only:
// the structured state keeps the raw values, Synqtel's h_api_key included. The SDK's clients use their own request log
// (events 1040/1041, category KenyaSms.Http), which writes no header.
public class HttpClientLoggingTests
{
    [Theory]
    [InlineData(ProviderReplies.Synqtel)]
    [InlineData(ProviderReplies.Qserve)]
    public async Task TraceLogging_SdkClients_NoDefaultHttpClientLogsAndNoKeyInAnyStructuredState(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider);

        await host.SendAsync();
        await host.BalanceAsync();

        IReadOnlyList<FakeLogRecord> records = host.Logs.GetSnapshot();
        Assert.DoesNotContain(records, r => r.Category?.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal) == true);
        foreach (FakeLogRecord record in records)
        {
            foreach (KeyValuePair<string, string?> pair in record.StructuredState ?? [])
            {
                Assert.DoesNotContain(SynqtelKey, pair.Value ?? string.Empty, StringComparison.Ordinal);
                Assert.DoesNotContain(QserveKey, pair.Value ?? string.Empty, StringComparison.Ordinal);
            }
        }

        List<FakeLogRecord> answered = [.. records.Where(r => r.Id.Id == 1040)];
        Assert.Equal(host.Server.Requests.Count, answered.Count); // one line per request that went out
        Assert.All(answered, r =>
        {
            Assert.Equal("KenyaSms.Http", r.Category);
            Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, r.Level);
            Assert.Contains("answered 200", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("http", r.Message, StringComparison.Ordinal); // a path, not the URL
        });
    }

    [Fact]
    public async Task FailedAttempt_LogsOneLineWithTheFailureAndNoStackTrace()
    {
        HostSetup setup = HostSetup.For(ProviderReplies.Synqtel);
        setup.BaseAddresses[ProviderReplies.Synqtel] = ClosedPort.Create();
        setup.Resilience = o => o.MaxRetryAttempts = 0;
        await using ResilienceTestHost host = await StartAsync(setup);

        await FailsAsync(() => host.SendAsync());

        FakeLogRecord failed = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 1041);
        Assert.Equal("KenyaSms.Http", failed.Category);
        Assert.Null(failed.Exception);
        Assert.Contains("HttpRequestException", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SynqtelKey, host.Logs.AllText(), StringComparison.Ordinal);
    }

    // An application that wants IHttpClientFactory's own logging back on a KenyaSms client can add it; what it then logs
    // is its choice. This proves the SDK removes it by default rather than never having it.
    [Fact]
    public async Task DefaultLoggerAddedBackByTheApplication_IsHonoured()
    {
        HostSetup setup = HostSetup.For(ProviderReplies.Synqtel);
        setup.Services = s => s.AddHttpClient(KenyaSms.Synqtel.SynqtelSmsGateway.HttpClientName).AddDefaultLogger();
        await using ResilienceTestHost host = await StartAsync(setup);

        await host.SendAsync();

        Assert.Contains(host.Logs.GetSnapshot(), r => r.Category?.StartsWith("System.Net.Http.HttpClient.KenyaSms", StringComparison.Ordinal) == true);
    }
}
