using System.Globalization;
using KenyaSms.Policies;
using KenyaSms.Sending;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Testing;

/// <summary>
/// An <see cref="ISmsGateway"/> and <see cref="ISmsNumberLookup"/> for unit tests: validates messages exactly like the
/// real gateways (same <see cref="ArgumentException"/>s, invalid numbers rejected, duplicates sent once), answers with the
/// status codes the real gateway of the provider it is named for would give, records every SMS it accepts, and can be
/// scripted to reject numbers, fail sends and report a balance. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Statuses: a fake named <c>"synqtel"</c> answers as the Synqtel gateway does: <c>1000</c> / <c>1012</c> (do not disturb)
/// / <c>1003</c> / <c>1002</c> when the real one would use <c>sendsms</c> (one recipient, no client reference, no sending
/// policy active), and the <c>sendmultiple</c> schedule statuses <c>1</c> / <c>13</c> / <c>4</c> / <c>3</c> otherwise (both
/// <c>1012</c> and <c>13</c> are <see cref="SmsErrorCode.DoNotDisturb"/>). A fake named <c>"africastalking"</c> answers
/// <c>101</c> (accepted), <c>409</c> DoNotDisturbRejection, <c>406</c> UserInBlacklist (<see cref="SmsErrorCode.OptedOut"/>),
/// <c>403</c>, <c>407</c>, <c>401</c>, <c>405</c>, <c>402</c> and <c>500</c>. A fake named <c>"qserve"</c> (or <c>"254sms"</c>)
/// answers <c>2</c> "Successfully Sent", with no message ID and no cost, as 254sms does. A fake with any other name
/// (the default <c>"fake"</c>) answers with Synqtel's codes. A rejection the imitated provider never reports for one
/// recipient (e.g. <see cref="SmsErrorCode.DoNotDisturb"/> from 254sms, which delivers to DND numbers) carries the fake's
/// own code, <c>fake:</c> and the error's name, so a test never mistakes it for a provider's.
/// </para>
/// <para>
/// Sending policies: registered with <c>AddFakeSmsGateway()</c> next to <c>AddKenyaSms(...)</c>, the fake applies safe
/// mode and the suppression list (with <c>AutoSuppress</c>) exactly as a real gateway does: held-back recipients are
/// rejected with <see cref="SmsErrorCode.Suppressed"/> and never recorded as sent. Rate limits are not applied (the fake
/// answers at once), nor is the send ledger.
/// </para>
/// </remarks>
public sealed class FakeSmsGateway : ISmsGateway, ISmsNumberLookup, ISmsMessageRules
{
    // Synqtel's client_ref for a message without one: the real gateway generates a unique number; the fake counts from here.
    private const long ClientRefBase = 1_000_000_000_000_000_000;

    private readonly object _gate = new();
    private readonly List<FakeSentSms> _sent = [];
    private readonly List<SmsMessage> _messages = [];
    private readonly Dictionary<PhoneNumber, SmsErrorCode> _rejections = [];
    private readonly Queue<SmsGatewayException> _failures = new();
    private readonly FakeStatuses _statuses;
    private decimal _balance = 10_000m;
    private long _nextMessageId;
    private long _nextClientRef;
    private SendPolicies? _policies;
    private bool _ledger;

    /// <summary>Creates a fake.</summary>
    /// <param name="name">
    /// The provider key it reports (default <c>"fake"</c>). <c>"qserve"</c> (or <c>"254sms"</c>), <c>"synqtel"</c> and
    /// <c>"africastalking"</c> make it answer with that provider's status codes; any other name answers with Synqtel's.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public FakeSmsGateway(string name = "fake")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _statuses = FakeStatuses.For(name);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public SmsGatewayCapabilities Capabilities { get; init; } =
        SmsGatewayCapabilities.Bulk | SmsGatewayCapabilities.PersonalizedBatch | SmsGatewayCapabilities.ClientReference
        | SmsGatewayCapabilities.NumberLookup | SmsGatewayCapabilities.Balance;

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

    /// <summary>
    /// Rejects these numbers (any common form) with <paramref name="error"/>, as a provider would (e.g. DND), with the
    /// code the imitated provider gives for it (see the class remarks). A number rejected with
    /// <see cref="SmsErrorCode.InvalidPhoneNumber"/> is also reported invalid by <see cref="LookupAsync"/>.
    /// </summary>
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

