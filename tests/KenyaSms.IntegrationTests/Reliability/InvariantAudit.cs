using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>
/// Checks the invariants of reliability.md for logical sends against the simulator's ledger (what it accepted),
/// and counts what it saw. Thread-safe: lanes audit concurrently into one instance.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>I1 no duplicate: at most one accepted message per (text, recipient), unless the SDK was told RetryAmbiguousSends.</item>
/// <item>I2 nothing lost: every send ends in exactly one result or <see cref="SmsGatewayException"/>; no hang, nothing else.</item>
/// <item>I3 honest "not sent": <c>MayHaveBeenSent == false</c> (on the exception, or on a recipient's status) implies no accepted message.</item>
/// <item>I4 honest "sent": an accepted recipient has exactly one accepted message (with RetryAmbiguousSends: at least one), at the provider the result names.</item>
/// <item>I5 no leaks: no log line or exception text holds an API key or a recipient's full number.</item>
/// </list>
/// The ledger must be final (the simulator stopped) before a send is audited: a late request would otherwise be missed.
/// </remarks>
public sealed partial class InvariantAudit
{
    private const int MaxReported = 25;

    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Starts with the counters that must end at zero, so the figures show them even when nothing was found.</summary>
    public InvariantAudit()
    {
        foreach (string name in new[] { "duplicates found", "honesty violations", "violations I1", "violations I2", "violations I3", "violations I4", "violations I5" })
        {
            Add(name, 0);
        }
    }

    public IReadOnlyList<string> Violations => [.. _violations];

    public long Count(string name) => _counts.GetValueOrDefault(name);

    public void Add(string name, long by = 1) => _counts.AddOrUpdate(name, by, (_, v) => v + by);

    /// <summary>Audits every outcome against <paramref name="ledger"/>, which must hold every message of those sends and nothing else.</summary>
    /// <param name="outcomes">The sends and how they ended.</param>
    /// <param name="ledger">The simulator's accepted messages, final.</param>
    /// <param name="describe">Describes a send for a violation report (its seed and schedule, say).</param>
    /// <param name="duplicatesAllowed">The sends ran with RetryAmbiguousSends: a recipient may have been accepted more than once.</param>
    public void Audit(IReadOnlyList<SendOutcome> outcomes, IReadOnlyList<SimulatorMessage> ledger, Func<LogicalSend, string> describe, bool duplicatesAllowed = false)
    {
        ILookup<(string Text, string Mobile), SimulatorMessage> accepted = ledger.ToLookup(m => (m.Text, m.Mobile));
        var ours = new HashSet<string>(outcomes.SelectMany(o => o.Send.Messages.Select(m => m.Text)), StringComparer.Ordinal);
        foreach (SimulatorMessage stranger in ledger.Where(m => !ours.Contains(m.Text)))
        {
            Violation("I1", $"the simulator accepted \"{stranger.Text}\" for {stranger.Mobile}, which no send of this run asked for");
        }

        Add("ledger messages", ledger.Count);
        foreach (SendOutcome outcome in outcomes)
        {
            Audit(outcome, accepted, describe, duplicatesAllowed);
        }
    }

    /// <summary>I5: <paramref name="text"/> (logs, exception texts) holds no secret and no full form of a recipient's number.</summary>
    public void AuditLeaks(string text, IEnumerable<string> secrets, IEnumerable<LogicalSend> sends)
    {
        Add("log and exception characters scanned", text.Length);
        foreach (string secret in secrets)
        {
            if (text.Contains(secret, StringComparison.OrdinalIgnoreCase))
            {
                Violation("I5", $"an API key ({secret[..4]}...) appears in the logs or an exception");
            }
        }

        var cores = new HashSet<string>(StringComparer.Ordinal);
        foreach (string to in sends.SelectMany(s => s.Messages).SelectMany(m => m.To))
        {
            if (PhoneNumber.TryParse(to, out PhoneNumber number))
            {
                cores.Add(number.Msisdn[3..]);
            }
        }

        // A full number is a digit run that is the 9-digit core, 0 + core, or 254 + core (+254... included).
        foreach (Match run in DigitRun().Matches(text))
        {
            string digits = run.Value;
            string? core = digits.Length switch
            {
                9 => digits,
                10 when digits[0] == '0' => digits[1..],
                12 when digits.StartsWith("254", StringComparison.Ordinal) => digits[3..],
                _ => null,
            };
            if (core is not null && cores.Contains(core))
            {
                int from = Math.Max(0, run.Index - 60);
                Violation("I5", $"a full phone number appears unmasked: ...{text[from..Math.Min(text.Length, run.Index + run.Length + 20)]}...");
            }
        }
    }

