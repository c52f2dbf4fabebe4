using System.Collections.Concurrent;
using System.Text;
using KenyaSms.Simulator;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>How one run of a ledger schedule ended, as its caller saw it; null fields all: it did not end (a hang).</summary>
public sealed record RunOutcome(LedgerRun Run, LogicalSend Send, SmsSendResult? Result, SmsGatewayException? Failure, SmsSendCanceledException? Canceled, Exception? Unexpected)
{
    public override string ToString() => this switch
    {
        { Result: { } r } => $"{Run.Plan}: result from {r.Provider}: " + string.Join(", ", r.Recipients.Select(Describe)),
        { Failure: { } f } => $"{Run.Plan}: SmsGatewayException {f.Error} (MayHaveBeenSent {f.MayHaveBeenSent})",
        { Canceled: { } c } => $"{Run.Plan}: SmsSendCanceledException (MayHaveBeenSent {c.MayHaveBeenSent}): " + string.Join(", ", c.PartialResult?.Recipients.Select(Describe) ?? []),
        { Unexpected: { } e } => $"{Run.Plan}: unexpected {e.GetType().Name}: {e.Message}",
        _ => $"{Run.Plan}: no outcome",
    };

    private static string Describe(SmsRecipientResult r) =>
        $"{r.PhoneNumber} {(r.IsAccepted ? "accepted" : r.Status.Code)} (MayHaveBeenSent {r.Status.MayHaveBeenSent}{(r.IsReplay ? ", replay" : string.Empty)})";
}

/// <summary>
/// Checks I6 and I7 (reliability.md) for the ledger schedules, per (key, number) pair against the simulator's final
/// ledger and the send ledger's final entries, and the honesty of every live run's result; counts what it saw.
/// Thread-safe: lanes audit concurrently into one instance.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>I6: at most one accepted message per pair, across both providers.</item>
/// <item>I7: exactly one entry per pair, final (Sent, Rejected, NotSent with a reason, Uncertain); Sent matches the one
/// accepted message (same provider and message id); NotSent and Rejected have none; Uncertain only where the claim it
/// keeps belongs to a run that was killed, or to a live run that reported that pair "may have been sent" (an answer lost,
/// or in flight when the host stopped). Every claim a live run held is recorded by it.</item>
/// <item>Honest results: every live run reports each input recipient; accepted means the pair's entry is Sent with the
/// same message id; not accepted with <c>MayHaveBeenSent = false</c> means a certain refusal replayed from the ledger, or
/// an outcome the run recorded NotSent or Rejected while the simulator had accepted nothing for the pair.</item>
/// </list>
/// </remarks>
public sealed class LedgerAudit
{
    private const int MaxReported = 20;

    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public LedgerAudit()
    {
        foreach (string name in new[] { "duplicates found", "pairs lost", "violations I6", "violations I7", "violations honesty", "violations I2", "violations I5" })
        {
            Add(name, 0);
        }
    }

    public IReadOnlyList<string> Violations => [.. _violations];

    public long Count(string name) => _counts.GetValueOrDefault(name);

    public void Add(string name, long by = 1) => _counts.AddOrUpdate(name, by, (_, v) => v + by);

