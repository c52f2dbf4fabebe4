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
    private readonly HashSet<PhoneNumber> _blacklisted;
    private readonly HashSet<string> _senderNames;
    private readonly HashSet<string> _senderIds;
    private readonly decimal _initialAtBalance;
    private readonly object _money = new();
    private decimal _atBalance;
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
        _blacklisted = Numbers(options.BlacklistedNumbers, nameof(options.BlacklistedNumbers));
        _blocked = [.. options.BlockedNetworks];
        _senderNames = new HashSet<string>(options.SynqtelSenderNames, StringComparer.Ordinal);
        _senderIds = new HashSet<string>(options.AfricasTalkingSenderIds, StringComparer.Ordinal);
        AfricasTalkingUsername = Required(options.AfricasTalkingUsername, nameof(options.AfricasTalkingUsername));
        AfricasTalkingApiKey = Required(options.AfricasTalkingApiKey, nameof(options.AfricasTalkingApiKey));
        AfricasTalkingCostPerPart = options.AfricasTalkingCostPerPart >= 0
            ? options.AfricasTalkingCostPerPart
            : throw new ArgumentException($"SmsSimulatorOptions.AfricasTalkingCostPerPart cannot be negative ({options.AfricasTalkingCostPerPart}).", nameof(options));
        _initialAtBalance = _atBalance = options.AfricasTalkingBalance;
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

    public string AfricasTalkingUsername { get; }

    public string AfricasTalkingApiKey { get; }

    public decimal AfricasTalkingCostPerPart { get; }

    /// <summary>Africa's Talking's balance in KES.</summary>
    public decimal GetMoney()
    {
        lock (_money)
        {
            return _atBalance;
        }
    }

    public void SetMoney(decimal balance)
    {
        lock (_money)
        {
            _atBalance = balance;
        }
    }

    /// <summary>Takes <paramref name="cost"/> KES if the balance covers it; called under <see cref="Gate"/>.</summary>
    public bool TryChargeMoney(decimal cost)
    {
        lock (_money)
        {
            if (cost > _atBalance)
            {
                return false;
            }

            _atBalance -= cost;
            return true;
        }
    }

    public long GetCredits(SimulatorProvider provider) => Interlocked.Read(ref Balance(provider));

    /// <summary>Credits, or KES for Africa's Talking.</summary>
    public decimal GetBalance(SimulatorProvider provider) => provider == SimulatorProvider.AfricasTalking ? GetMoney() : GetCredits(provider);

    public void SetCredits(SimulatorProvider provider, long credits) => Interlocked.Exchange(ref Balance(provider), credits);

    public void ResetCredits()
    {
        SetCredits(SimulatorProvider.Qserve, _initialQserveCredits);
        SetCredits(SimulatorProvider.Synqtel, _initialSynqtelCredits);
        SetMoney(_initialAtBalance);
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

    public bool IsBlacklisted(PhoneNumber number) => _blacklisted.Contains(number);

    public bool IsSenderIdAllowed(string sender) => _senderIds.Count == 0 || _senderIds.Contains(sender);

    public bool IsSenderAllowed(string sender) => _senderNames.Count == 0 || _senderNames.Contains(sender);

    /// <summary>Records an accepted message and, for Synqtel and Africa's Talking, schedules its delivery report.</summary>
    public SimulatorMessage Accept(SimulatorProvider provider, RequestTicket ticket, PhoneNumber mobile, string text, string sender, string? clientReference, int segments)
    {
        long id = Interlocked.Increment(ref _nextMessageId) - 1;
        string messageId = provider == SimulatorProvider.AfricasTalking ? Formats.AfricasTalkingMessageId(id) : Formats.Integer(id);
        var message = new SimulatorMessage(messageId, provider, mobile.E164, text, sender, clientReference, segments, ticket.Index, _ledger.Now());
        _ledger.AddMessage(message);
        if (provider != SimulatorProvider.Qserve)
        {
            _reporter.Schedule(message, delivered: !_undeliverable.Contains(mobile));
        }

        return message;
    }

    private ref long Balance(SimulatorProvider provider)
    {
        switch (provider)
        {
            case SimulatorProvider.Qserve:
                return ref _qserveCredits;
            case SimulatorProvider.Synqtel:
                return ref _synqtelCredits;
            default:
                throw new ArgumentException("Africa's Talking's balance is money (KES), not credits: use GetBalance and SetBalance.", nameof(provider));
        }
    }

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