    /// <summary>
    /// Makes the next send call that would reach the provider (after validation and the sending policies) throw an
    /// <see cref="SmsGatewayException"/>; calls queue up.
    /// </summary>
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
        SendPolicies? policies = ActivePolicies;

        // The path the Synqtel gateway takes: sendsms for one recipient without a reference (and without a keyed send under
        // a ledger, or a sending policy), sendmultiple for everything else. Its codes differ (1012 there, 13 here).
        bool single = prepared.Unique.Count == 1 && message.ClientReference is null && (message.IdempotencyKey is null || !Volatile.Read(ref _ledger)) && policies is null;
        return SendPreparedAsync([prepared], single, policies, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        List<PreparedMessage> prepared = PreparedMessage.PrepareBatch(messages, DefaultSenderId, MaxSegments, Name);
        return SendPreparedAsync(prepared, single: false, ActivePolicies, cancellationToken);
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

    /// <summary>
    /// Answers as Synqtel's number lookup does, without I/O: a text that is not a Kenyan mobile number is invalid (network
    /// Unknown, no network id), as the real gateway reports it without a request; a number given to
    /// <see cref="RejectNumbers"/> with <see cref="SmsErrorCode.InvalidPhoneNumber"/> is invalid (its prefix's network, no
    /// network id); every other number is valid, in E.164, on the network its prefix was allocated to, with the network id
    /// <c>"1"</c> for Safaricom (the only id Synqtel documents) and the <see cref="MobileNetwork"/> value for the others, as
    /// the KenyaSms simulator answers. Scripted send failures do not apply to lookups.
    /// </summary>
    /// <param name="mobile">The number, in any common Kenyan form.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>What the fake says about the number.</returns>
    /// <exception cref="ArgumentException"><paramref name="mobile"/> is null, empty or white space.</exception>
    public Task<PhoneNumberLookup> LookupAsync(string mobile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mobile);
        cancellationToken.ThrowIfCancellationRequested();
        if (!PhoneNumber.TryParse(mobile, out PhoneNumber number))
        {
            return Task.FromResult(new PhoneNumberLookup(mobile, isValid: false, MobileNetwork.Unknown, providerNetworkId: null));
        }

        bool invalid;
        lock (_gate)
        {
            invalid = _rejections.TryGetValue(number, out SmsErrorCode error) && error == SmsErrorCode.InvalidPhoneNumber;
        }

        string? networkId = invalid || number.Network == MobileNetwork.Unknown ? null : ((int)number.Network).ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(new PhoneNumberLookup(number.E164, isValid: !invalid, number.Network, networkId));
    }

    /// <summary>Takes the sending policies (and whether a send ledger is registered) from the container that hands the fake out.</summary>
    internal void Attach(IServiceProvider services)
    {
        // Without AddKenyaSms there are no policies to apply.
        SendPolicies? policies = services.GetService<SafeModeAllowlist>() is null ? null : SendPolicies.From(services, Name, maxMessagesPerSecond: null);
        bool ledger = services.GetService<IServiceProviderIsService>()?.IsService(typeof(ISmsSendLedger)) == true;
        lock (_gate)
        {
            _policies = policies;
            _ledger = ledger;
        }
    }

    private SendPolicies? ActivePolicies
    {
        get
        {
            lock (_gate)
            {
                return _policies is { IsActive: true } active ? active : null;
            }
        }
    }

