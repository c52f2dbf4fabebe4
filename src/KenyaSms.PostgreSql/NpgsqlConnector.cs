using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KenyaSms.PostgreSql;

/// <summary>
/// How every store of this package reaches PostgreSQL: the connection string checked once at registration (never
/// echoed: it may hold a password), a data source with arrays enabled (the stores pass batches as arrays), and the
/// schema of <see cref="PostgreSqlSendLedgerOptions"/>, shared by the send ledger and the suppression list.
/// </summary>
internal static class NpgsqlConnector
{
    /// <summary>Checks <paramref name="connectionString"/> for the store named <paramref name="store"/> (e.g. "send ledger").</summary>
    /// <returns>The connection string as Npgsql reads it.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or unreadable; the message never shows it.</exception>
    public static string Parse(string connectionString, string store)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"The PostgreSQL {store} needs a connection string, e.g. \"Host=db;Database=app;Username=app;Password=...\".", nameof(connectionString));
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL {store}'s connection string could not be read ({e.GetType().Name}); check its keywords and values. It is not shown because it may hold a password.", nameof(connectionString));
        }
    }

    /// <summary>A data source for a connection string <see cref="Parse"/> accepted; the store that owns it disposes it.</summary>
    public static NpgsqlDataSource CreateDataSource(string parsed) => new NpgsqlSlimDataSourceBuilder(parsed).EnableArrays().Build();

    /// <summary>The schema options (validated at start-up), as every store of this package registers them.</summary>
    public static void AddSchemaOptions(IServiceCollection services)
    {
        services.AddOptions<PostgreSqlSendLedgerOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlSendLedgerOptions>, PostgreSqlSendLedgerOptionsValidator>());
    }

    /// <summary>A store's tables in the configured schema, and its logger.</summary>
    public static (NpgsqlSchema Schema, ILogger Logger) Schema(IServiceProvider services, NpgsqlDataSource dataSource, NpgsqlSchemaDefinition definition, string category)
    {
        PostgreSqlSendLedgerOptions options = services.GetRequiredService<IOptions<PostgreSqlSendLedgerOptions>>().Value;
        ILogger logger = services.GetService<ILoggerFactory>()?.CreateLogger(category) ?? NullLogger.Instance;
        return (new NpgsqlSchema(dataSource, options, definition, logger), logger);
    }
}
