using System.Globalization;
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

    // Per-attempt odds: about 40 % normal answers, the rest spread over the faults.
    private static readonly (AttemptBehavior Behavior, int Weight)[] Weights =
    [
        (AttemptBehavior.Ok, 40),
        (AttemptBehavior.TooManyRequestsRetryAfterZero, 5),
        (AttemptBehavior.TooManyRequestsNoRetryAfter, 5),
        (AttemptBehavior.InternalServerError, 5),
        (AttemptBehavior.BadGateway, 4),
        (AttemptBehavior.ServiceUnavailable, 5),
        (AttemptBehavior.AbortAfterBody, 5),
        (AttemptBehavior.DelayPastTimeout, 3),
        (AttemptBehavior.DelayPastTimeoutUnprocessed, 3),
        (AttemptBehavior.GarbageBody, 4),
        (AttemptBehavior.TruncatedBody, 3),
        (AttemptBehavior.EmptyBody, 3),
        (AttemptBehavior.ProviderRefusal, 5),
        (AttemptBehavior.RefusedConnection, 7),
        (AttemptBehavior.RedirectSameHost, 3),
        (AttemptBehavior.RedirectElsewhere, 3),
    ];

    private static readonly int TotalWeight = Weights.Sum(w => w.Weight);

    // Mobile prefixes (after the leading 0) of several networks; every generated number is checked to parse.
    private static readonly string[] Prefixes = ["70", "71", "72", "74", "79", "11", "73", "75", "78"];

    public static FaultSchedule Create(int seed)
    {
        var random = new Random(seed);
        int retries = random.Next(100) switch
        {
            < 60 => 3,
            < 85 => 1,
            _ => 0,
        };
        bool retryAmbiguous = random.Next(100) < 10;
        ApplicationHandlers handlers = ApplicationHandlerSettings.All[random.Next(ApplicationHandlerSettings.All.Length)];
        Route route = random.Next(100) switch
        {
            < 35 => Route.Synqtel,
            < 65 => Route.Qserve,
            _ => Route.Failover,
        };
        SendKind kind = random.Next(100) switch
        {
            < 45 => SendKind.SingleRecipient,
            < 75 => SendKind.Bulk,
            _ => SendKind.Personalised,
        };

        string id = "seed " + seed.ToString(CultureInfo.InvariantCulture);
        string text = "rel " + seed.ToString("x", CultureInfo.InvariantCulture);
        PlannedMessage[] messages = kind switch
        {
            SendKind.SingleRecipient => [new([Number(random)], text, ClientReference(random, seed, 0))],
            SendKind.Bulk => [new(Recipients(random, random.Next(2, 5)), text, ClientReference(random, seed, 0))],
            _ => [.. Enumerable.Range(0, random.Next(2, 4)).Select(k => new PlannedMessage(Recipients(random, random.Next(1, 3)), $"{text} m{k}", ClientReference(random, seed, k)))],
        };

        return new FaultSchedule(seed, retries, retryAmbiguous, handlers, new LogicalSend(id, route, kind, messages), Attempts(random), Attempts(random));
    }

    public AttemptBehavior[] AttemptsOf(SimulatorProvider provider) => provider == SimulatorProvider.Synqtel ? SynqtelAttempts : QserveAttempts;

    public override string ToString() =>
        $"{Send} (MaxRetryAttempts {MaxRetryAttempts}, RetryAmbiguousSends {RetryAmbiguousSends}, application handlers {Handlers})\n  synqtel attempts: {string.Join(", ", SynqtelAttempts)}\n  qserve attempts: {string.Join(", ", QserveAttempts)}";

    /// <summary>The behaviours of <paramref name="count"/> attempts, drawn with the schedules' odds.</summary>
    public static AttemptBehavior[] DrawAttempts(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => Pick(random))];

    private static AttemptBehavior[] Attempts(Random random) => DrawAttempts(random, AttemptsPerProvider);

    private static AttemptBehavior Pick(Random random)
    {
        int roll = random.Next(TotalWeight);
        foreach ((AttemptBehavior behavior, int weight) in Weights)
        {
            if ((roll -= weight) < 0)
            {
                return behavior;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    // A few caller-given client references (the Synqtel single send then goes through sendmultiple).
    private static string? ClientReference(Random random, int seed, int message) =>
        random.Next(100) < 15 ? $"ref-{seed.ToString("x", CultureInfo.InvariantCulture)}-{message}" : null;

    // Distinct numbers in mixed forms; now and then the same number twice in another form, or an invalid one.
    private static string[] Recipients(Random random, int count)
    {
        var to = new List<string>();
        while (to.Count < count)
        {
            string next = Number(random);
            if (!to.Contains(next, StringComparer.Ordinal))
            {
                to.Add(next);
            }
        }

        if (random.Next(100) < 10)
        {
            to.Insert(random.Next(to.Count + 1), "+" + PhoneNumber.Parse(to[0]).Msisdn);
        }

        if (random.Next(100) < 10)
        {
            to.Insert(random.Next(to.Count + 1), "0722-12");
        }

        return [.. to];
    }

    // Now and then a number on the simulator's Do-Not-Disturb list, which Synqtel refuses for that recipient only.
    private static string Number(Random random)
    {
        string core = random.Next(100) < 6
            ? ReliabilityHost.DndNumbers[random.Next(ReliabilityHost.DndNumbers.Length)][1..]
            : Prefixes[random.Next(Prefixes.Length)] + random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
        string typed = random.Next(4) switch
        {
            0 => "0" + core,
            1 => "+254" + core,
            2 => "254" + core,
            _ => core,
        };
        return PhoneNumber.TryParse(typed, out _) ? typed : throw new InvalidOperationException($"generated an invalid number {typed}");
    }
}
