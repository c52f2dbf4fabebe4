using System.CommandLine;
using System.CommandLine.Parsing;

namespace KenyaSms.Cli.Commands;

/// <summary>
/// <c>kenyasms send</c>: one text to numbers given with <c>--to</c>, or a personalised bulk send from a CSV file
/// with <c>--csv</c> and <c>--template</c>; <c>--dry-run</c> shows what would be sent without sending.
/// </summary>
internal static class SendCommand
{
    /// <summary>Messages per SendBatchAsync call in a bulk send: how often the progress moves.</summary>
    public const int DefaultBatchSize = 100;

    private const int MaxBatchSize = 10_000;

    public static Command Create(CliContext context, Option<bool> verbose)
    {
        var to = new Option<string[]>("--to", "-t")
        {
            Description = "A recipient; repeat it (or separate numbers with commas) for several",
            HelpName = "number",
        };
        var text = new Option<string?>("--text") { Description = "The message text, for --to" };
        var csv = new Option<string?>("--csv") { Description = "A CSV file of recipients with a header row, for a personalised bulk send", HelpName = "file" };
        var template = new Option<string?>("--template")
        {
            Description = "The text for --csv, with {column} placeholders filled from each row, e.g. \"Habari {name}, your balance is {balance}\" ({{ and }} for literal braces)",
        };
        var phoneColumn = new Option<string>("--phone-column")
        {
            Description = "The CSV column holding the phone numbers",
            DefaultValueFactory = _ => "phone",
            HelpName = "name",
        };
        var referenceColumn = new Option<string?>("--reference-column")
        {
            Description = "A CSV column whose value becomes each message's client reference (echoed in the results CSV; Synqtel's client_ref), e.g. a member or invoice number",
            HelpName = "name",
        };
        var results = new Option<string?>("--results")
        {
            Description = "Where --csv writes one line per row (line, phone, status, message id, error, may-have-been-sent); default: <csv name>-results-<time>.csv beside the input",
            HelpName = "file",
        };
        var sender = new Option<string?>("--sender", "-s") { Description = "The sender ID (default: the provider's configured one)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and show what would be sent (numbers, segments, credits) without sending anything" };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Messages per batch in a --csv send (the progress moves per batch; the provider gets them in as few requests as it allows)",
            DefaultValueFactory = _ => DefaultBatchSize,
            HelpName = "count",
        };
        Option<string?> provider = CommonOptions.Provider();
        Option<string?> config = CommonOptions.Config();
        var command = new Command("send", "Send one text to --to numbers, or a personalised text to every row of a --csv file")
        {
            to, text, csv, template, phoneColumn, referenceColumn, results, sender, dryRun, batchSize, provider, config,
        };
        command.Validators.Add(r => CheckUsage(r, to, text, csv, template, referenceColumn));
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(batchSize) is < 1 or > MaxBatchSize)
            {
                throw new CliException(ExitCodes.BadInput, $"--batch-size must be between 1 and {MaxBatchSize}.");
            }

            var request = new SendRequest(
                parse.GetValue(to) ?? [], parse.GetValue(text), parse.GetValue(csv), parse.GetValue(template), parse.GetValue(phoneColumn)!,
                parse.GetValue(referenceColumn), parse.GetValue(results), parse.GetValue(sender), parse.GetValue(dryRun), parse.GetValue(batchSize), parse.GetValue(provider),
                parse.GetValue(config), parse.GetValue(verbose));
            return request.Csv is null ? DirectSend.RunAsync(context, request, ct) : BulkSend.RunAsync(context, request, ct);
        });
        return command;
    }

    private static void CheckUsage(CommandResult result, Option<string[]> to, Option<string?> text, Option<string?> csv, Option<string?> template, Option<string?> referenceColumn)
    {
        bool hasTo = result.GetResult(to) is not null;
        bool hasCsv = result.GetResult(csv) is not null;
        if (hasTo == hasCsv)
        {
            result.AddError(!hasTo && result.GetResult(template) is not null
                ? "--template needs --csv <file>: the CSV's columns fill its {placeholders}. For one text to numbers you type, use --to with --text."
                : "Give either --to (with --text) or --csv (with --template).");
        }
        else if (hasTo && result.GetResult(text) is null)
        {
            result.AddError(result.GetResult(template) is null
                ? "--to needs --text."
                : "--to needs --text; --template is for a personalised send from a CSV file: --csv <file> --template \"Habari {name}\".");
        }
        else if (hasTo && result.GetResult(referenceColumn) is not null)
        {
            result.AddError("--reference-column is for --csv: it names the CSV column of each message's client reference.");
        }
        else if (hasTo && result.GetResult(template) is not null)
        {
            result.AddError("--template is for --csv; use --text with --to.");
        }
        else if (hasCsv && result.GetResult(template) is null)
        {
            result.AddError("--csv needs --template, e.g. --template \"Habari {name}\".");
        }
        else if (hasCsv && result.GetResult(text) is not null)
        {
            result.AddError("--text is for --to; use --template with --csv.");
        }
    }
}

/// <summary>Everything <c>send</c> was given.</summary>
internal sealed record SendRequest(
    IReadOnlyList<string> To,
    string? Text,
    string? Csv,
    string? Template,
    string PhoneColumn,
    string? ReferenceColumn,
    string? Results,
    string? Sender,
    bool DryRun,
    int BatchSize,
    string? Provider,
    string? Config,
    bool Verbose);
