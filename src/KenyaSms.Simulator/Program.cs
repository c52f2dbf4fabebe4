// The simulator on its own: `dotnet run --project src/KenyaSms.Simulator -- --urls http://127.0.0.1:5254`.
using System.Globalization;
using System.Runtime.InteropServices;
using KenyaSms.Simulator;

// A console app has no synchronization context to avoid.
#pragma warning disable CA2007

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        KenyaSms simulator: a local 254sms (Qserve), Synqtel and Africa's Talking gateway.
          --urls <url>                      where to listen (default http://127.0.0.1:5254)
          --delivery-report-url <url>       where Synqtel delivery reports are posted (default: none)
          --africastalking-delivery-report-url <url>
                                            where Africa's Talking delivery reports are posted (default: none)
          --delivery-report-delay-ms <ms>   how long after a send they are posted (default 1000)
        """);
    return 0;
}

SmsSimulator simulator;
try
{
    IConfiguration settings = new ConfigurationBuilder()
        .AddEnvironmentVariables("ASPNETCORE_")
        .AddCommandLine(args)
        .Build();
    var options = new SmsSimulatorOptions { Urls = settings["urls"] ?? "http://127.0.0.1:5254" };
    if (settings["delivery-report-url"] is { Length: > 0 } url)
    {
        options.DeliveryReportUrl = new Uri(url);
    }

    if (settings["africastalking-delivery-report-url"] is { Length: > 0 } atUrl)
    {
        options.AfricasTalkingDeliveryReportUrl = new Uri(atUrl);
    }

    if (settings["delivery-report-delay-ms"] is { Length: > 0 } delay)
    {
        options.DeliveryReportDelay = TimeSpan.FromMilliseconds(int.Parse(delay, CultureInfo.InvariantCulture));
    }

    simulator = await SmsSimulator.StartAsync(options);
}
catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or IOException)
{
    // A wrong argument or a port in use: say so, without a stack trace.
    Console.Error.WriteLine($"kenyasms-simulator: {e.Message} (--help lists the options)");
    return 2;
}

await using SmsSimulator running = simulator;
Console.WriteLine($"""
    KenyaSms simulator listening on {simulator.BaseAddress}
      254sms (Qserve)  {simulator.QserveBaseAddress}   username "{simulator.QserveUsername}", api_key "{simulator.QserveApiKey}"
      Synqtel          {simulator.SynqtelBaseAddress}   h_api_key "{simulator.SynqtelApiKey}"
      Africa's Talking {simulator.AfricasTalkingBaseAddress}   username "{simulator.AfricasTalkingUsername}", apiKey "{simulator.AfricasTalkingApiKey}"
      Control API      {simulator.ControlBaseAddress}   GET messages | requests | delivery-reports | faults | credits
      Delivery reports Synqtel {(simulator.DeliveryReportUrl?.ToString() ?? "off (--delivery-report-url)")}, Africa's Talking {(simulator.AfricasTalkingDeliveryReportUrl?.ToString() ?? "off (--africastalking-delivery-report-url)")}
    Press Ctrl+C to stop.
    """);

var stopped = new TaskCompletionSource();
using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stopped.Task;
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopped.TrySetResult();
}
