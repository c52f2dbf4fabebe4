using System.Security.Cryptography;
using System.Text;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Ledger;

/// <summary>
/// The claim / send / record protocol of api.md 8b for one provider request: claim the request's keyed pairs, send only
/// the ones held (a pair another send settled is answered from the ledger), record each outcome. A claim is committed
/// before the request goes out and no database lock is held during it.
/// </summary>
internal static class LedgerProtocol
{
    /// <summary>The pairs a request holds: each claim, and where its result goes.</summary>
    public sealed class Held(SendLedgerContext context, List<(SmsLedgerEntry Claim, int Position)> claims)
    {
        public SendLedgerContext Context { get; } = context;

        public List<(SmsLedgerEntry Claim, int Position)> Claims { get; } = claims;
    }

    /// <summary>True when any of <paramref name="messages"/> carries an idempotency key.</summary>
    public static bool AnyKey(List<PreparedMessage> messages)
    {
        foreach (PreparedMessage m in messages)
        {
            if (m.Message.IdempotencyKey is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Claims the keyed pairs of <paramref name="items"/>. Writes into <paramref name="all"/> the result of every pair it
    /// does not hold (settled earlier, in flight elsewhere, or a key reused for another text); returns the slots to send
    /// (held, or without a key) and the claims held. The ledger unreachable: <see cref="SmsErrorCode.LedgerUnavailable"/>,
    /// nothing sent. A claim is never cut short by the caller's token (it would leave pairs Sending for nothing): a
    /// cancellation seen after it releases what it claimed.
    /// </summary>
    public static async Task<(List<BatchSender.Slot> Send, Held? Held)> ClaimAsync(
        SendLedgerContext context, string provider, List<PreparedMessage> messages, List<BatchSender.Slot> items, SmsRecipientResult[] all, CancellationToken cancellationToken)
    {
        DateTimeOffset now = context.Time.GetUtcNow();
        string token = SendLedgerContext.NextToken();
        DateTimeOffset lease = now + context.Options.CurrentValue.Lease;
        var claims = new List<SmsLedgerEntry>(items.Count);
        var claimOf = new int[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            PreparedMessage message = messages[items[i].Message];
            if (message.Message.IdempotencyKey is not { } key)
            {
                claimOf[i] = -1;
                continue;
            }

            claimOf[i] = claims.Count;
            claims.Add(new SmsLedgerEntry(key, message.Unique[items[i].Unique].E164, SmsLedgerState.Sending, ContentHash(message), token)
            {
                LeaseExpires = lease,
                UpdatedAt = now,
            });
        }

        IReadOnlyList<SmsLedgerEntry> entries;
        try
        {
            entries = await context.Ledger.ClaimAsync(claims, now, CancellationToken.None).ConfigureAwait(false);
            if (entries.Count != claims.Count)
            {
                throw new InvalidOperationException($"The ledger answered {entries.Count} entries for {claims.Count} claims.");
            }
        }
#pragma warning disable CA1031 // Whatever the store throws, nothing was sent: that is the one thing the caller must learn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.LedgerClaimFailed(context.Logger, provider, claims.Count, ex.GetType().Name);
            throw new SmsGatewayException(provider, SmsErrorCode.LedgerUnavailable,
                $"{provider}: the send ledger could not be reached to claim {claims.Count} recipient(s) ({ex.GetType().Name}); nothing was sent, and trying again later is safe.",
                isTransient: true, mayHaveBeenSent: false, innerException: ex);
        }

        context.Retention.OnClaim(now); // KenyaSms:Ledger:Retention, at most hourly, in the background
        var send = new List<BatchSender.Slot>(items.Count);
        var held = new List<(SmsLedgerEntry, int)>(claims.Count);
        for (int i = 0; i < items.Count; i++)
        {
            BatchSender.Slot slot = items[i];
            if (claimOf[i] < 0)
            {
                send.Add(slot);
                continue;
            }

            SmsLedgerEntry claim = claims[claimOf[i]];
            SmsLedgerEntry entry = entries[claimOf[i]];
            if (entry.State == SmsLedgerState.Sending && entry.Token == token)
            {
                send.Add(slot);
                held.Add((claim, slot.Position));
                continue;
            }

            PhoneNumber number = messages[slot.Message].Unique[slot.Unique];
            all[slot.Position] = Answer(provider, claim, entry, number, slot.ClientRef);
        }

        var result = new Held(context, held);
        if (cancellationToken.IsCancellationRequested && held.Count > 0)
        {
            await ReleaseAsync(result, provider).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return (send, held.Count > 0 ? result : null);
    }

    /// <summary>
    /// Records the outcome of every held pair from its result in <paramref name="all"/>: accepted is Sent, a certain
    /// refusal for that recipient is Rejected, a failure that certainly sent nothing is NotSent, anything else Uncertain.
    /// Never throws: the result stands even if it cannot be written (the entry then reads as Uncertain after its lease).
    /// </summary>
    public static async Task RecordAsync(Held held, SmsRecipientResult?[] all, string provider)
    {
        DateTimeOffset now = held.Context.Time.GetUtcNow();
        var outcomes = new List<SmsLedgerEntry>(held.Claims.Count);
        foreach ((SmsLedgerEntry claim, int position) in held.Claims)
        {
            outcomes.Add(Outcome(claim, all[position], now));
        }

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await held.Context.Ledger.RecordAsync(outcomes, CancellationToken.None).ConfigureAwait(false);
                return;
            }
#pragma warning disable CA1031 // The provider already answered: its result is returned whatever the ledger does.
            catch (Exception ex) when (attempt < 3)
#pragma warning restore CA1031
            {
                Log.LedgerRecordRetrying(held.Context.Logger, provider, outcomes.Count, attempt, ex.GetType().Name);
            }
#pragma warning disable CA1031
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.LedgerRecordFailed(held.Context.Logger, provider, outcomes.Count, ex.GetType().Name);
                return;
            }
        }
    }

