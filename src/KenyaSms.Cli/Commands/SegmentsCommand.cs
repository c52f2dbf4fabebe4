using System.CommandLine;
using System.Globalization;
using System.Text;
using KenyaSms.Synqtel;

namespace KenyaSms.Cli.Commands;

/// <summary><c>kenyasms segments "&lt;text&gt;"</c>: encoding, units, segments and cost of a text, offline.</summary>
internal static class SegmentsCommand
{
    private const int MaxListedCharacters = 5;

    public static Command Create(CliContext context)
    {
        var text = new Argument<string>("text") { Description = "The message text (quote it)" };
        var recipients = new Option<int>("--recipients", "-n")
        {
            Description = "How many recipients the cost is counted for",
            DefaultValueFactory = _ => 1,
            HelpName = "count",
        };
        var command = new Command("segments", "Count the encoding, units and SMS segments of a text, and the credits it costs (one per segment per recipient)")
        {
            text,
            recipients,
        };
        command.SetAction(parse => Run(context, parse.GetRequiredValue(text), parse.GetValue(recipients)));
        return command;
    }

    private static int Run(CliContext context, string text, int recipients)
    {
        if (text.Length == 0)
        {
            throw new CliException(ExitCodes.BadInput, "The text is empty.");
        }

        if (recipients < 1)
        {
            throw new CliException(ExitCodes.BadInput, "--recipients must be at least 1.");
        }

        SmsSegmentInfo info = SmsSegmentation.Analyze(text);
        string unit = info.Encoding == SmsEncoding.Gsm7 ? "GSM-7 septets" : "UCS-2 code units";
        // Characters as people count them (an emoji is one), not UTF-16 code units: the units are on their own line.
        Output.Field(context.Out, "Characters", Output.Number(new StringInfo(text).LengthInTextElements));
        Output.Field(context.Out, "Encoding", Output.Encoding(info.Encoding) + Ucs2Reason(text, info));
        Output.Field(context.Out, "Units", $"{Output.Number(info.Units)} {unit}");
        Output.Field(context.Out, "Segments", Output.Number(info.Segments));
        Output.Field(context.Out, "Remaining", $"{Output.Number(info.RemainingUnits)} units fit before another segment is needed");
        Output.Field(context.Out, "Credits", $"{Output.Number(info.Segments * recipients)} ({Output.Count(info.Segments, "segment")} x {Output.Count(recipients, "recipient")})");
        if (info.Segments > SynqtelSmsGateway.MaxSegments)
        {
            Output.Line(context.Out, $"Too long to send: Synqtel (and 254sms by default) allow at most {SynqtelSmsGateway.MaxSegments} segments.");
        }

        return ExitCodes.Ok;
    }

    // Which characters force UCS-2 (a curly quote or an emoji doubles the cost of a text): say so.
    private static string Ucs2Reason(string text, SmsSegmentInfo info)
    {
        if (info.Encoding != SmsEncoding.Ucs2)
        {
            return string.Empty;
        }

        var found = new List<string>();
        foreach (Rune rune in text.EnumerateRunes())
        {
            string one = rune.ToString();
            string shown = $"'{one}' (U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)})";
            if (SmsSegmentation.Analyze(one).Encoding == SmsEncoding.Ucs2 && !found.Contains(shown))
            {
                found.Add(shown);
            }
        }

        string list = string.Join(", ", found.Take(MaxListedCharacters));
        return found.Count == 0 ? string.Empty
            : $", because of {list}{(found.Count > MaxListedCharacters ? " and more" : string.Empty)}, not in the GSM-7 alphabet";
    }
}
