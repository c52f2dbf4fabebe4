using KenyaSms.Cli.Bulk;
using KenyaSms.Cli.Hosting;

namespace KenyaSms.Cli.Commands;

/// <summary>
/// <c>kenyasms send --csv file --template "..."</c>: a personalised message to every usable row, sent with
/// SendBatchAsync a batch at a time (so the progress moves), then a summary and a results CSV. Bad rows are
/// reported and skipped; the send stops at the first request that fails as a whole, and the rows after it are
/// marked not-sent so they can be sent again safely.
/// </summary>
internal static class BulkSend
{
    private const int ListedRows = 20;
    private const int PreviewRows = 5;

    public static async Task<int> RunAsync(CliContext context, SendRequest request, CancellationToken ct)
    {
        MessageTemplate template = MessageTemplate.Parse(request.Template!);
        RecipientFile file = RecipientFile.Read(context.FullPath(request.Csv!), request.PhoneColumn, template, request.ReferenceColumn);
        SenderIdCheck.ThrowIfInvalid(request.Sender);
        string? resultsPath = request.DryRun ? null : request.Results is { } r ? context.FullPath(r) : ResultsCsv.DefaultPath(file.Path, DateTimeOffset.Now);
        if (resultsPath is not null && !Directory.Exists(Path.GetDirectoryName(resultsPath)))
        {
            throw new CliException(ExitCodes.MissingFile, $"The folder of the results file '{resultsPath}' does not exist.");
        }

        await using GatewaySession session = GatewaySession.Open(context, request.Config, request.Verbose);
        SelectedGateway selected = session.Select(request.Provider);
        List<BulkRow> rows = Plan(file, template, session.MaxSegments(selected.Chain));
        List<BulkRow> toSend = [.. rows.Where(row => row.Outcome is null)];
        Output.Field(context.Out, "File", $"{file.Path} ({Output.Count(file.Rows.Count, "row")}; columns {string.Join(", ", file.Columns)})");
        Output.Field(context.Out, "Provider", string.Join(" then ", selected.Chain));
        Output.Field(context.Out, "Sender", request.Sender ?? session.DefaultSenderLabel(selected.Chain[0]));
        if (request.DryRun)
        {
            return DryRun(context, rows, toSend);
        }

        SendStop? stop = toSend.Count == 0 ? null : await SendAllAsync(context, selected.Gateway, toSend, request, ct);
        ResultsCsv.Write(resultsPath!, rows);
        Summarise(context, rows);
        Output.Line(context.Out, $"Results written to {resultsPath}");
        if (stop is not null)
        {
            return ErrorReport.Report(context, stop.Failure, request.Verbose, sending: true);
        }

        return rows.All(row => row.Outcome == Outcome.Accepted) ? ExitCodes.Ok : ExitCodes.PartlyFailed;
    }

    /// <summary>Personalises every row and sets aside those that cannot be sent (malformed, no number, empty or too long text, duplicate).</summary>
    private static List<BulkRow> Plan(RecipientFile file, MessageTemplate template, int maxSegments)
    {
        var rows = new List<BulkRow>(file.Rows.Count);
        var seen = new Dictionary<(PhoneNumber, string), int>();
        foreach (CsvRow csvRow in file.Rows)
        {
            if (csvRow.Problem is { } problem)
            {
                rows.Add(BulkRow.Skipped(csvRow.Line, csvRow.Phone, "BadRow", problem, csvRow.Reference));
                continue;
            }

            if (string.IsNullOrWhiteSpace(csvRow.Phone))
            {
                rows.Add(BulkRow.Skipped(csvRow.Line, csvRow.Phone, "BadRow", "no phone number", csvRow.Reference));
                continue;
            }

            string text = template.Render(column => csvRow.Values[column]);
            SmsSegmentInfo segments = SmsSegmentation.Analyze(text);
            PhoneNumber? number = PhoneNumber.TryParse(csvRow.Phone, out PhoneNumber parsed) ? parsed : null;
            var row = new BulkRow(csvRow.Line, csvRow.Phone, text, segments, number, csvRow.Reference);
            rows.Add(row);
            if (string.IsNullOrWhiteSpace(text))
            {
                row.Skip("EmptyText", "the personalised text is empty");
            }
            else if (segments.Segments > maxSegments)
            {
                row.Skip("TooLong", $"the personalised text needs {segments.Segments} segments ({segments.Units} {Output.Encoding(segments.Encoding)} units); the limit is {maxSegments}");
            }
            else if (number is { } valid && !seen.TryAdd((valid, text), csvRow.Line))
            {
                row.Skip("Duplicate", $"the same text to the same number as line {seen[(valid, text)]}");
            }
        }

        return rows;
    }

