// KenyaSms campaign sample: a campaign on Hangfire, spread over every worker, each message sent once (the PostgreSQL
// send ledger), surviving a killed worker. One program, three roles:
//
//   dotnet run --project samples/KenyaSms.Samples.Campaign -- worker                  # a Hangfire server: runs window jobs
//   dotnet run --project samples/KenyaSms.Samples.Campaign -- start agm-2026          # starts a campaign (enqueues its windows)
//   dotnet run --project samples/KenyaSms.Samples.Campaign -- progress agm-2026       # counts from the send ledger
//
// The campaign is Campaign__Members made-up members (default 5,000; give every role the same value).
// PostgreSQL: ConnectionStrings__Postgres (or KENYASMS_POSTGRES, which tests/postgres.sh sets). The gateway: the
// simulator by default (`dotnet run --project src/KenyaSms.Simulator`, http://127.0.0.1:5254); set
// KenyaSms__Synqtel__BaseAddress, __ApiKey and __SenderName for the real Synqtel. See README "Scaling out".
using Hangfire;
using Hangfire.PostgreSql;
using KenyaSms.Campaigns;
using KenyaSms.Samples.Campaign;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

string role = args.FirstOrDefault() ?? "help";
if (role is not ("worker" or "start" or "progress") || (role != "worker" && args.Length < 2))
{
    Console.WriteLine("usage: worker | start <campaign id> [window size] | progress <campaign id>");
    return role == "help" ? 0 : 2;
}

HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args[1..], ContentRootPath = AppContext.BaseDirectory });
string postgres = builder.Configuration.GetConnectionString("Postgres") ?? Environment.GetEnvironmentVariable("KENYASMS_POSTGRES")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Postgres (or KENYASMS_POSTGRES) to a PostgreSQL connection string: `eval \"$(tests/postgres.sh start)\"` starts one.");

// 1. KenyaSms: the gateway (KenyaSms:Synqtel), and the PostgreSQL send ledger that every worker shares.
builder.Services.AddKenyaSms(builder.Configuration.GetSection("KenyaSms"))
    .AddPostgreSqlSendLedger(postgres)
    .AddHangfireCampaigns<MembersSource>();

// 2. Hangfire on the same PostgreSQL. Sliding invisibility is required (a running window is never handed to a second
//    worker); InvisibilityTimeout is how long a dead worker's window waits before another worker takes it over.
var storage = new PostgreSqlStorageOptions
{
    UseSlidingInvisibilityTimeout = true,
    InvisibilityTimeout = builder.Configuration.GetValue("Hangfire:InvisibilityTimeout", TimeSpan.FromMinutes(5)),
    QueuePollInterval = TimeSpan.FromSeconds(1),
};
builder.Services.AddHangfire(c => c
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres), storage));

// 3. A worker runs a Hangfire server; the other roles only talk to the storage and the ledger.
if (role == "worker")
{
    builder.Services.AddHangfireServer(o => o.WorkerCount = builder.Configuration.GetValue("Hangfire:WorkerCount", 4));
    using IHost worker = builder.Build();
    Console.WriteLine("Hangfire worker running; Ctrl+C stops it (a window it was sending is taken over by another worker).");
    await worker.RunAsync();
    return 0;
}

using IHost app = builder.Build();
await app.StartAsync();
ISmsCampaigns campaigns = app.Services.GetRequiredService<ISmsCampaigns>();
string campaignId = args[1];
if (role == "start")
{
    // 4. Start: checks the balance (the estimate of every message), then enqueues one job per window. Running it twice
    //    enqueues nothing new.
    long members = app.Services.GetRequiredService<IConfiguration>().GetValue("Campaign:Members", 5_000L);
    var campaign = new SmsCampaign(campaignId, members)
    {
        WindowSize = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500,
    };
    await campaigns.StartAsync(campaign);
    Console.WriteLine($"Campaign {campaignId} started: {campaign.MessageCount} messages in windows of {campaign.WindowSize}.");
}

// 5. Progress, from the ledger: Uncertain messages are the ones a person checks (README "Scaling out").
Console.WriteLine(await campaigns.GetProgressAsync(campaignId));
await app.StopAsync();
return 0;
