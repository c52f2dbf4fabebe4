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

if (ReadOptions(args) is not { } options)
{
    return 2;
}

SmsSimulator simulator;
try
{
    simulator = await SmsSimulator.StartAsync(options);
}
catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or IOException)
{
    // A port in use or an address Kestrel refuses: say so, without a stack trace.
    Console.Error.WriteLine($"kenyasms-simulator: cannot listen on '{options.Urls}': {e.Message}");
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

// The options as typed (`--name value` or `--name=value`), each checked: an unknown or misspelt option, a missing
// value or a bad one is named, with exit 2, instead of being ignored (the configuration binder ignores what it does
// not know, so `--url` would silently listen on the default address).
static SmsSimulatorOptions? ReadOptions(string[] args)
{
    string[] known = ["--urls", "--delivery-report-url", "--africastalking-delivery-report-url", "--delivery-report-delay-ms"];
    var options = new SmsSimulatorOptions { Urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } env ? env : "http://127.0.0.1:5254" };
    for (int i = 0; i < args.Length; i++)
    {
        string arg = args[i];
        int equals = arg.IndexOf('=', StringComparison.Ordinal);
        string name = arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? arg[..equals] : arg;
        if (!known.Contains(name, StringComparer.Ordinal))
        {
            string? near = known.FirstOrDefault(k => k.StartsWith(name, StringComparison.OrdinalIgnoreCase) || name.StartsWith(k, StringComparison.OrdinalIgnoreCase));
            return Refuse(arg.StartsWith('-')
                ? $"unknown option '{name}'{(near is null ? string.Empty : $" (did you mean {near}?)")}"
                : $"unexpected argument '{arg}': every value follows its option, e.g. --urls http://127.0.0.1:5254");
        }

        string? value = equals > 0 && name.Length < arg.Length ? arg[(equals + 1)..] : i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return Refuse($"{name} needs a value");
        }

        switch (name)
        {
            case "--urls":
                options.Urls = value;
                break;
            case "--delivery-report-url" or "--africastalking-delivery-report-url":
                if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    return Refuse($"{name}: '{value}' is not an absolute http or https URL");
                }

                if (name == "--delivery-report-url")
                {
                    options.DeliveryReportUrl = url;
                }
                else
                {
                    options.AfricasTalkingDeliveryReportUrl = url;
                }

                break;
            default: // --delivery-report-delay-ms
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int ms))
                {
                    return Refuse($"{name}: '{value}' is not a whole number of milliseconds (0 or more)");
                }

                options.DeliveryReportDelay = TimeSpan.FromMilliseconds(ms);
                break;
        }
    }

    return options;

    static SmsSimulatorOptions? Refuse(string problem)
    {
        Console.Error.WriteLine($"kenyasms-simulator: {problem} (--help lists the options)");
        return null;
    }
}