    private static int DryRun(CliContext context, List<BulkRow> rows, List<BulkRow> toSend)
    {
        BulkRow[] valid = [.. toSend.Where(row => row.Number is not null)];
        int invalid = toSend.Count - valid.Length;
        int skipped = rows.Count - toSend.Count;
        Output.Field(context.Out, "Messages", $"{valid.Length} would be sent, {invalid} rejected (not a valid Kenyan mobile number), {skipped} skipped");
        Output.Field(context.Out, "Credits", $"{Output.Number(valid.Sum(row => row.Segments.Segments))} (one per segment per message)");
        if (valid.Length > 0)
        {
            Table preview = Output.Table("Line", "Number", "Network", "Segments", "Text");
            foreach (BulkRow row in valid.Take(PreviewRows))
            {
                Output.Row(preview, Output.Number(row.Line), row.ShownPhone, row.Number!.Value.Network.ToString(), Output.Number(row.Segments.Segments), row.Text);
            }

            Output.Line(context.Out, valid.Length > PreviewRows ? $"First {PreviewRows} messages:" : "Messages:");
            Output.Write(context.Out, preview);
        }

        BulkRow[] problems = [.. rows.Where(row => row.Outcome is not null || row.Number is null)];
        if (problems.Length > 0)
        {
            Table table = Output.Table("Line", "Phone", "Would be", "Problem");
            foreach (BulkRow row in problems.Take(ListedRows))
            {
                Output.Row(table, Output.Number(row.Line), row.Phone, row.Outcome ?? Outcome.Rejected, row.Description ?? "not a valid Kenyan mobile number");
            }

            Output.Line(context.Out, "Rows that would not be sent:");
            Output.Write(context.Out, table);
            More(context, problems.Length);
        }

        Output.Line(context.Out, "Dry run: nothing was sent.");
        return problems.Length > 0 ? ExitCodes.PartlyFailed : ExitCodes.Ok;
    }

    private static async Task<SendStop?> SendAllAsync(CliContext context, ISmsGateway gateway, List<BulkRow> toSend, SendRequest request, CancellationToken ct)
    {
        if (!context.Out.Profile.Capabilities.Interactive)
        {
            // True counts: a row whose number the provider (or the SDK) refused was processed, not sent.
            return await SendBatchesAsync(gateway, toSend, request, done =>
            {
                int accepted = toSend.Take(done).Count(row => row.Outcome == Outcome.Accepted);
                Output.Line(context.Out, $"Progress    {done} of {toSend.Count} messages: {accepted} accepted, {done - accepted} not accepted");
            }, ct);
        }

        SendStop? stop = null;
        await context.Out.Progress().StartAsync(async progress =>
        {
            ProgressTask task = progress.AddTask("Sending", maxValue: toSend.Count);
            stop = await SendBatchesAsync(gateway, toSend, request, done => task.Value = done, ct);
        });
        return stop;
    }

    private static async Task<SendStop?> SendBatchesAsync(ISmsGateway gateway, List<BulkRow> toSend, SendRequest request, Action<int> progress, CancellationToken ct)
    {
        for (int start = 0; start < toSend.Count; start += request.BatchSize)
        {
            List<BulkRow> batch = toSend.GetRange(start, Math.Min(request.BatchSize, toSend.Count - start));
            try
            {
                SmsSendResult result = await gateway.SendBatchAsync([.. batch.Select(row => new SmsMessage(row.Phone, row.Text) { SenderId = request.Sender, ClientReference = row.Reference })], ct);
                for (int i = 0; i < batch.Count; i++)
                {
                    batch[i].Apply(result.Recipients[i]);
                }
            }
            catch (SmsGatewayException e)
            {
                batch.ForEach(row => row.Fail(e));
                return Stop(toSend, start + batch.Count, e);
            }
            catch (OperationCanceledException e) when (ct.IsCancellationRequested)
            {
                batch.ForEach(row => row.Cancel());
                return Stop(toSend, start + batch.Count, e);
            }

            progress(start + batch.Count);
        }

        return null;
    }

    private static SendStop Stop(List<BulkRow> toSend, int next, Exception failure)
    {
        for (int i = next; i < toSend.Count; i++)
        {
            toSend[i].NotAttempted($"not attempted: the send stopped at line {toSend[next - 1].Line} ({(failure is SmsGatewayException g ? g.Error.ToString() : "cancelled")})");
        }

        return new SendStop(failure);
    }

    private static void Summarise(CliContext context, List<BulkRow> rows)
    {
        string[] order = [Outcome.Accepted, Outcome.Rejected, Outcome.Uncertain, Outcome.Skipped, Outcome.NotSent];
        Table summary = Output.Table("Status", "Error", "Rows");
        foreach (var group in rows.GroupBy(row => (row.Outcome!, row.Error)).OrderBy(g => Array.IndexOf(order, g.Key.Item1)).ThenBy(g => g.Key.Error, StringComparer.Ordinal))
        {
            Output.Row(summary, group.Key.Item1, group.Key.Error.Length == 0 ? "-" : group.Key.Error, Output.Number(group.Count()));
        }

        Output.Write(context.Out, summary);
        BulkRow[] accepted = [.. rows.Where(row => row.Outcome == Outcome.Accepted)];
        Output.Field(context.Out, "Accepted", $"{accepted.Length} of {rows.Count} rows, {Output.Count(accepted.Sum(row => row.Segments.Segments), "segment")} (credits)");
        BulkRow[] failed = [.. rows.Where(row => row.Outcome != Outcome.Accepted)];
        if (failed.Length > 0)
        {
            Table table = Output.Table("Line", "Phone", "Status", "Error", "Description");
            foreach (BulkRow row in failed.Take(ListedRows))
            {
                Output.Row(table, Output.Number(row.Line), row.ShownPhone, row.Outcome, row.Error, row.Description);
            }

            Output.Line(context.Out, "Rows not accepted:");
            Output.Write(context.Out, table);
            More(context, failed.Length);
        }

        if (rows.Any(row => row.Outcome == Outcome.Uncertain))
        {
            Output.Line(context.Out, "Rows marked 'uncertain' MAY HAVE BEEN SENT: check delivery before sending them again.");
        }
    }

    private static void More(CliContext context, int count)
    {
        if (count > ListedRows)
        {
            Output.Line(context.Out, $"... and {count - ListedRows} more (all of them are in the results CSV).");
        }
    }

    private sealed record SendStop(Exception Failure);
}