    public string Figures() => string.Join(Environment.NewLine, _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"  {c.Key}: {c.Value}"));

    public string Report(string reproduce)
    {
        var report = new StringBuilder();
        IReadOnlyList<string> all = Violations;
        report.Append(all.Count).Append(" violation(s). Reproduce: ").AppendLine(reproduce);
        foreach (string v in all.Take(MaxReported))
        {
            report.AppendLine(v).AppendLine();
        }

        return report.ToString();
    }

    /// <summary>I5 as in FaultScheduleTests: nothing reached the host that redirects pointed to.</summary>
    public void AuditRedirectTarget(int connections, int requests)
    {
        Add("redirect target: connections accepted", connections);
        Add("redirect target: requests received", requests);
        if (requests > 0 || connections > 0)
        {
            Violation("I5", $"the redirect target accepted {connections} connection(s) and {requests} request(s): a redirect elsewhere was followed");
        }
    }

    /// <summary>The valid distinct (key, number, text) pairs of a send.</summary>
    public static IEnumerable<(string Key, string PhoneNumber, string Text)> Pairs(LogicalSend send) =>
        send.Messages.SelectMany(m => m.To
            .Select(to => PhoneNumber.TryParse(to, out PhoneNumber n) ? n.E164 : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(e164 => (m.IdempotencyKey!, e164, m.Text)));

    /// <summary>Audits one schedule once every run ended or died and the simulator stopped.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="outcomes">Each run and its outcome (null when it neither ended nor died: a hang).</param>
    /// <param name="final">Each pair's entry as it finally reads (<see cref="KillableLedger.FinalAsync"/>).</param>
    /// <param name="accepted">The simulator's accepted messages by (text, number), final.</param>
    /// <param name="ledger">The ledger, to find the run that owns a claim token.</param>
    public void AuditSchedule(
        LedgerSchedule schedule,
        IReadOnlyList<(LedgerRun Run, RunOutcome? Outcome)> outcomes,
        IReadOnlyDictionary<(string Key, string PhoneNumber), SmsLedgerEntry> final,
        ILookup<(string Text, string Mobile), SimulatorMessage> accepted,
        KillableLedger ledger)
    {
        Add("schedules");
        Add($"schedules {schedule.Send.Route} {schedule.Send.Kind}");
        Add("runs", outcomes.Count);
        Add("waves", schedule.Waves);
        Add("lease passed between waves", schedule.LeasePassesBeforeWave.Count(p => p));
        string context = $"{schedule}\n  outcomes:\n    " + string.Join("\n    ", outcomes.Select(o => o.Run.IsDead ? $"{o.Run.Plan}: killed (outcome unseen)" : o.Outcome?.ToString() ?? $"{o.Run.Plan}: hang"));

        foreach ((LedgerRun run, RunOutcome? outcome) in outcomes)
        {
            if (run.IsDead)
            {
                Add("runs killed");
                Add($"runs killed: {run.Plan.Fate}");
                continue;
            }

            Add(run.Plan.Fate == RunFate.Stopped ? "runs stopped (token cancelled, records kept)" : "runs that lived");
            AuditRun(schedule, run, outcome, final, accepted, context);
        }

        foreach ((string key, string phone, string text) in Pairs(schedule.Send))
        {
            AuditPair(key, phone, final[(key, phone)], [.. accepted[(text, phone)]], ledger, outcomes, context);
        }
    }

    private void AuditPair(string key, string phone, SmsLedgerEntry entry, List<SimulatorMessage> inSimulator, KillableLedger ledger, IReadOnlyList<(LedgerRun Run, RunOutcome? Outcome)> outcomes, string context)
    {
        Add("pairs");
        string where = $"pair ({key}, {phone}): ledger {entry.State} (provider {entry.Provider}, message {entry.MessageId}, error {entry.Error}, token {entry.Token}); "
            + $"simulator accepted {inSimulator.Count}: [{string.Join(", ", inSimulator.Select(m => $"{m.Provider} {m.MessageId}"))}]\n" + context;
        if (inSimulator.Count > 1)
        {
            Add("duplicates found", inSimulator.Count - 1);
            Violation("I6", "more than one accepted message for one pair: " + where);
        }

        if (entry.Token == KillableLedger.ProbeToken)
        {
            Add("pairs lost");
            Violation("I7", "no ledger entry for the pair after every run: " + where);
            return;
        }

        Add($"pairs final: {entry.State}");
        switch (entry.State)
        {
            case SmsLedgerState.Sent:
                if (inSimulator.Count != 1 || !string.Equals(inSimulator[0].Provider.ToString(), entry.Provider, StringComparison.OrdinalIgnoreCase)
                    || (entry.MessageId is not null && entry.MessageId != inSimulator[0].MessageId))
                {
                    Violation("I7", "Sent, but not one accepted message at that provider with that id: " + where);
                }

                break;
            case SmsLedgerState.Rejected:
            case SmsLedgerState.NotSent:
                if (inSimulator.Count > 0)
                {
                    Violation("I7", $"{entry.State}, yet the provider accepted it: " + where);
                }

                if (entry.State == SmsLedgerState.NotSent && entry.Error == SmsErrorCode.None)
                {
                    Violation("I7", "NotSent without a reason: " + where);
                }

                Add($"pairs final: {entry.State} {entry.Error}");
                break;
            case SmsLedgerState.Uncertain:
                Add(inSimulator.Count > 0 ? "pairs final: Uncertain, accepted by the provider" : "pairs final: Uncertain, not accepted");
                string? why = WhyUncertain(key, phone, entry, ledger, outcomes);
                if (why is null)
                {
                    Violation("I7", "Uncertain, but its claim belongs to no killed run and no run reported it may have been sent: " + where);
                }
                else
                {
                    Add("pairs final: Uncertain because " + why);
                }

                break;
            default:
                Violation("I7", "not in a final state: " + where);
                break;
        }
    }

    private static string? WhyUncertain(string key, string phone, SmsLedgerEntry entry, KillableLedger ledger, IReadOnlyList<(LedgerRun Run, RunOutcome? Outcome)> outcomes)
    {
        LedgerRun? owner = ledger.OwnerOf(entry.Token);
        if (owner is null)
        {
            return null;
        }

        if (owner.IsDead)
        {
            return "its run was killed in flight";
        }

        // A live owner recorded it Uncertain, and told its caller so.
        bool recordedUncertain = owner.Recorded.Any(r => r.Outcome.Token == entry.Token && r.Outcome.Key == key && r.Outcome.PhoneNumber == phone && r.Outcome.State == SmsLedgerState.Uncertain);
        RunOutcome? outcome = outcomes.FirstOrDefault(o => o.Run == owner).Outcome;
        bool reportedMaybe = outcome is not null && Reported(outcome, key, phone).Any(r => r is { Accepted: false, MayHaveBeenSent: true, IsReplay: false });
        return recordedUncertain && reportedMaybe ? (owner.Plan.Fate == RunFate.Stopped ? "in flight when the host stopped" : "its answer was lost") : null;
    }

    private void AuditRun(LedgerSchedule schedule, LedgerRun run, RunOutcome? outcome, IReadOnlyDictionary<(string Key, string PhoneNumber), SmsLedgerEntry> final, ILookup<(string Text, string Mobile), SimulatorMessage> accepted, string context)
    {
        if (outcome is null)
        {
            Violation("I2", $"{run.Plan} did not end (hang)\n" + context);
            return;
        }

        if (outcome.Unexpected is { } unexpected)
        {
            Violation("I2", $"{run.Plan}: {unexpected.GetType().Name} escaped: {unexpected}\n" + context);
            return;
        }

        Add(outcome switch
        {
            { Result: not null } => "run outcomes: result",
            { Failure: { } f } => $"run outcomes: SmsGatewayException {f.Error}",
            _ => "run outcomes: SmsSendCanceledException",
        });

        int expected = schedule.Send.Messages.Sum(m => m.To.Count);
        SmsSendResult? result = outcome.Result ?? outcome.Canceled?.PartialResult;
        if (result is not null && result.Recipients.Count != expected)
        {
            Violation("I7", $"{run.Plan}: {result.Recipients.Count} recipients reported for {expected} inputs\n" + context);
            return;
        }

        // Every claim the live run held, it recorded (a live process drops nothing).
        foreach ((string token, string key, string phone) in run.Held)
        {
            if (!run.Recorded.Any(r => r.Outcome.Token == token && r.Outcome.Key == key && r.Outcome.PhoneNumber == phone))
            {
                Violation("I7", $"{run.Plan} held ({key}, {phone}) and never recorded its outcome\n" + context);
            }
        }

        Add("run records not written (fenced)", run.Unwritten);
        foreach ((string key, string phone, string text) in Pairs(schedule.Send))
        {
            SmsLedgerEntry entry = final[(key, phone)];
            List<SimulatorMessage> inSimulator = [.. accepted[(text, phone)]];
            foreach (Reply r in Reported(outcome, key, phone))
            {
                AuditReply(run, r, key, phone, entry, inSimulator, context);
            }
        }

        // Invalid inputs are never accepted nor "maybe sent".
        if (result is not null)
        {
            int index = 0;
            foreach (PlannedMessage message in schedule.Send.Messages)
            {
                foreach (string to in message.To)
                {
                    SmsRecipientResult r = result.Recipients[index++];
                    if (!PhoneNumber.TryParse(to, out _) && (r.IsAccepted || r.Status.MayHaveBeenSent))
                    {
                        Violation("honesty", $"{run.Plan}: invalid input {to} reported accepted or maybe sent\n" + context);
                    }
                }
            }
        }
    }

    private void AuditReply(LedgerRun run, Reply r, string key, string phone, SmsLedgerEntry entry, List<SimulatorMessage> inSimulator, string context)
    {
        Add("recipients reported");
        string where = $"{run.Plan}: ({key}, {phone}) reported {r}; ledger {entry.State} (provider {entry.Provider}, message {entry.MessageId}); simulator accepted {inSimulator.Count}\n" + context;
        if (r.Accepted)
        {
            Add(r.IsReplay ? "recipients: replay, accepted" : "recipients: accepted");
            if (entry.State != SmsLedgerState.Sent || r.MessageId != entry.MessageId || inSimulator.Count != 1
                || !string.Equals(inSimulator[0].Provider.ToString(), r.Provider, StringComparison.OrdinalIgnoreCase))
            {
                Violation("honesty", "reported accepted, but the ledger or the simulator disagree: " + where);
            }
        }
        else if (!r.MayHaveBeenSent)
        {
            if (r.IsReplay)
            {
                Add("recipients: replay, rejected");
                if (entry.State != SmsLedgerState.Rejected || inSimulator.Count > 0)
                {
                    Violation("honesty", "replayed as a certain refusal, but the pair is not Rejected: " + where);
                }

                return;
            }

            Add("recipients: certainly not sent");
            // Nullable first: LastOrDefault of value tuples would give a default tuple (a null Outcome), never null.
            (SmsLedgerEntry Outcome, int AcceptedBefore)? last = run.Recorded
                .Where(x => x.Outcome.Key == key && x.Outcome.PhoneNumber == phone)
                .Select(x => ((SmsLedgerEntry Outcome, int AcceptedBefore)?)x)
                .LastOrDefault();
            if (last is { } recorded)
            {
                if (recorded.Outcome.State is not (SmsLedgerState.NotSent or SmsLedgerState.Rejected) || recorded.AcceptedBefore > 0)
                {
                    Violation("honesty", $"reported certainly not sent; the run recorded {recorded.Outcome.State} when the simulator had accepted {recorded.AcceptedBefore}: " + where);
                }
            }
            else
            {
                Add("recipients: certainly not sent, never claimed by the run");
            }
        }
        else
        {
            Add(r.IsReplay ? "recipients: replay, outcome unknown (in flight or Uncertain)" : "recipients: may have been sent (answer lost)");
        }
    }

    // What the run told its caller about a pair: one reply per input of it (a whole-call exception speaks for all).
    private static List<Reply> Reported(RunOutcome outcome, string key, string phone)
    {
        SmsSendResult? result = outcome.Result ?? outcome.Canceled?.PartialResult;
        if (result is null)
        {
            bool maybe = outcome.Failure?.MayHaveBeenSent ?? outcome.Canceled?.MayHaveBeenSent ?? true;
            return [new Reply(false, maybe, false, null, null)];
        }

        var replies = new List<Reply>();
        int index = 0;
        foreach (PlannedMessage message in outcome.Send.Messages)
        {
            foreach (string to in message.To)
            {
                SmsRecipientResult r = result.Recipients[index++];
                if (message.IdempotencyKey == key && PhoneNumber.TryParse(to, out PhoneNumber n) && n.E164 == phone)
                {
                    replies.Add(new Reply(r.IsAccepted, r.Status.MayHaveBeenSent, r.IsReplay, r.MessageId, r.Status.Provider));
                }
            }
        }

        return replies;
    }

    private void Violation(string invariant, string text)
    {
        Add("violations " + invariant);
        _violations.Enqueue($"[{invariant}] {text}");
    }

    private readonly record struct Reply(bool Accepted, bool MayHaveBeenSent, bool IsReplay, string? MessageId, string? Provider)
    {
        public override string ToString() =>
            Accepted ? $"accepted by {Provider} ({MessageId}){(IsReplay ? ", replay" : string.Empty)}" : $"not accepted (MayHaveBeenSent {MayHaveBeenSent}{(IsReplay ? ", replay" : string.Empty)})";
    }
}
