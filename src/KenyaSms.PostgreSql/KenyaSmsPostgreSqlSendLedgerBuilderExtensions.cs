using KenyaSms;
using KenyaSms.Ledger;
using KenyaSms.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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
        string parsed = Parse(connectionString);
        SendLedgerRegistration.Add(builder, sp =>
        {
            PostgreSqlSendLedgerOptions options = sp.GetRequiredService<IOptions<PostgreSqlSendLedgerOptions>>().Value;
            ILogger logger = sp.GetService<ILoggerFactory>()?.CreateLogger("KenyaSms.PostgreSql.NpgsqlSmsSendLedger") ?? NullLogger.Instance;
            NpgsqlDataSource dataSource = new NpgsqlSlimDataSourceBuilder(parsed).EnableArrays().Build();
            return new NpgsqlSmsSendLedger(dataSource, new NpgsqlLedgerSchema(dataSource, options, logger));
        }, configure);
        builder.Services.AddOptions<PostgreSqlSendLedgerOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlSendLedgerOptions>, PostgreSqlSendLedgerOptionsValidator>());
        return builder;
    }

    // The connection string is never echoed: a message or an inner exception could carry its password into a log.
    private static string Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The PostgreSQL send ledger needs a connection string, e.g. \"Host=db;Database=app;Username=app;Password=...\".", nameof(connectionString));
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL send ledger's connection string could not be read ({e.GetType().Name}); check its keywords and values. It is not shown because it may hold a password.", nameof(connectionString));
        }
    }
}
