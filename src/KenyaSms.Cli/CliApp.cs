using System.CommandLine;
using System.CommandLine.Invocation;
using KenyaSms.Cli.Commands;

namespace KenyaSms.Cli;

/// <summary>
/// The <c>kenyasms</c> command line: parses the arguments, runs the command against the given console and
/// environment, and returns the exit code (see <see cref="ExitCodes"/>). Never throws for a failure of the command.
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        Option<bool> verbose = CommonOptions.Verbose();
        var root = new RootCommand(
            "kenyasms: check a balance, send a test message or a personalised bulk send, validate numbers and count segments "
            + "through the 254sms (Qserve) and Synqtel gateways, manage the suppression list (opt-outs), or run the local simulator.\n"
            + "Settings as in the library: environment variables (KenyaSms__Synqtel__ApiKey, KenyaSms__Synqtel__SenderName, "
            + "KenyaSms__Qserve__Username, KenyaSms__Qserve__ApiKey, KenyaSms__DefaultProvider, ...) over --config or ./kenyasms.json.\n"
            + ExitCodes.Help)
        {
            verbose,
            ValidateCommand.Create(context),
            SegmentsCommand.Create(context),
            BalanceCommand.Create(context, verbose),
            SendCommand.Create(context, verbose),
            SuppressCommand.Create(context, verbose),
            SimulateCommand.Create(context),
        };

        ParseResult parse = root.Parse(args);
        if (args.Length > 0 && parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                Output.Error(context, error.Message);
            }

            Output.Line(context.Error, $"Run 'kenyasms {(parse.CommandResult.Command == root ? string.Empty : parse.CommandResult.Command.Name + " ")}--help' for the options.");
            return ExitCodes.BadInput;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out.Profile.Out.Writer,
            Error = context.Error.Profile.Out.Writer,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Ctrl+C is the caller's: it cancels cancellationToken.
        };
        if (args.Length == 0)
        {
            // No command at all: the help, which says what the commands are, rather than "Required command was not
            // provided." Still a usage error for scripts (exit 2), as any missing command is.
            await root.Parse(["--help"]).InvokeAsync(invocation, cancellationToken);
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception e)
        {
            return ErrorReport.Report(context, e, parse.GetValue(verbose), sending: parse.CommandResult.Command.Name == "send");
        }
    }
}
