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
            Output.Line(context.Out, $"""
                KenyaSms simulator listening on {simulator.BaseAddress}
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
