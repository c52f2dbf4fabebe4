using System.CommandLine;

namespace KenyaSms.Cli.Commands;

/// <summary><c>kenyasms validate &lt;number&gt;...</c>: the normalised forms and network of Kenyan mobile numbers, offline.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var numbers = new Argument<string[]>("number")
        {
            Description = "One or more phone numbers, in any common form (quote numbers with spaces)",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check Kenyan mobile numbers offline: E.164, MSISDN and national forms, and the network their prefix belongs to")
        {
            numbers,
        };
        command.SetAction(parse => Run(context, parse.GetRequiredValue(numbers)));
        return command;
    }

    private static int Run(CliContext context, string[] numbers)
    {
        int exit = ExitCodes.Ok;
        for (int i = 0; i < numbers.Length; i++)
        {
            if (i > 0)
            {
                Output.Line(context.Out);
            }

            Output.Field(context.Out, "Input", numbers[i]);
            try
            {
                PhoneNumber number = PhoneNumber.Parse(numbers[i]);
                Output.Field(context.Out, "Valid", "yes");
                Output.Field(context.Out, "E.164", number.E164);
                Output.Field(context.Out, "MSISDN", number.Msisdn);
                Output.Field(context.Out, "National", number.National);
                Output.Field(context.Out, "Network", number.Network + " (by prefix; the number may have been ported)");
            }
            catch (FormatException e)
            {
                Output.Field(context.Out, "Valid", "no");
                Output.Error(context, e.Message);
                exit = ExitCodes.BadInput;
            }
        }

        return exit;
    }
}
