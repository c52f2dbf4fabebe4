using System.Data.Common;
using KenyaSms.Cli.Hosting;
using KenyaSms.Policies;
using KenyaSms.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Cli.Suppression;

/// <summary>
/// The suppression list registered as an application registers it (<c>AddSqliteSuppressionList</c> or
/// <c>AddPostgreSqlSuppressionList</c>, same tables, same migrations), for one command. Store failures become exit
/// code 6 (<see cref="ExitCodes.Database"/>); the connection string is never printed.
/// </summary>
internal sealed class SuppressionSession : IAsyncDisposable
{
    private const int MaxSchemaBytes = 63;

    private readonly ServiceProvider _services;

    private SuppressionSession(ServiceProvider services, ISmsSuppressionList list, string description)
    {
        _services = services;
        List = list;
        Admin = (ISuppressionListAdmin)list;
        Description = description;
    }

    /// <summary>The list.</summary>
    public ISmsSuppressionList List { get; }

    /// <summary>Its operator-side operations: one entry, an all-or-nothing import.</summary>
    public ISuppressionListAdmin Admin { get; }

    /// <summary>Where the list is, for people: the SQLite file, or the PostgreSQL schema (never the connection string).</summary>
    public string Description { get; }

    /// <summary>Registers the chosen store; nothing is read or written yet.</summary>
    /// <param name="context">Where --verbose logs go and relative paths start.</param>
    /// <param name="choice">The store the command line names.</param>
    /// <param name="verbose">Whether to log the library's lines (numbers masked) to standard error.</param>
    /// <param name="createFile">Whether a SQLite file that does not exist yet may be created (adding does; checking and removing do not).</param>
    /// <returns>The session; dispose it.</returns>
    /// <exception cref="CliException">The SQLite file or its folder does not exist (exit 5), or --postgres-schema is not a schema name (exit 2).</exception>
    /// <exception cref="ArgumentException">The connection string cannot be read (exit 2; the message never shows it).</exception>
    public static SuppressionSession Open(CliContext context, SuppressionStoreChoice choice, bool verbose, bool createFile)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            if (verbose)
            {
                logging.AddProvider(new ErrorConsoleLoggerProvider(context.Error)).SetMinimumLevel(LogLevel.Debug);
            }
        });
        IKenyaSmsBuilder builder = services.AddKenyaSms();
        string description;
        if (choice.SqlitePath is { } typed)
        {
            string path = context.FullPath(typed);
            if (!createFile && !File.Exists(path))
            {
                throw new CliException(ExitCodes.MissingFile, $"The SQLite file '{path}' does not exist (check --sqlite; nothing has been suppressed in it).");
            }

            if (!Directory.Exists(Path.GetDirectoryName(path)))
            {
                throw new CliException(ExitCodes.MissingFile, $"The folder of the SQLite file '{path}' does not exist.");
            }

            builder.AddSqliteSuppressionList(new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString);
            description = "SQLite " + path;
        }
        else
        {
            string schema = choice.PostgresSchema ?? new PostgreSqlSendLedgerOptions().Schema;
            if (string.IsNullOrWhiteSpace(schema) || System.Text.Encoding.UTF8.GetByteCount(schema) > MaxSchemaBytes || schema.Contains('\0', StringComparison.Ordinal))
            {
                throw new CliException(ExitCodes.BadInput, $"--postgres-schema must be a PostgreSQL schema name of 1 to {MaxSchemaBytes} bytes.");
            }

            builder.AddPostgreSqlSuppressionList(choice.PostgresConnectionString!);
            services.Configure<PostgreSqlSendLedgerOptions>(o => o.Schema = schema);
            description = $"PostgreSQL, schema {schema}";
        }

        ServiceProvider provider = services.BuildServiceProvider();
        return new SuppressionSession(provider, provider.GetRequiredService<ISmsSuppressionList>(), description);
    }

    /// <summary>Runs a store operation; a database failure (or a schema from a newer package) ends the command with exit 6.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (DbException e)
        {
            throw new CliException(ExitCodes.Database, $"The suppression list's database failed: {e.Message}");
        }
        catch (InvalidOperationException e) when (e.Message.Contains("schema", StringComparison.Ordinal))
        {
            // The stores' migration refuses a schema written by a newer package.
            throw new CliException(ExitCodes.Database, e.Message);
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
