using KenyaSms.Policies;
using KenyaSms.PostgreSql;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL suppression list: opt-outs shared by every machine, checked by every gateway of the container.</summary>
public static class KenyaSmsPostgreSqlSuppressionListBuilderExtensions
{
    /// <summary>
    /// A suppression list in PostgreSQL, shared by every process and machine that registers the same database. Its
    /// table (<c>kenyasms_suppression_list</c>) lives in the schema of <see cref="PostgreSqlSendLedgerOptions"/>, beside
    /// the send ledger's, and is created on first use unless <see cref="PostgreSqlSendLedgerOptions.CreateSchema"/> is
    /// false (then apply the package's <c>sql/suppression-list/*.sql</c> files yourself). Every check is one statement,
    /// whatever the number of recipients. <c>KenyaSms:Suppression:AutoSuppress</c> (true/false) adds numbers from
    /// do-not-disturb rejections and from delivery reports saying the subscriber blacklisted the sender.
    /// </summary>
    /// <param name="builder">The KenyaSms builder.</param>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>"Host=db;Database=app;Username=app;Password=..."</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or unreadable (the message never shows it).</exception>
    /// <exception cref="InvalidOperationException">Another suppression list is already registered.</exception>
    public static IKenyaSmsBuilder AddPostgreSqlSuppressionList(this IKenyaSmsBuilder builder, string connectionString)
    {
        string parsed = NpgsqlConnector.Parse(connectionString, "suppression list");
        SuppressionListRegistration.Add(builder, sp =>
        {
            NpgsqlDataSource dataSource = NpgsqlConnector.CreateDataSource(parsed);
            NpgsqlSchema schema = NpgsqlConnector.Schema(sp, dataSource, NpgsqlSuppressionSchema.Definition, "KenyaSms.PostgreSql.NpgsqlSmsSuppressionList").Schema;
            return new NpgsqlSmsSuppressionList(dataSource, schema, sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        NpgsqlConnector.AddSchemaOptions(builder.Services);
        return builder;
    }
}