    /// <summary>
    /// I1 below the SDK: the simulator received at most one request per attempt the transport sent, and none that a
    /// redirect to the same host pointed to (<c>?redirected=seed-N</c>). Otherwise a request went out twice underneath
    /// every handler: a redirect followed, or a silent re-send.
    /// </summary>
    /// <param name="lane">Names the lane for the report.</param>
    /// <param name="received">The provider's requests in the simulator's final ledger.</param>
    /// <param name="sent">Attempts the provider's transport handed to the network.</param>
    public void AuditRequestsSent(string lane, IReadOnlyList<SimulatorRequest> received, int sent)
    {
        Add("attempts sent to the network", sent);
        foreach (SimulatorRequest followed in received.Where(r => r.PathAndQuery.Contains("redirected=", StringComparison.Ordinal)))
        {
            Violation("I1", $"the simulator received {followed.Method} {followed.PathAndQuery}: a redirect to the same host was followed");
        }

        if (received.Count > sent)
        {
            Violation("I1", $"{lane}: the simulator received {received.Count} requests for {sent} attempts sent (a redirect followed, or a request sent twice below the SDK)");
        }
    }

    /// <summary>
    /// I5: nothing reached the host that redirects pointed to (a followed redirect takes the API key along, in
    /// Synqtel's header or 254sms's body). Each request there names its schedule in its path.
    /// </summary>
    /// <param name="connections">TCP connections the redirect target accepted.</param>
    /// <param name="requests">The requests it received.</param>
    public void AuditRedirectTarget(int connections, IReadOnlyList<RecordedRequest> requests)
    {
        Add("redirect target: connections accepted", connections);
        Add("redirect target: requests received", requests.Count);
        if (connections > 0 && requests.Count == 0)
        {
            Violation("I5", $"the redirect target accepted {connections} connection(s): a redirect elsewhere was followed");
        }

        foreach (RecordedRequest request in requests)
        {
            Violation("I5", $"the redirect target received {request.Method} {request.PathAndQuery} (a redirect elsewhere was followed, the API key with it)");
        }
    }

    /// <summary>The sum of several audits: every counter added up, every violation kept.</summary>
    public static InvariantAudit Sum(IEnumerable<InvariantAudit> audits)
    {
        var sum = new InvariantAudit();
        foreach (InvariantAudit audit in audits)
        {
            foreach (KeyValuePair<string, long> count in audit._counts)
            {
                sum.Add(count.Key, count.Value);
            }

            foreach (string violation in audit._violations)
            {
                sum._violations.Enqueue(violation);
            }
        }

        return sum;
    }

    /// <summary>A report of the violations (the first few in full) for a failed assertion.</summary>
    public string Report(string reproduce)
    {
        var report = new StringBuilder();
        IReadOnlyList<string> all = Violations;
        report.Append(all.Count).Append(" invariant violation(s). Reproduce: ").AppendLine(reproduce);
        foreach (string v in all.Take(MaxReported))
        {
            report.AppendLine(v).AppendLine();
        }

        return report.ToString();
    }

