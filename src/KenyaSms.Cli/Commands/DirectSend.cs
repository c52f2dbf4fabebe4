using KenyaSms.Cli.Hosting;
using KenyaSms.Sending;

namespace KenyaSms.Cli.Commands;

/// <summary><c>kenyasms send --to ... --text ...</c>: one text to the numbers given, or with --dry-run what would be sent.</summary>
internal static class DirectSend
{
    public static async Task<int> RunAsync(CliContext context, SendRequest request, CancellationToken ct)
    {
        string text = request.Text!;
        string[] to = [.. request.To.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        if (to.Length == 0)
        {
            throw new CliException(ExitCodes.BadInput, "--to has no phone number.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            // As SmsMessage refuses it: a dry run must not approve what the send would refuse.
            throw new CliException(ExitCodes.BadInput, "--text is empty or only white space.");
        }

        SenderIdCheck.ThrowIfInvalid(request.Sender);
        await using GatewaySession session = GatewaySession.Open(context, request.Config, request.Verbose);
        SelectedGateway selected = session.Select(request.Provider);
        SmsSegmentInfo segments = SmsSegmentation.Analyze(text);
        int maxSegments = session.MaxSegments(selected.Chain);
        if (segments.Segments > maxSegments)
        {
            throw new CliException(ExitCodes.BadInput,
                $"The text needs {Output.Count(segments.Segments, "segment")} ({segments.Units} {Output.Encoding(segments.Encoding)} units); {string.Join(" and ", selected.Chain)} {(selected.Chain.Count == 1 ? "allows" : "allow")} at most {maxSegments}.");
        }

        Output.Field(context.Out, "Provider", string.Join(" then ", selected.Chain));
        Output.Field(context.Out, "Sender", request.Sender ?? session.DefaultSenderLabel(selected.Chain[0]));
        Output.Field(context.Out, "Text", $"{Output.Count(segments.Segments, "segment")} ({Output.Encoding(segments.Encoding)}, {segments.Units} units)");
        if (!request.DryRun)
        {
            return await SendAsync(context, selected.Gateway, to, text, request.Sender, ct);
        }

        // The library's own checks and de-duplication (what the send would do), without sending.
        var message = new SmsMessage(to, text) { SenderId = request.Sender };
        PreparedMessage prepared = PreparedMessage.Prepare(message, session.DefaultSender(selected.Chain[0]), maxSegments, selected.Chain[0]);
        return DryRun(context, to, prepared, selected.Gateway.Estimate([message]));
    }

    private static int DryRun(CliContext context, string[] to, PreparedMessage prepared, SmsSendEstimate estimate)
    {
        Table table = Output.Table("#", "To", "Number", "Network", "Would be");
        int distinct = 0;
        for (int i = 0; i < to.Length; i++)
        {
            int slot = prepared.SlotOf(i);
            if (slot < 0)
            {
                Output.Row(table, Output.Number(i + 1), to[i], null, null, "rejected: not a valid Kenyan mobile number");
                continue;
            }

            // Distinct numbers are numbered in first-seen order: a number seen before has a slot below the count so far.
            bool first = slot == distinct;
            distinct += first ? 1 : 0;
            PhoneNumber number = prepared.Unique[slot];
            Output.Row(table, Output.Number(i + 1), to[i], number.E164, number.Network.ToString(), first ? "sent" : "sent once (duplicate)");
        }

        SmsSegmentInfo segments = prepared.Segments;
        Output.Write(context.Out, table);
        // The counts are the library's estimate (SmsGatewayExtensions.Estimate: offline, the send's own validation).
        Output.Field(context.Out, "Recipients", $"{estimate.Recipients} distinct valid of {to.Length} given{(estimate.InvalidRecipients > 0 ? $", {estimate.InvalidRecipients} invalid" : string.Empty)}");
        Output.Field(context.Out, "Credits", $"{Output.Number(estimate.Credits)} ({Output.Count(segments.Segments, "segment")} x {Output.Count(estimate.Recipients, "recipient")})");
        Output.Line(context.Out, "Dry run: nothing was sent.");
        return estimate.InvalidRecipients > 0 ? ExitCodes.PartlyFailed : ExitCodes.Ok;
    }

    private static async Task<int> SendAsync(CliContext context, ISmsGateway gateway, string[] to, string text, string? sender, CancellationToken ct)
    {
        SmsSendResult result = await gateway.SendAsync(new SmsMessage(to, text) { SenderId = sender }, ct);
        bool problems = !result.IsSuccess;
        Table table = problems
            ? Output.Table("#", "To", "Number", "Network", "Status", "Message ID", "Problem")
            : Output.Table("#", "To", "Number", "Network", "Status", "Message ID");

        // The library sends a number given twice (in any format) once and reports it for each input: the table
        // shows the second as a duplicate of the first, and the counts are of numbers, not of inputs.
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int accepted = 0, notAccepted = 0, duplicates = 0;
        for (int i = 0; i < result.Recipients.Count; i++)
        {
            SmsRecipientResult r = result.Recipients[i];
            if (!first.TryAdd(r.PhoneNumber, i))
            {
                duplicates++;
                string?[] duplicate = [Output.Number(i + 1), to[i], r.PhoneNumber, r.Network.ToString(), $"duplicate of #{first[r.PhoneNumber] + 1}", null];
                Output.Row(table, problems ? [.. duplicate, null] : duplicate);
                continue;
            }

            accepted += r.IsAccepted ? 1 : 0;
            notAccepted += r.IsAccepted ? 0 : 1;
            string?[] cells = [Output.Number(i + 1), to[i], r.PhoneNumber, r.Network.ToString(), Outcome.Of(r), r.MessageId];
            Output.Row(table, problems ? [.. cells, r.IsAccepted ? null : $"{r.Status.Error} ({r.Status.Code}): {r.Status.Description}"] : cells);
        }

        Output.Write(context.Out, table);
        string balance = result.CreditBalance is { } credits ? $", credit balance {Output.Number(credits)}" : string.Empty;
        string sentOnce = duplicates == 0 ? string.Empty : $" ({Output.Count(duplicates, "duplicate")} sent once)";
        Output.Field(context.Out, "Result", $"{result.Provider}: {accepted} accepted, {notAccepted} not accepted{sentOnce}{balance}");
        if (result.Recipients.Any(r => !r.IsAccepted && r.Status.MayHaveBeenSent))
        {
            Output.Line(context.Out, "Recipients marked 'uncertain' MAY HAVE BEEN SENT: check delivery before sending to them again.");
        }

        return result.IsSuccess ? ExitCodes.Ok : ExitCodes.PartlyFailed;
    }
}
