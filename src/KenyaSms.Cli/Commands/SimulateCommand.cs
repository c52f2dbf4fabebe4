using System.CommandLine;
using KenyaSms.Simulator;

namespace KenyaSms.Cli.Commands;

/// <summary>
/// <c>kenyasms simulate</c>: runs the local 254sms and Synqtel simulator until Ctrl+C, and prints the settings that
/// point kenyasms (or an application) at it. Its keys are the simulator's own, not secrets.
/// </summary>
internal static class SimulateCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5254";

    /// <summary>The sender name printed for Synqtel (the simulator accepts any).</summary>
    public const string SenderName = "KENYASMS";

    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (several separated by ';'); port 0 picks a free one",
            DefaultValueFactory = _ => DefaultUrls,
            HelpName = "url",
        };
        // A string checked here: System.CommandLine cannot bind Uri, and a bad value must be a usage error (exit 2).
        var reports = new Option<string?>("--delivery-report-url")
        {
            Description = "Where Synqtel delivery reports are posted (default: none)",
            HelpName = "url",
        };
        reports.Validators.Add(r =>
        {
            if (ReportUrl(r.GetValueOrDefault<string?>()) is null && r.GetValueOrDefault<string?>() is not null)
            {
                r.AddError("--delivery-report-url must be an absolute http or https URL.");
            }
        });
        var command = new Command("simulate", "Run the local 254sms (Qserve) and Synqtel simulator until Ctrl+C: no account needed, nothing leaves this machine")
        {
            urls,
            reports,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(urls)!, ReportUrl(parse.GetValue(reports)), ct));
        return command;
    }

    /// <summary>The addresses <paramref name="urls"/> binds, port 0 resolved, and whether any is not loopback.</summary>
    /// <param name="urls">The <c>--urls</c> value (several separated by ';').</param>
    /// <param name="reached">The loopback address the simulator reports (its port is the one bound).</param>
    /// <returns>The addresses as bound, and whether another machine may reach one of them.</returns>
    internal static (string Bound, bool Exposed) Bindings(string urls, Uri reached)
    {
        var bound = new List<string>();
        bool exposed = false;
        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string normalised = url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out Uri? uri))
            {
                bound.Add(url);
                continue;
            }

            bool loopback = uri.IsLoopback;
            bool wildcard = uri.Host is "0.0.0.0" or "[::]";
            exposed |= !loopback;
            int port = uri.Port == 0 ? reached.Port : uri.Port;
            bound.Add($"{uri.Scheme}://{uri.Host}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{(wildcard ? " (every network interface)" : string.Empty)}");
        }

        return (string.Join(", ", bound), exposed);
    }

    private static Uri? ReportUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static async Task<int> RunAsync(CliContext context, string urls, Uri? reports, CancellationToken ct)
    {
        SmsSimulator simulator;
        try
        {
            simulator = await SmsSimulator.StartAsync(new SmsSimulatorOptions { Urls = urls, DeliveryReportUrl = reports }, ct);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new CliException(ExitCodes.BadInput, $"The simulator cannot listen on '{urls}': {e.Message}");
        }

        await using (simulator)
        {
            // What it binds, as bound: 0.0.0.0 is every network interface, not 127.0.0.1 (which is only how this
            // machine reaches it). Reachable from elsewhere, its public keys let anyone use it: say so.
            (string bound, bool exposed) = Bindings(urls, simulator.BaseAddress);
            string listening = exposed ? $"{bound} (this machine reaches it at {simulator.BaseAddress})" : bound;
            if (exposed)
            {
                Output.Error(context, "warning: the simulator listens beyond this machine, and its keys are public (printed below, and in its "
                    + "README): anyone who can reach it can send through it, read the numbers and texts it accepted, and change its faults "
                    + "and credits. Use --urls http://127.0.0.1:<port> unless other machines must reach it.");
            }

            Output.Line(context.Out, $"""
                KenyaSms simulator listening on {listening}
                  254sms (Qserve)  {simulator.QserveBaseAddress}  username "{simulator.QserveUsername}", api_key "{simulator.QserveApiKey}"
                  Synqtel          {simulator.SynqtelBaseAddress}  h_api_key "{simulator.SynqtelApiKey}"
                  Control API      {simulator.ControlBaseAddress}  GET messages | requests | delivery-reports | faults | credits
                  Delivery reports {(simulator.DeliveryReportUrl?.ToString() ?? "off (--delivery-report-url)")}

                Point kenyasms at it from another terminal (these are the simulator's keys, not secrets):
                  export KenyaSms__DefaultProvider=synqtel
                  export KenyaSms__Synqtel__BaseAddress={simulator.SynqtelBaseAddress}
                  export KenyaSms__Synqtel__ApiKey={simulator.SynqtelApiKey}
                  export KenyaSms__Synqtel__SenderName={SenderName}
                  export KenyaSms__Qserve__BaseAddress={simulator.QserveBaseAddress}
                  export KenyaSms__Qserve__Username={simulator.QserveUsername}
                  export KenyaSms__Qserve__ApiKey={simulator.QserveApiKey}
                Press Ctrl+C to stop.
                """);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Output.Line(context.Out, $"Stopped. It had accepted {Output.Count(simulator.Ledger.Messages.Count, "message")}.");
            }
        }

        return ExitCodes.Ok;
    }
}
