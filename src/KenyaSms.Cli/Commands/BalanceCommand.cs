using System.CommandLine;
using KenyaSms.Cli.Hosting;
using Microsoft.Extensions.Options;

namespace KenyaSms.Cli.Commands;

/// <summary>
/// <c>kenyasms balance</c>: the credits left with one provider, or with every configured provider (Africa's Talking's is
/// money, printed with its currency).
/// </summary>
internal static class BalanceCommand
{
    public static Command Create(CliContext context, Option<bool> verbose)
    {
        Option<string?> provider = CommonOptions.Provider();
        Option<string?> config = CommonOptions.Config();
        var command = new Command("balance", "Show the credits left: with --provider on that provider, otherwise on every configured provider")
        {
            provider,
            config,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(provider), parse.GetValue(config), parse.GetValue(verbose), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? provider, string? config, bool verbose, CancellationToken ct)
    {
        await using GatewaySession session = GatewaySession.Open(context, config, verbose);
        if (provider is not null || session.Factory.Names.Count <= 1)
        {
            SelectedGateway selected = session.Select(provider);
            SmsBalance balance = await selected.Gateway.GetBalanceAsync(ct);
            Output.Field(context.Out, "Provider", balance.Provider);
            // Africa's Talking's balance is money: "Balance     KES 985.6", not credits.
            Output.Field(context.Out, balance.Currency is null ? "Credits" : "Balance", Amount(balance));
            return ExitCodes.Ok;
        }

        // Several providers and none named: each one's balance, and each one's problem.
        var lines = new List<string?[]>();
        Exception? first = null;
        foreach (string name in session.Factory.Names)
        {
            try
            {
                SmsBalance balance = await session.Factory.Get(name).GetBalanceAsync(ct);
                lines.Add([balance.Provider, Amount(balance), null]);
            }
            catch (Exception e) when (e is SmsGatewayException or OptionsValidationException)
            {
                first ??= e;
                lines.Add([name, "?", e is SmsGatewayException g ? $"{g.Error}: {g.Message}" : string.Join(" ", ((OptionsValidationException)e).Failures)]);
            }
        }

        Table table = first is null ? Output.Table("Provider", "Credits") : Output.Table("Provider", "Credits", "Problem");
        lines.ForEach(line => Output.Row(table, first is null ? line[..2] : line));
        Output.Write(context.Out, table);
        return first is null ? ExitCodes.Ok : ErrorReport.ExitCodeOf(first);
    }

    private static string Amount(SmsBalance balance) =>
        balance.Currency is { } currency ? $"{currency} {Output.Number(balance.Credits)}" : Output.Number(balance.Credits);
}
