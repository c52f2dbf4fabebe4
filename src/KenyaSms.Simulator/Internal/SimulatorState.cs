namespace KenyaSms.Simulator.Internal;

/// <summary>
/// The accounts behind both providers: credentials, credits, special numbers, message ids. Providers handle one
/// request at a time under <see cref="Gate"/>, so a request is checked, charged and recorded as one step.
/// </summary>
internal sealed class SimulatorState
{
    // The first id matches the reference's sendsms example.
    private const long FirstMessageId = 8_738_598;

    private readonly HashSet<PhoneNumber> _dnd;
    private readonly HashSet<PhoneNumber> _undeliverable;
    private readonly HashSet<MobileNetwork> _blocked;
    private readonly HashSet<string> _senderNames;
    private readonly long _initialQserveCredits;
    private readonly long _initialSynqtelCredits;
    private readonly SimulatorLedger _ledger;
    private readonly DeliveryReporter _reporter;
    private long _qserveCredits;
    private long _synqtelCredits;
    private long _nextMessageId = FirstMessageId;

    public SimulatorState(SmsSimulatorOptions options, SimulatorLedger ledger, DeliveryReporter reporter)
    {
        QserveUsername = Required(options.QserveUsername, nameof(options.QserveUsername));
        QserveApiKey = Required(options.QserveApiKey, nameof(options.QserveApiKey));
        SynqtelApiKey = Required(options.SynqtelApiKey, nameof(options.SynqtelApiKey));
        SynqtelAccountSuspended = options.SynqtelAccountSuspended;
        _dnd = Numbers(options.DndNumbers, nameof(options.DndNumbers));
        _undeliverable = Numbers(options.UndeliverableNumbers, nameof(options.UndeliverableNumbers));
        _blocked = [.. options.BlockedNetworks];
        _senderNames = new HashSet<string>(options.SynqtelSenderNames, StringComparer.Ordinal);
        _initialQserveCredits = _qserveCredits = options.QserveCredits;
        _initialSynqtelCredits = _synqtelCredits = options.SynqtelCredits;
        _ledger = ledger;
        _reporter = reporter;
    }

    public object Gate { get; } = new();

    public string QserveUsername { get; }

    public string QserveApiKey { get; }

    public string SynqtelApiKey { get; }

    public bool SynqtelAccountSuspended { get; }

    public long GetCredits(SimulatorProvider provider) => Interlocked.Read(ref Balance(provider));

    public void SetCredits(SimulatorProvider provider, long credits) => Interlocked.Exchange(ref Balance(provider), credits);

    public void ResetCredits()
    {
        SetCredits(SimulatorProvider.Qserve, _initialQserveCredits);
        SetCredits(SimulatorProvider.Synqtel, _initialSynqtelCredits);
    }

    /// <summary>Takes <paramref name="cost"/> credits if the balance covers them; called under <see cref="Gate"/>.</summary>
    public bool TryCharge(SimulatorProvider provider, long cost)
    {
        if (cost > GetCredits(provider))
        {
            return false;
        }

        Interlocked.Add(ref Balance(provider), -cost);
        return true;
    }

    public bool IsDnd(PhoneNumber number) => _dnd.Contains(number);

    public bool IsBlocked(PhoneNumber number) => _blocked.Contains(number.Network);

    public bool IsSenderAllowed(string sender) => _senderNames.Count == 0 || _senderNames.Contains(sender);

    /// <summary>Records an accepted message and, for Synqtel, schedules its delivery report.</summary>
    public SimulatorMessage Accept(SimulatorProvider provider, RequestTicket ticket, PhoneNumber mobile, string text, string sender, string? clientReference, int segments)
    {
        long id = Interlocked.Increment(ref _nextMessageId) - 1;
        var message = new SimulatorMessage(Formats.Integer(id), provider, mobile.E164, text, sender, clientReference, segments, ticket.Index, _ledger.Now());
        _ledger.AddMessage(message);
        if (provider == SimulatorProvider.Synqtel)
        {
            _reporter.Schedule(message, delivered: !_undeliverable.Contains(mobile));
        }

        return message;
    }

    private ref long Balance(SimulatorProvider provider) =>
        ref provider == SimulatorProvider.Qserve ? ref _qserveCredits : ref _synqtelCredits;

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"SmsSimulatorOptions.{name} is required.", name) : value;

    private static HashSet<PhoneNumber> Numbers(IEnumerable<string> values, string name)
    {
        var set = new HashSet<PhoneNumber>();
        foreach (string value in values)
        {
            if (!PhoneNumber.TryParse(value, out PhoneNumber number))
            {
                throw new ArgumentException($"SmsSimulatorOptions.{name}: '{value}' is not a Kenyan mobile number.", name);
            }

            set.Add(number);
        }

        return set;
    }
}
