using System.Globalization;
using KenyaSms.Sending;

namespace KenyaSms.Testing;

/// <summary>
/// An <see cref="ISmsGateway"/> for unit tests: validates messages exactly like the real gateways
/// (same <see cref="ArgumentException"/>s, invalid numbers rejected, duplicates sent once), records every
/// SMS it accepts, and can be scripted to reject numbers, fail sends and report a balance. Thread-safe.
/// </summary>
public sealed class FakeSmsGateway : ISmsGateway, ISmsMessageRules
{
    private readonly object _gate = new();
    private readonly List<FakeSentSms> _sent = [];
    private readonly List<SmsMessage> _messages = [];
    private readonly Dictionary<PhoneNumber, SmsErrorCode> _rejections = [];
    private readonly Queue<SmsGatewayException> _failures = new();
    private decimal _balance = 10_000m;
    private long _nextMessageId;

    /// <summary>Creates a fake.</summary>
    /// <param name="name">The provider key it reports (default <c>"fake"</c>).</param>
    public FakeSmsGateway(string name = "fake")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public SmsGatewayCapabilities Capabilities { get; init; } =
        SmsGatewayCapabilities.Bulk | SmsGatewayCapabilities.PersonalizedBatch | SmsGatewayCapabilities.ClientReference | SmsGatewayCapabilities.Balance;

    /// <summary>The sender ID used when a message has none. Default <c>"FAKE"</c>.</summary>
    public string DefaultSenderId { get; init; } = "FAKE";

    /// <summary>The longest text accepted, in segments (the real gateways allow 6). Default 6.</summary>
    public int MaxSegments { get; init; } = 6;

    /// <summary>Every SMS accepted so far (one per recipient), in order.</summary>
    public IReadOnlyList<FakeSentSms> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Every message passed to a send call that got past validation, in order (including failed ones).</summary>
    public IReadOnlyList<SmsMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The balance <see cref="GetBalanceAsync"/> reports; each accepted segment costs one credit.</summary>
    public decimal Balance
    {
        get
        {
            lock (_gate)
            {
                return _balance;
            }
        }
    }

    /// <summary>Rejects these numbers (any common form) with <paramref name="error"/>, as a provider would (e.g. DND).</summary>
    /// <param name="error">The recipient-level error, e.g. <see cref="SmsErrorCode.DoNotDisturb"/>.</param>
    /// <param name="numbers">The numbers.</param>
    /// <returns>This fake.</returns>
    /// <exception cref="ArgumentException">A number is not a valid Kenyan mobile number.</exception>
    public FakeSmsGateway RejectNumbers(SmsErrorCode error, params string[] numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        lock (_gate)
        {
            foreach (string n in numbers)
            {
                _rejections[PhoneNumber.TryParse(n, out PhoneNumber p) ? p : throw new ArgumentException($"'{n}' is not a Kenyan mobile number.", nameof(numbers))] = error;
            }
        }

        return this;
    }

    /// <summary>Makes the next send call (after validation) throw an <see cref="SmsGatewayException"/>; calls queue up.</summary>
    /// <param name="error">The error.</param>
    /// <param name="mayHaveBeenSent">Whether the failure leaves it open that the provider took the send.</param>
    /// <param name="isTransient">Whether a retry may succeed.</param>
    /// <returns>This fake.</returns>
    public FakeSmsGateway FailNextSend(SmsErrorCode error, bool mayHaveBeenSent = false, bool isTransient = false)
    {
        lock (_gate)
        {
            _failures.Enqueue(new SmsGatewayException(Name, error, $"{Name}: scripted failure {error}.", providerCode: "fake:" + error, isTransient: isTransient, mayHaveBeenSent: mayHaveBeenSent));
        }

        return this;
    }

    /// <summary>Sets the balance.</summary>
    /// <param name="credits">The credits.</param>
    /// <returns>This fake.</returns>
    public FakeSmsGateway SetBalance(decimal credits)
    {
        lock (_gate)
        {
            _balance = credits;
        }

        return this;
    }

    /// <summary>Forgets every recorded message (scripted rejections, failures and the balance stay).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _sent.Clear();
            _messages.Clear();
        }
    }

    /// <inheritdoc/>
    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        PreparedMessage prepared = PreparedMessage.Prepare(message, DefaultSenderId, MaxSegments, Name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Record([prepared]));
    }

    /// <inheritdoc/>
    public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        List<PreparedMessage> prepared = PreparedMessage.PrepareBatch(messages, DefaultSenderId, MaxSegments, Name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Record(prepared));
    }

    /// <inheritdoc/>
    string? ISmsMessageRules.Refusal(SmsMessage message) =>
        PreparedMessage.Refusal(message, DefaultSenderId, MaxSegments, Name, out _, out _);

    /// <inheritdoc/>
    public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new SmsBalance(Name, Balance));
    }

    private SmsSendResult Record(List<PreparedMessage> messages)
    {
        lock (_gate)
        {
            _messages.AddRange(messages.Select(m => m.Message));
            if (_failures.TryDequeue(out SmsGatewayException? failure))
            {
                throw failure;
            }

            var all = new List<SmsRecipientResult>();
            foreach (PreparedMessage m in messages)
            {
                var unique = new SmsRecipientResult[m.Unique.Count];
                for (int i = 0; i < unique.Length; i++)
                {
                    PhoneNumber number = m.Unique[i];
                    if (_rejections.TryGetValue(number, out SmsErrorCode error))
                    {
                        var rejected = new SmsStatus(Name, "fake:" + error, $"Rejected by the fake: {error}.", error, IsSuccess: false, IsTransient: false);
                        unique[i] = new SmsRecipientResult(number.E164, rejected, clientReference: m.Message.ClientReference, network: number.Network);
                        continue;
                    }

                    string id = (++_nextMessageId).ToString(CultureInfo.InvariantCulture);
                    _balance -= m.Segments.Segments;
                    _sent.Add(new FakeSentSms(number.E164, m.Message.Text, m.SenderId, m.Message.ClientReference, id, m.Segments.Segments));
                    var accepted = new SmsStatus(Name, "fake:ok", "Accepted by the fake.", SmsErrorCode.None, IsSuccess: true, IsTransient: false);
                    unique[i] = new SmsRecipientResult(number.E164, accepted, id, m.Message.ClientReference, m.Segments.Segments, number.Network);
                }

                m.Expand(unique, Name, all);
            }

            return new SmsSendResult(Name, all, _balance);
        }
    }
}
