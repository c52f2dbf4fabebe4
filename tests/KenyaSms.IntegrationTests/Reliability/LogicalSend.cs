using System.Diagnostics;
using System.Globalization;

namespace KenyaSms.IntegrationTests.Reliability;

/// <summary>How a logical send calls the gateway.</summary>
public enum SendKind
{
    /// <summary><c>SendAsync</c> with one recipient.</summary>
    SingleRecipient,

    /// <summary><c>SendAsync</c> with one text to several recipients.</summary>
    Bulk,

    /// <summary><c>SendBatchAsync</c> with several messages, each its own text.</summary>
    Personalised,
}

/// <summary>One message of a logical send. Its text is unique across the run, so the ledger ties every accepted SMS to it.</summary>
public sealed record PlannedMessage(IReadOnlyList<string> To, string Text, string? ClientReference)
{
    /// <summary>The message's idempotency key (the send-ledger schedules set one; the others send without).</summary>
    public string? IdempotencyKey { get; init; }

    public SmsMessage ToMessage() => new(To, Text) { ClientReference = ClientReference, IdempotencyKey = IdempotencyKey };

    public override string ToString() =>
        $"\"{Text}\" to [{string.Join(", ", To)}]" + (ClientReference is null ? string.Empty : $" client_ref {ClientReference}")
        + (IdempotencyKey is null ? string.Empty : $" key {IdempotencyKey}");
}

/// <summary>One call an application makes, e.g. a bulk send through the failover chain.</summary>
public sealed record LogicalSend(string Id, Route Route, SendKind Kind, IReadOnlyList<PlannedMessage> Messages)
{
    public Task<SmsSendResult> RunAsync(ISmsGateway gateway, CancellationToken cancellationToken = default) => Kind == SendKind.Personalised
        ? gateway.SendBatchAsync(Messages.Select(m => m.ToMessage()), cancellationToken)
        : gateway.SendAsync(Messages[0].ToMessage(), cancellationToken);

    /// <summary>Runs the send and records how it ended; never throws. A call still running after <paramref name="guard"/> is recorded as a hang.</summary>
    public async Task<SendOutcome> RunRecordedAsync(ISmsGateway gateway, TimeSpan guard)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            SmsSendResult result = await RunAsync(gateway).WaitAsync(guard);
            return new SendOutcome(this, result, null, null, Stopwatch.GetElapsedTime(started));
        }
        catch (TimeoutException) when (Stopwatch.GetElapsedTime(started) >= guard)
        {
            return new SendOutcome(this, null, null, null, Stopwatch.GetElapsedTime(started));
        }
        catch (SmsGatewayException ex)
        {
            return new SendOutcome(this, null, ex, null, Stopwatch.GetElapsedTime(started));
        }
#pragma warning disable CA1031 // Anything else escaping is an I2 violation, reported by the audit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new SendOutcome(this, null, null, ex, Stopwatch.GetElapsedTime(started));
        }
    }

    public override string ToString() =>
        $"{Id}: {Kind} via {Route}: " + string.Join("; ", Messages.Select(m => m.ToString()));
}

/// <summary>How a logical send ended: a result, an <see cref="SmsGatewayException"/>, something else (a bug), or nothing (a hang).</summary>
public sealed record SendOutcome(LogicalSend Send, SmsSendResult? Result, SmsGatewayException? Failure, Exception? Unexpected, TimeSpan Elapsed)
{
    public bool Hung => Result is null && Failure is null && Unexpected is null;

    public override string ToString() => this switch
    {
        { Result: { } r } => $"result from {r.Provider}: " + string.Join(", ", r.Recipients.Select(Describe)),
        { Failure: { } f } => $"SmsGatewayException {f.Error} (provider {f.Provider}, HTTP {(f.HttpStatusCode is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "-")}, "
            + $"MayHaveBeenSent {f.MayHaveBeenSent}): {f.Message}",
        { Unexpected: { } e } => "unexpected " + e,
        _ => "no outcome (hang)",
    };

    private static string Describe(SmsRecipientResult r) =>
        r.IsAccepted ? $"{r.PhoneNumber} accepted" : $"{r.PhoneNumber} {r.Status.Code} (MayHaveBeenSent {r.Status.MayHaveBeenSent})";
}
