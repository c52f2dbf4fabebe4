// KenyaSms worker sample: a background job that sends a personalised campaign and a reminder, waits for
// the delivery reports, reads the balances, logs a summary per provider, then exits.
//
//   dotnet run --project samples/KenyaSms.Samples.Worker
//
// With no credentials configured it starts the embedded KenyaSms simulator and points all three providers at it;
// the simulator posts Synqtel and Africa's Talking delivery reports to this app's endpoint on loopback. Set
// KenyaSms__Synqtel__ApiKey, KenyaSms__Synqtel__SenderName, KenyaSms__Qserve__Username, KenyaSms__Qserve__ApiKey,
// KenyaSms__AfricasTalking__Username and KenyaSms__AfricasTalking__ApiKey (environment variables) to use the real
// gateways (configure only the ones you have, and list those in KenyaSms:Failover). Add --telemetry to print
// the KenyaSms metrics and spans (OpenTelemetry console exporter).
using System.Net;
using System.Security.Cryptography;
using KenyaSms.Samples.Worker;
using KenyaSms.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// 1. Choose the backend: the real gateways when configured, else the simulator.
await using SmsSimulator? simulator = HasCredentials(builder.Configuration) ? null : await StartSimulatorAsync(builder.Configuration);

// 2. Register KenyaSms with a send ledger (a SQLite file beside the app: run the job twice and the second run replays,
//    sending nothing), the delivery-report endpoint (its secret goes in the URL you give the provider) and the job.
string ledgerFile = builder.Configuration["Ledger:File"] is { Length: > 0 } file ? file : Path.Combine(AppContext.BaseDirectory, "kenyasms-ledger.db");
builder.Services.AddKenyaSms(builder.Configuration.GetSection("KenyaSms"))
    .AddSqliteSendLedger($"Data Source={ledgerFile}");
Console.WriteLine($"Send ledger: {ledgerFile} (delete it, or change Campaign:Id, to send the campaign again)");
string secret = builder.Configuration["DeliveryReports:Secret"] is { Length: > 0 } configured ? configured : Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
builder.Services.AddKenyaSmsDeliveryReports<DeliveryReportRecorder>(o => o.Secrets.Add(secret));
builder.Services.AddSingleton<DeliveryTracker>();
builder.Services.AddSingleton<DeliveryEndpoint>();
builder.Services.Configure<CampaignOptions>(builder.Configuration.GetSection("Campaign"));
builder.Services.AddHostedService<CampaignJob>();
if (args.Contains("--telemetry") || builder.Configuration.GetValue("Telemetry:Console", false))
{
    builder.Services.AddOpenTelemetry()
        .WithMetrics(m => m.AddMeter("KenyaSms").AddConsoleExporter())
        .WithTracing(t => t.AddSource("KenyaSms").AddConsoleExporter());
}

builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, builder.Configuration.GetValue("DeliveryReports:Port", 0)));

// 3. Start, tell the simulator where to post reports, let the job run; it stops the host when done.
WebApplication app = builder.Build();
// One route for every provider: give Synqtel .../synqtel/{secret} and Africa's Talking .../africastalking/{secret}.
app.MapKenyaSmsDeliveryReports("/sms/delivery-reports/{provider}/{secret}");
await app.StartAsync();
var reports = new Uri(new Uri(app.Urls.First()), "sms/delivery-reports/");
if (simulator is not null)
{
    simulator.DeliveryReportUrl = new Uri(reports, $"synqtel/{secret}");
    simulator.AfricasTalkingDeliveryReportUrl = new Uri(reports, $"africastalking/{secret}");
}

app.Services.GetRequiredService<DeliveryEndpoint>().SetUrl(reports);
await app.WaitForShutdownAsync();
await app.DisposeAsync();
return Environment.ExitCode;

static bool HasCredentials(IConfiguration configuration) =>
    !string.IsNullOrEmpty(configuration["KenyaSms:Synqtel:ApiKey"]) || !string.IsNullOrEmpty(configuration["KenyaSms:Qserve:ApiKey"])
    || !string.IsNullOrEmpty(configuration["KenyaSms:AfricasTalking:ApiKey"]);

static async Task<SmsSimulator> StartSimulatorAsync(ConfigurationManager configuration)
{
    var options = new SmsSimulatorOptions { DeliveryReportDelay = TimeSpan.FromMilliseconds(200) };
    // Halima is on her network's Do-Not-Disturb register. As the real gateways do, Synqtel refuses her (DoNotDisturb:
    // 1012, or 13 in a batch) and so does Africa's Talking (409), while 254sms still delivers to her: her statement
    // (Synqtel) and the venue (Africa's Talking) are rejected, the reminder (254sms) reaches her.
    options.DndNumbers.Add("0711000111");
    options.UndeliverableNumbers.Add("0798765432");  // Grace's phone is off: her report says DeliveryImpossible
    options.SynqtelSenderNames.Add("MYSACCO");
    SmsSimulator simulator = await SmsSimulator.StartAsync(options);
    Console.WriteLine($"No credentials configured: using the KenyaSms simulator at {simulator.BaseAddress}");
    configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["KenyaSms:Synqtel:ApiKey"] = simulator.SynqtelApiKey,
        ["KenyaSms:Synqtel:SenderName"] = "MYSACCO",
        ["KenyaSms:Synqtel:BaseAddress"] = simulator.SynqtelBaseAddress.ToString(),
        ["KenyaSms:Qserve:Username"] = simulator.QserveUsername,
        ["KenyaSms:Qserve:ApiKey"] = simulator.QserveApiKey,
        ["KenyaSms:Qserve:BaseAddress"] = simulator.QserveBaseAddress.ToString(),
        ["KenyaSms:AfricasTalking:Username"] = simulator.AfricasTalkingUsername,
        ["KenyaSms:AfricasTalking:ApiKey"] = simulator.AfricasTalkingApiKey,
        ["KenyaSms:AfricasTalking:BaseAddress"] = simulator.AfricasTalkingBaseAddress.ToString(),
    });
    return simulator;
}
