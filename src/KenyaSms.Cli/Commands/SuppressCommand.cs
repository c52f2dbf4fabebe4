using System.CommandLine;
using System.Globalization;
using KenyaSms.Cli.Suppression;
using KenyaSms.Policies;

namespace KenyaSms.Cli.Commands;

/// <summary>
/// <c>kenyasms suppress add|remove|check|import</c>: the suppression list (opt-outs) in the SQLite file or PostgreSQL
/// database the application registers with <c>AddSqliteSuppressionList</c> / <c>AddPostgreSqlSuppressionList</c>.
/// </summary>
internal static class SuppressCommand
{
    public static Command Create(CliContext context, Option<bool> verbose) =>
        new("suppress", "Manage the suppression list (opt-outs) in the SQLite file (--sqlite) or PostgreSQL database (--postgres) your application uses")
        {
            Add(context, verbose),
            Remove(context, verbose),
            Check(context, verbose),
            Import(context, verbose),
        };

    private static Command Add(CliContext context, Option<bool> verbose)
    {
        Argument<string> number = NumberArgument();
        var reason = new Option<string>("--reason", "-r")
        {
            Description = $"Why, for operators (1-{SuppressionListRegistration.MaxReasonLength} characters), e.g. \"replied STOP 2026-03-02\"; replaces an earlier reason",
            Required = true,
            HelpName = "text",
        };
        var store = new SuppressionStoreOptions();
        var command = new Command("add", "Suppress a number: no SMS reaches it unless a message sets BypassSuppression") { number, reason };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            PhoneNumber parsed = Parse(parse.GetRequiredValue(number));
            string why = CheckReason(parse.GetRequiredValue(reason), "--reason");
            await using SuppressionSession session = SuppressionSession.Open(context, store.Get(parse), parse.GetValue(verbose), createFile: true);
            SuppressionEntry? before = await SuppressionSession.RunAsync(() => session.Admin.GetAsync(parsed, ct));
            await SuppressionSession.RunAsync(async () => { await session.List.SuppressAsync(parsed, why, ct); return true; });
            Output.Field(context.Out, "Number", parsed.E164);
            Output.Field(context.Out, "Suppressed", before is null ? $"yes ({why})" : $"yes ({why}; replaces: {before.Reason})");
            Output.Field(context.Out, "Store", session.Description);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CliContext context, Option<bool> verbose)
    {
        Argument<string> number = NumberArgument();
        var store = new SuppressionStoreOptions();
        var command = new Command("remove", "Remove a number from the suppression list: it may receive SMS again") { number };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            PhoneNumber parsed = Parse(parse.GetRequiredValue(number));
            await using SuppressionSession session = SuppressionSession.Open(context, store.Get(parse), parse.GetValue(verbose), createFile: false);
            SuppressionEntry? before = await SuppressionSession.RunAsync(() => session.Admin.GetAsync(parsed, ct));
            await SuppressionSession.RunAsync(async () => { await session.List.UnsuppressAsync(parsed, ct); return true; });
            Output.Field(context.Out, "Number", parsed.E164);
            Output.Field(context.Out, "Suppressed", before is null ? "no (it was not on the list)" : $"no (removed; the reason was: {before.Reason})");
            Output.Field(context.Out, "Store", session.Description);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Check(CliContext context, Option<bool> verbose)
    {
        Argument<string> number = NumberArgument();
        var store = new SuppressionStoreOptions();
        var command = new Command("check", "Say whether a number is suppressed, why and since when: exit 0 when it is, 1 when it is not") { number };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            PhoneNumber parsed = Parse(parse.GetRequiredValue(number));
            await using SuppressionSession session = SuppressionSession.Open(context, store.Get(parse), parse.GetValue(verbose), createFile: false);
            SuppressionEntry? entry = await SuppressionSession.RunAsync(() => session.Admin.GetAsync(parsed, ct));
            Output.Field(context.Out, "Number", parsed.E164);
            Output.Field(context.Out, "Suppressed", entry is null ? "no" : "yes");
            if (entry is not null)
            {
                Output.Field(context.Out, "Reason", entry.Reason);
                Output.Field(context.Out, "Since", entry.SuppressedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            }

            Output.Field(context.Out, "Store", session.Description);
            return entry is null ? ExitCodes.PartlyFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import(CliContext context, Option<bool> verbose)
    {
        var csv = new Argument<string>("csv")
        {
            Description = $"A CSV file with a header row: a phone column ({string.Join(", ", SuppressionImportFile.PhoneColumns)}, any case) and optionally a reason column",
        };
        var reason = new Option<string?>("--reason", "-r")
        {
            Description = "The reason of rows without one (default: \"imported from <file name>\")",
            HelpName = "text",
        };
        var store = new SuppressionStoreOptions();
        var command = new Command("import", "Suppress every number of a CSV file in one transaction: every row is checked first, and one bad row means nothing is written") { csv, reason };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            string path = context.FullPath(parse.GetRequiredValue(csv));
            string fallback = parse.GetValue(reason) is { } given ? CheckReason(given, "--reason") : DefaultReason(path);
            (List<(PhoneNumber Number, string Reason)> rows, string phoneColumn) = SuppressionImportFile.Read(path, fallback);
            await using SuppressionSession session = SuppressionSession.Open(context, store.Get(parse), parse.GetValue(verbose), createFile: true);
            int written = await SuppressionSession.RunAsync(() => session.Admin.SuppressAllAsync(rows, ct));
            Output.Field(context.Out, "File", $"{path} (numbers from column '{phoneColumn}')");
            Output.Field(context.Out, "Rows", Output.Number(rows.Count));
            Output.Field(context.Out, "Suppressed", $"{Output.Count(written, "number")}{(written < rows.Count ? " (a number given twice keeps its last reason)" : string.Empty)}, in one transaction");
            Output.Field(context.Out, "Store", session.Description);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Argument<string> NumberArgument() =>
        new("number") { Description = "A Kenyan mobile number in any common form (quote numbers with spaces)" };

    private static PhoneNumber Parse(string number)
    {
        try
        {
            return PhoneNumber.Parse(number);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
    }

    private static string CheckReason(string reason, string option)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new CliException(ExitCodes.BadInput, $"{option} is empty; say why, e.g. \"replied STOP 2026-03-02\".");
        }

        if (reason.Length > SuppressionListRegistration.MaxReasonLength)
        {
            throw new CliException(ExitCodes.BadInput, $"{option} is {reason.Length} characters long; at most {SuppressionListRegistration.MaxReasonLength} are kept.");
        }

        return reason;
    }

    private static string DefaultReason(string path)
    {
        string reason = "imported from " + Path.GetFileName(path);
        return reason.Length <= SuppressionListRegistration.MaxReasonLength ? reason : reason[..SuppressionListRegistration.MaxReasonLength];
    }
}
