using System.Globalization;
using CsCheck;
using KenyaSms.Simulator;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>
/// One randomized case: a logical send (route, kind, recipients, unique texts) and, per provider, the behaviours
/// of its coming attempts (after the list runs out, attempts are answered normally). Everything follows from
/// the seed, so a failing schedule is reproduced from its seed alone. <see cref="MaxRetryAttempts"/> and
/// <see cref="RetryAmbiguousSends"/> are the SDK's settings for the send: with fewer retries more sends end on a
/// transient refusal, i.e. "certainly not sent"; with the opt-in, ambiguous attempts are retried (duplicates allowed).
/// <see cref="Handlers"/> is what the application adds around the SDK's HttpClients (a body logger, a retry layer);
/// an attempt is then one transport call, so a handler that sends again inside an SDK attempt takes the next behaviour.
/// </summary>
public sealed record FaultSchedule(
    int Seed,
    int MaxRetryAttempts,
    bool RetryAmbiguousSends,
    ApplicationHandlers Handlers,
    LogicalSend Send,
    AttemptBehavior[] SynqtelAttempts,
    AttemptBehavior[] QserveAttempts)
{
    /// <summary>Enough for every request of a send (a batch here has at most 3) to use up its retries.</summary>
    private const int AttemptsPerProvider = 10;

    /// <summary>The PCG stream every schedule is drawn on; the schedule's seed is the PCG's seed.</summary>
    private const uint Stream = 20_250_905;

    // Per-attempt odds: about 40 % normal answers, the rest spread over the faults.
    private static readonly Gen<AttemptBehavior> Behavior = Gen.Frequency(
    [
        (40, AttemptBehavior.Ok),
        (5, AttemptBehavior.TooManyRequestsRetryAfterZero),
        (5, AttemptBehavior.TooManyRequestsNoRetryAfter),
        (5, AttemptBehavior.InternalServerError),
        (4, AttemptBehavior.BadGateway),
        (5, AttemptBehavior.ServiceUnavailable),
        (5, AttemptBehavior.AbortAfterBody),
        (3, AttemptBehavior.DelayPastTimeout),
        (3, AttemptBehavior.DelayPastTimeoutUnprocessed),
        (4, AttemptBehavior.GarbageBody),
        (3, AttemptBehavior.TruncatedBody),
        (3, AttemptBehavior.EmptyBody),
        (5, AttemptBehavior.ProviderRefusal),
        (7, AttemptBehavior.RefusedConnection),
        (3, AttemptBehavior.RedirectSameHost),
        (3, AttemptBehavior.RedirectElsewhere),
    ]);

    private static readonly Gen<int> Retries = Gen.Frequency([(60, 3), (25, 1), (15, 0)]);

    private static readonly Gen<bool> RetryAmbiguous = Gen.Frequency([(10, true), (90, false)]);

    private static readonly Gen<Route> Routes = Gen.Frequency([(35, Route.Synqtel), (30, Route.Qserve), (35, Route.Failover)]);

    private static readonly Gen<SendKind> Kinds = Gen.Frequency([(45, SendKind.SingleRecipient), (30, SendKind.Bulk), (25, SendKind.Personalised)]);

    // A few caller-given client references (the Synqtel single send then goes through sendmultiple).
    private static readonly Gen<bool> HasClientReference = Gen.Frequency([(15, true), (85, false)]);

    // Mobile prefixes (after the leading 0) of several networks; every generated number is checked to parse.
    private static readonly string[] Prefixes = ["70", "71", "72", "74", "79", "11", "73", "75", "78"];

    // Now and then a number on the simulator's Do-Not-Disturb list, which Synqtel refuses for that recipient only;
    // typed with a leading 0, +254, 254 or nothing.
    private static readonly Gen<string> Number = Gen.Select(
        Gen.Frequency(
            (6, Gen.OneOf(ReliabilityHost.DndNumbers).Select(n => n[1..])),
            (94, Gen.Select(Gen.OneOf(Prefixes), Gen.Int[0, 9_999_999], (prefix, n) => prefix + n.ToString("D7", CultureInfo.InvariantCulture)))),
        Gen.OneOf("0", "+254", "254", string.Empty),
        (core, lead) => PhoneNumber.TryParse(lead + core, out _) ? lead + core : throw new InvalidOperationException($"generated an invalid number {lead + core}"));

    // Where to insert an extra entry into a list of up to 5 (taken modulo the list's length + 1), or nowhere.
    private static readonly Gen<int?> Insertion = Gen.Frequency((10, Gen.Int[0, 5].Select(i => (int?)i)), (90, Gen.Const((int?)null)));

    /// <summary>
    /// The schedules: everything but the seed-derived names (send id, unique texts, client references) is drawn by
    /// CsCheck generators, from a PCG seeded with <paramref name="seed"/> in <see cref="Create"/>.
    /// </summary>
    public static Gen<FaultSchedule> Generator(int seed)
    {
        string id = "seed " + seed.ToString(CultureInfo.InvariantCulture);
        string text = "rel " + seed.ToString("x", CultureInfo.InvariantCulture);
        Gen<(SendKind Kind, PlannedMessage[] Messages)> send = Kinds.SelectMany(kind => Messages(kind).Select(messages => (kind, messages)));
        Gen<PlannedMessage[]> Messages(SendKind kind) => kind switch
        {
            SendKind.SingleRecipient => Gen.Select(Number, HasClientReference, (number, hasRef) => new PlannedMessage[] { new([number], text, ClientReference(hasRef, seed, 0)) }),
            SendKind.Bulk => Gen.Select(Gen.Int[2, 4].SelectMany(Recipients), HasClientReference, (to, hasRef) => new PlannedMessage[] { new(to, text, ClientReference(hasRef, seed, 0)) }),
            _ => Gen.Select(Gen.Int[1, 2].SelectMany(Recipients), HasClientReference).Array[2, 3]
                .Select(each => each.Select((m, k) => new PlannedMessage(m.Item1, $"{text} m{k}", ClientReference(m.Item2, seed, k))).ToArray()),
        };

        return Gen.Select(Retries, RetryAmbiguous, Gen.OneOf(ApplicationHandlerSettings.All), Routes, send, Attempts(AttemptsPerProvider), Attempts(AttemptsPerProvider),
            (retries, retryAmbiguous, handlers, route, planned, synqtel, qserve) =>
                new FaultSchedule(seed, retries, retryAmbiguous, handlers, new LogicalSend(id, route, planned.Kind, planned.Messages), synqtel, qserve));
    }

    /// <summary>
    /// The schedule of <paramref name="seed"/>: the same seed always gives the same schedule, so a failing one is
    /// replayed from its seed alone (KENYASMS_SEED).
    /// </summary>
    public static FaultSchedule Create(int seed) => Generator(seed).Generate(new PCG(Stream, (ulong)seed), null, out _);

    public AttemptBehavior[] AttemptsOf(SimulatorProvider provider) => provider == SimulatorProvider.Synqtel ? SynqtelAttempts : QserveAttempts;

    public override string ToString() =>
        $"{Send} (MaxRetryAttempts {MaxRetryAttempts}, RetryAmbiguousSends {RetryAmbiguousSends}, application handlers {Handlers})\n  synqtel attempts: {string.Join(", ", SynqtelAttempts)}\n  qserve attempts: {string.Join(", ", QserveAttempts)}";

    /// <summary>The behaviours of <paramref name="count"/> attempts, drawn with the schedules' odds.</summary>
    public static Gen<AttemptBehavior[]> Attempts(int count) => Behavior.Array[count];

    private static string? ClientReference(bool has, int seed, int message) =>
        has ? $"ref-{seed.ToString("x", CultureInfo.InvariantCulture)}-{message}" : null;

    // Distinct numbers in mixed forms; now and then the same number twice in another form, or an invalid one.
    private static Gen<string[]> Recipients(int count) => Gen.Select(
        Number.Array[count].Where(to => to.Distinct(StringComparer.Ordinal).Count() == to.Length),
        Insertion,
        Insertion,
        (numbers, again, invalid) =>
        {
            var to = new List<string>(numbers);
            if (again is int a)
            {
                to.Insert(a % (to.Count + 1), "+" + PhoneNumber.Parse(to[0]).Msisdn);
            }

            if (invalid is int i)
            {
                to.Insert(i % (to.Count + 1), "0722-12");
            }

            return to.ToArray();
        });
}
