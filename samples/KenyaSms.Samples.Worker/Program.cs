// KenyaSms worker sample: a background job that sends a personalised campaign and a reminder,
// reads the balances and logs a summary per provider, then exits.
//
//   dotnet run --project samples/KenyaSms.Samples.Worker
//
// With no credentials configured it starts the embedded KenyaSms simulator and points both providers at it.
// Set KenyaSms__Synqtel__ApiKey, KenyaSms__Synqtel__SenderName, KenyaSms__Qserve__Username and
// KenyaSms__Qserve__ApiKey (environment variables) to use the real gateways.
using KenyaSms.Samples.Worker;
using KenyaSms.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

// 1. Choose the backend: the real gateways when configured, else the simulator.
await using SmsSimulator? simulator = HasCredentials(builder.Configuration) ? null : await StartSimulatorAsync(builder.Configuration);

// 2. Register KenyaSms from the "KenyaSms" section and the job.
builder.Services.AddKenyaSms(builder.Configuration.GetSection("KenyaSms"));
builder.Services.Configure<CampaignOptions>(builder.Configuration.GetSection("Campaign"));
builder.Services.AddHostedService<CampaignJob>();

// 3. Run until the job is done (it stops the host), then exit 0.
using IHost host = builder.Build();
await host.RunAsync();
return Environment.ExitCode;

static bool HasCredentials(IConfiguration configuration) =>
    !string.IsNullOrEmpty(configuration["KenyaSms:Synqtel:ApiKey"]) || !string.IsNullOrEmpty(configuration["KenyaSms:Qserve:ApiKey"]);

static async Task<SmsSimulator> StartSimulatorAsync(ConfigurationManager configuration)
{
    var options = new SmsSimulatorOptions { DeliveryReportDelay = TimeSpan.Zero };
    options.DndNumbers.Add("0711000111");           // Halima has opted out of promotional SMS
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
    });
    return simulator;
}