    private async Task<SmsSendResult> SendPreparedAsync(List<PreparedMessage> messages, bool single, SendPolicies? policies, CancellationToken cancellationToken)
    {
        // One slot per distinct valid (message, number) pair; its position indexes `unique`, expanded to the inputs at the end.
        var items = new List<BatchSender.Slot>();
        for (int m = 0; m < messages.Count; m++)
        {
            for (int k = 0; k < messages[m].Unique.Count; k++)
            {
                items.Add(new BatchSender.Slot(m, k, ClientRefOf(messages[m], single), items.Count));
            }
        }

        var unique = new SmsRecipientResult?[items.Count];
        if (cancellationToken.IsCancellationRequested)
        {
            throw Canceled(messages, items, unique, cancellationToken);
        }

        int heldBack = 0;
        if (policies is not null && items.Count > 0)
        {
            try
            {
                heldBack = await policies.HoldBackAsync(Name, messages, items, unique!, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw Canceled(messages, items, unique, cancellationToken);
            }
        }

        // As a real gateway: no request (so no scripted failure) when no recipient is left to send to.
        bool request = heldBack < items.Count;
        List<BatchSender.Slot> open = heldBack == 0 ? items : [.. items.Where(s => unique[s.Position] is null)];
        SmsSendResult result;
        bool failed = false;
        lock (_gate)
        {
            _messages.AddRange(messages.Select(m => m.Message));
            if (request && _failures.TryDequeue(out SmsGatewayException? failure))
            {
                if (heldBack == 0)
                {
                    throw failure;
                }

                // Some recipients were held back: the failure is the others' alone, as data (what BatchSender does).
                failed = true;
                SmsStatus status = SdkStatus.RequestFailed(failure);
                foreach (BatchSender.Slot slot in open)
                {
                    PhoneNumber number = messages[slot.Message].Unique[slot.Unique];
                    unique[slot.Position] = new SmsRecipientResult(number.E164, status, clientReference: slot.ClientRef, network: number.Network);
                }
            }
            else if (request)
            {
                foreach (BatchSender.Slot slot in open)
                {
                    unique[slot.Position] = Answer(messages[slot.Message], messages[slot.Message].Unique[slot.Unique], slot.ClientRef, single);
                }
            }

            result = new SmsSendResult(Name, Expand(messages, unique!), _balance);
        }

        if (policies is not null && request && !failed)
        {
            await policies.AfterSendAsync(messages, open, unique!).ConfigureAwait(false);
        }

        return result;
    }

    // Called under _gate: the provider's answer for one number of one message, recorded when accepted.
    private SmsRecipientResult Answer(PreparedMessage message, PhoneNumber number, string? clientRef, bool single)
    {
        if (_rejections.TryGetValue(number, out SmsErrorCode error))
        {
            return new SmsRecipientResult(number.E164, _statuses.Rejected(Name, error, single), clientReference: clientRef, network: number.Network);
        }

        string id = (++_nextMessageId).ToString(CultureInfo.InvariantCulture);
        int segments = message.Segments.Segments;
        _balance -= segments;
        _sent.Add(new FakeSentSms(number.E164, message.Message.Text, message.SenderId, message.Message.ClientReference, id, segments));
        return _statuses.GivesMessageIds
            ? new SmsRecipientResult(number.E164, _statuses.Accepted(Name, single), id, clientRef, segments, number.Network)
            : new SmsRecipientResult(number.E164, _statuses.Accepted(Name, single), clientReference: clientRef, network: number.Network);
    }

    // The client reference a result carries: the caller's; on Synqtel's sendmultiple a generated one when there is none.
    private string? ClientRefOf(PreparedMessage message, bool single) =>
        message.Message.ClientReference
        ?? (_statuses.GeneratesClientRefs && !single
            ? (ClientRefBase + Interlocked.Increment(ref _nextClientRef)).ToString(CultureInfo.InvariantCulture)
            : null);

    private List<SmsRecipientResult> Expand(List<PreparedMessage> messages, SmsRecipientResult[] unique)
    {
        var all = new List<SmsRecipientResult>(messages.Sum(m => m.InputCount));
        int offset = 0;
        foreach (PreparedMessage m in messages)
        {
            m.Expand(new ArraySegment<SmsRecipientResult>(unique, offset, m.Unique.Count), Name, all);
            offset += m.Unique.Count;
        }

        return all;
    }

    // What a real gateway throws for a send cancelled before its request: nothing was sent, one result per input.
    private SmsSendCanceledException Canceled(List<PreparedMessage> messages, List<BatchSender.Slot> items, SmsRecipientResult?[] unique, CancellationToken cancellationToken)
    {
        foreach (BatchSender.Slot slot in items)
        {
            if (unique[slot.Position] is null)
            {
                PhoneNumber number = messages[slot.Message].Unique[slot.Unique];
                unique[slot.Position] = new SmsRecipientResult(number.E164, SdkStatus.Canceled(Name), clientReference: slot.ClientRef, network: number.Network);
            }
        }

        SmsSendResult partial;
        lock (_gate)
        {
            partial = new SmsSendResult(Name, Expand(messages, unique!), _balance);
        }

        return new SmsSendCanceledException(Name, $"The send through {Name} was cancelled by the caller: nothing reached the provider.",
            mayHaveBeenSent: false, partial, innerException: null, cancellationToken);
    }
}
