using KenyaSms;
using KenyaSms.Ledger;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the send ledger that makes sends with an <see cref="SmsMessage.IdempotencyKey"/> happen once.</summary>
public static class KenyaSmsSendLedgerBuilderExtensions
{
    /// <summary>
    /// A ledger kept in this process's memory: a repeated send within the process is a replay, but a restart forgets
    /// everything. For tests and single-process apps; use <c>AddSqliteSendLedger</c> (one machine) or
    /// <c>AddPostgreSqlSendLedger</c> (many) for jobs that must survive restarts.
    /// </summary>
    /// <param name="builder">The KenyaSms builder.</param>
    /// <param name="configure">Adjusts the lease and retention.</param>
    /// <returns>The builder.</returns>
    public static IKenyaSmsBuilder AddInMemorySendLedger(this IKenyaSmsBuilder builder, Action<SmsSendLedgerOptions>? configure = null) =>
        SendLedgerRegistration.Add(builder, static _ => new InMemorySmsSendLedger(), configure);
}