    // Claims taken but never used (the caller cancelled right after the claim): nothing was sent, so NotSent.
    private static async Task ReleaseAsync(Held held, string provider)
    {
        DateTimeOffset now = held.Context.Time.GetUtcNow();
        List<SmsLedgerEntry> released = held.Claims.ConvertAll(c => c.Claim with { State = SmsLedgerState.NotSent, UpdatedAt = now, Error = SmsErrorCode.Canceled });
        try
        {
            await held.Context.Ledger.RecordAsync(released, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Left Sending, the pairs read as Uncertain after the lease: never sent twice, only held back.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.LedgerRecordFailed(held.Context.Logger, provider, released.Count, ex.GetType().Name);
        }
    }

    private static SmsLedgerEntry Outcome(SmsLedgerEntry claim, SmsRecipientResult? result, DateTimeOffset now)
    {
        if (result is null)
        {
            // No result: the request's fate is unknown.
            return claim with { State = SmsLedgerState.Uncertain, UpdatedAt = now, Error = SmsErrorCode.OutcomeUnknown };
        }

        SmsStatus status = result.Status;
        SmsLedgerState state = result.IsAccepted ? SmsLedgerState.Sent
            : status.MayHaveBeenSent ? SmsLedgerState.Uncertain
            : status.Error is SmsErrorCode.InvalidPhoneNumber or SmsErrorCode.DoNotDisturb or SmsErrorCode.NetworkNotAllowed or SmsErrorCode.Suppressed ? SmsLedgerState.Rejected
            : SmsLedgerState.NotSent;
        return claim with
        {
            State = state,
            UpdatedAt = now,
            Provider = status.Provider,
            MessageId = result.MessageId,
            Cost = result.Cost,
            StatusCode = status.Code,
            Error = status.Error,
        };
    }

    // What the ledger says of a pair this send does not hold.
    private static SmsRecipientResult Answer(string provider, SmsLedgerEntry claim, SmsLedgerEntry entry, PhoneNumber number, string? clientRef)
    {
        if (!string.Equals(entry.ContentHash, claim.ContentHash, StringComparison.Ordinal))
        {
            return new SmsRecipientResult(number.E164, new SmsStatus(provider, "sdk:idempotency-conflict",
                "This idempotency key was already used for this number with another text or sender; not sent. Use a new key for a new message.",
                SmsErrorCode.IdempotencyConflict, IsSuccess: false, IsTransient: false), clientReference: clientRef, network: number.Network);
        }

        SmsStatus status = entry.State switch
        {
            SmsLedgerState.Sent => new SmsStatus(entry.Provider ?? provider, entry.StatusCode ?? "sdk:sent",
                "Sent earlier with this idempotency key; not sent again.", SmsErrorCode.None, IsSuccess: true, IsTransient: false),
            SmsLedgerState.Rejected => new SmsStatus(entry.Provider ?? provider, entry.StatusCode ?? "sdk:rejected",
                "Rejected earlier with this idempotency key; not sent again.", entry.Error, IsSuccess: false, IsTransient: false),
            _ => new SmsStatus(entry.Provider ?? provider, "sdk:outcome-unknown",
                "An earlier send with this idempotency key may have reached the provider (it is in flight, or its outcome was never recorded); not sent again. Check delivery reports, then release or mark it in the ledger.",
                SmsErrorCode.OutcomeUnknown, IsSuccess: false, IsTransient: false) { MayHaveBeenSent = true },
        };
        return new SmsRecipientResult(number.E164, status, entry.MessageId, clientRef, entry.Cost, number.Network) { IsReplay = true };
    }

    // What a key promises: this sender and this text. Hex of SHA-256 over both (the text itself is never stored).
    private static string ContentHash(PreparedMessage message)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(message.SenderId + "\n" + message.Message.Text);
#if NETSTANDARD2_0
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(bytes);
        return BitConverter.ToString(hash).Replace("-", string.Empty);
#else
        return Convert.ToHexString(SHA256.HashData(bytes));
#endif
    }
}