    /// <summary>The counters, one per line, for the test output (and docs/reliability.md).</summary>
    public string Figures() => string.Join(Environment.NewLine, _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"  {c.Key}: {c.Value}"));

    private void Audit(SendOutcome outcome, ILookup<(string Text, string Mobile), SimulatorMessage> accepted, Func<LogicalSend, string> describe, bool duplicatesAllowed)
    {
        LogicalSend send = outcome.Send;
        Add("sends");
        Add($"sends {send.Route} {send.Kind}");
        string context = $"{describe(send)}\n  outcome: {outcome}";
        if (outcome.Hung)
        {
            Violation("I2", "the send did not end (hang)\n" + context);
            return;
        }

        if (outcome.Unexpected is { } unexpected)
        {
            Violation("I2", $"{unexpected.GetType().Name} escaped instead of a result or SmsGatewayException\n" + context);
            return;
        }

        if (outcome.Failure is { } failure)
        {
            Add("outcomes: exception");
            Add($"exceptions {failure.Error} (MayHaveBeenSent {failure.MayHaveBeenSent})");
        }
        else
        {
            Add(outcome.Result!.IsSuccess ? "outcomes: result, all accepted" : "outcomes: result, some not accepted");
        }

        var seen = new HashSet<(string, string)>();
        int index = 0;
        int expected = send.Messages.Sum(m => m.To.Count);
        if (outcome.Result is { } r && r.Recipients.Count != expected)
        {
            Violation("I2", $"the result has {r.Recipients.Count} recipients for {expected} inputs\n" + context);
            return;
        }

        foreach (PlannedMessage message in send.Messages)
        {
            foreach (string to in message.To)
            {
                SmsRecipientResult? recipient = outcome.Result?.Recipients[index++];
                if (!PhoneNumber.TryParse(to, out PhoneNumber number))
                {
                    if (recipient is { IsAccepted: true } or { Status.MayHaveBeenSent: true })
                    {
                        Violation("I3", $"invalid input {to} is reported {(recipient.IsAccepted ? "accepted" : "maybe sent")}\n" + context);
                    }

                    continue;
                }

                if (!seen.Add((message.Text, number.E164)))
                {
                    continue; // the same number twice in one message is one SMS
                }

                AuditRecipient(outcome, recipient, number.E164, accepted[(message.Text, number.E164)].ToList(), context, duplicatesAllowed);
            }
        }
    }

    private void AuditRecipient(SendOutcome outcome, SmsRecipientResult? recipient, string mobile, List<SimulatorMessage> inLedger, string context, bool duplicatesAllowed)
    {
        Add("recipients");
        string where = $" (requests {string.Join(", ", inLedger.Select(m => $"{m.Provider}#{m.RequestIndex}"))})\n" + context;
        if (inLedger.Count > 1 && duplicatesAllowed)
        {
            Add("duplicates with RetryAmbiguousSends (opted in)", inLedger.Count - 1);
        }
        else if (inLedger.Count > 1)
        {
            Add("duplicates found", inLedger.Count - 1);
            Violation("I1", $"{inLedger.Count} accepted messages for {mobile}" + where);
        }

        bool claimedNotSent = recipient is null ? !outcome.Failure!.MayHaveBeenSent : !recipient.IsAccepted && !recipient.Status.MayHaveBeenSent;
        if (recipient is { IsAccepted: true })
        {
            Add("recipients accepted");
            string provider = outcome.Result!.Provider;
            bool honest = (inLedger.Count == 1 || (duplicatesAllowed && inLedger.Count > 1))
                && inLedger.All(m => string.Equals(m.Provider.ToString(), provider, StringComparison.OrdinalIgnoreCase));
            if (!honest)
            {
                Add("honesty violations");
                Violation("I4", $"{mobile} is reported accepted by {provider}, the ledger has {inLedger.Count} message(s) for it" + where);
            }
        }
        else if (claimedNotSent)
        {
            Add("recipients reported not sent");
            Add("recipients reported not sent: " + (recipient?.Status.Error.ToString() ?? "exception " + outcome.Failure!.Error));
            if (inLedger.Count > 0)
            {
                Add("honesty violations");
                Violation("I3", $"{mobile} is reported not sent (MayHaveBeenSent false), yet the provider accepted it" + where);
            }
        }
        else
        {
            Add(inLedger.Count > 0 ? "recipients reported maybe sent: in the ledger" : "recipients reported maybe sent: not in the ledger");
        }
    }

    private void Violation(string invariant, string text)
    {
        Add("violations " + invariant);
        _violations.Enqueue($"[{invariant}] {text}");
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitRun();
}
