// A Hangfire server for the campaign kill test (issue 12, reliability.md L2): one process of three, running campaign
// window jobs on Hangfire.PostgreSql through the SDK and the PostgreSQL send ledger, so that the test can SIGKILL it
// while it is sending. Usage:
//   dotnet KenyaSms.Hangfire.Worker.dll <synqtel base address> <postgres connection string> <ledger schema> <hangfire schema> <name>
// Prints "ready" once its Hangfire server runs, then, as they happen:
//   read <campaign> <offset> <count>           a window job started reading its slice
//   log <event id> <campaign> <window> <pass> <sent> <peak MB>  a window finished (5304) or was rescheduled (5303, 5307):
//                                              how many it sent, and this process's peak working set so far
// and runs until it is killed (or stopped with SIGTERM).
using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using KenyaSms;
using KenyaSms.Hangfire.Worker;
using KenyaSms.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

string baseAddress = args[0], connectionString = args[1], ledgerSchema = args[2], hangfireSchema = args[3], name = args[4];

HostApplicationBuilder host = Host.CreateApplicationBuilder();
host.Logging.ClearProviders().AddProvider(new StdoutEvents()).SetMinimumLevel(LogLevel.Information);
host.Services.AddKenyaSms(o =>
{
    // Short, so that a short lease is valid (Lease > TotalTimeout + CancellationGracePeriod) and the killed worker's
    // claims read as Uncertain within the test; long enough for a loopback simulator on a loaded 2-core machine.
    o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
    o.Resilience.TotalTimeout = TimeSpan.FromSeconds(10);
    o.Resilience.CancellationGracePeriod = TimeSpan.FromSeconds(1);
    o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(50);
    o.Resilience.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30);
}).AddSynqtel(o =>
{
    o.BaseAddress = new Uri(baseAddress);
    o.ApiKey = "5157e1a70f5e7c0de5157e1a70f5e7c0de5157e1a70f5e7c0de5157e1a70f5e7"; // the simulator's default (SmsSimulatorOptions)
    o.SenderName = "KENYASMS";
    o.MaxMessagesPerRequest = 50;
}).AddPostgreSqlSendLedger(connectionString, o => o.Lease = TimeSpan.FromSeconds(15))
  .AddHangfireCampaigns<PrintingSource>();
host.Services.Configure<PostgreSqlSendLedgerOptions>(o => o.Schema = ledgerSchema);
host.Services.AddHangfire(c => c
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), KillTestStorage.Options(hangfireSchema)));
host.Services.AddHangfireServer(o =>
{
    o.ServerName = name;
    o.WorkerCount = 2;
    o.SchedulePollingInterval = TimeSpan.FromMilliseconds(500);
});

using IHost app = host.Build();
await app.StartAsync();
Console.WriteLine("ready");
await app.WaitForShutdownAsync();
return 0;

namespace KenyaSms.Hangfire.Worker
{
    /// <summary>The test's AGM source, saying on stdout which slice it reads (the test maps windows to processes by it).</summary>
    internal sealed class PrintingSource : KenyaSms.Campaigns.ISmsCampaignSource
    {
        private readonly KenyaSms.Hangfire.Tests.AgmSource _source = new();

        public IAsyncEnumerable<SmsMessage> ReadAsync(string campaignId, long offset, int count, CancellationToken cancellationToken)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {campaignId} {offset} {count}"));
            return _source.ReadAsync(campaignId, offset, count, cancellationToken);
        }
    }

    /// <summary>The campaign's window events as stdout lines: "log &lt;event id&gt; &lt;campaign&gt; &lt;window&gt; &lt;pass&gt;".</summary>
    internal sealed class StdoutEvents : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is 5303 or 5304 or 5307 && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                object? Field(string key) => fields.FirstOrDefault(f => f.Key == key).Value;
                long peak = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"log {eventId.Id} {Field("CampaignId")} {Field("Window")} {Field("Pass") ?? 0} {Field("Sent") ?? 0} {peak}"));
            }
        }

        public void Dispose()
        {
        }
    }
}
