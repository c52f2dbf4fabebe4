using KenyaSms;
using KenyaSms.Ledger;
using KenyaSms.PostgreSql;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL send ledger: sends with an <see cref="SmsMessage.IdempotencyKey"/> happen once across restarts, processes and machines.</summary>
public static class KenyaSmsPostgreSqlSendLedgerBuilderExtensions
{
    /// <summary>
    /// A ledger in PostgreSQL, shared by every process and machine that registers the same database. Its tables are
    /// created on first use in the schema of <see cref="PostgreSqlSendLedgerOptions"/> (default <c>public</c>); set
    /// <see cref="PostgreSqlSendLedgerOptions.CreateSchema"/> to false with
    /// <c>services.Configure&lt;PostgreSqlSendLedgerOptions&gt;(o =&gt; o.CreateSchema = false)</c> and apply the
    /// package's <c>sql/*.sql</c> files yourself if your team manages schemas.
    /// </summary>
    /// <param name="builder">The KenyaSms builder.</param>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>"Host=db;Database=app;Username=app;Password=..."</c>.</param>
    /// <param name="configure">Adjusts the lease and retention.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or unreadable (the message never shows it).</exception>
    public static IKenyaSmsBuilder AddPostgreSqlSendLedger(this IKenyaSmsBuilder builder, string connectionString, Action<SmsSendLedgerOptions>? configure = null)
    {
        string parsed = NpgsqlConnector.Parse(connectionString, "send ledger");
        SendLedgerRegistration.Add(builder, sp =>
        {
            NpgsqlDataSource dataSource = NpgsqlConnector.CreateDataSource(parsed);
            return new NpgsqlSmsSendLedger(dataSource, NpgsqlConnector.Schema(sp, dataSource, NpgsqlLedgerSchema.Definition, "KenyaSms.PostgreSql.NpgsqlSmsSendLedger").Schema);
        }, configure);
        NpgsqlConnector.AddSchemaOptions(builder.Services);
        return builder;
    }
}
