using System.CommandLine;
using System.CommandLine.Parsing;

namespace KenyaSms.Cli.Suppression;

/// <summary>
/// <c>--sqlite &lt;file&gt;</c> or <c>--postgres &lt;connection string&gt;</c> (with <c>--postgres-schema</c>): the store a
/// <c>suppress</c> command works on, the same one the application registers (exactly one is required). Each command
/// gets its own instances.
/// </summary>
internal sealed class SuppressionStoreOptions
{
    public Option<string?> Sqlite { get; } = new("--sqlite")
    {
        Description = "The SQLite file of AddSqliteSuppressionList (may be the send ledger's file)",
        HelpName = "file",
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "The Npgsql connection string of AddPostgreSqlSuppressionList (never printed; prefer a variable, e.g. --postgres \"$SMS_DB\")",
        HelpName = "connection string",
    };

    public Option<string?> PostgresSchema { get; } = new("--postgres-schema")
    {
        Description = "The PostgreSQL schema holding the list (PostgreSqlSendLedgerOptions.Schema; default public)",
        HelpName = "schema",
    };

    /// <summary>Adds the options to <paramref name="command"/>, with a check that exactly one store is given.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Sqlite);
        command.Options.Add(Postgres);
        command.Options.Add(PostgresSchema);
        command.Validators.Add(Check);
    }

    /// <summary>The store the command line names.</summary>
    public SuppressionStoreChoice Get(ParseResult parse) =>
        new(parse.GetValue(Sqlite), parse.GetValue(Postgres), parse.GetValue(PostgresSchema));

    private void Check(CommandResult result)
    {
        bool sqlite = result.GetResult(Sqlite) is not null;
        bool postgres = result.GetResult(Postgres) is not null;
        if (sqlite == postgres)
        {
            result.AddError("Give the store: either --sqlite <file> or --postgres <connection string> (exactly one).");
        }
        else if (sqlite && result.GetResult(PostgresSchema) is not null)
        {
            result.AddError("--postgres-schema is for --postgres; a SQLite file has no schemas.");
        }
    }
}

/// <summary>What the command line says about the store.</summary>
/// <param name="SqlitePath">The <c>--sqlite</c> file as typed, or null.</param>
/// <param name="PostgresConnectionString">The <c>--postgres</c> connection string, or null.</param>
/// <param name="PostgresSchema">The <c>--postgres-schema</c> value, or null for the default.</param>
internal sealed record SuppressionStoreChoice(string? SqlitePath, string? PostgresConnectionString, string? PostgresSchema);
