using Microsoft.Extensions.Options;

namespace KenyaSms.PostgreSql;

/// <summary>A schema name PostgreSQL accepts: not empty, at most 63 bytes (longer names are silently cut).</summary>
internal sealed class PostgreSqlSendLedgerOptionsValidator : IValidateOptions<PostgreSqlSendLedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlSendLedgerOptions options) =>
        string.IsNullOrWhiteSpace(options.Schema) || System.Text.Encoding.UTF8.GetByteCount(options.Schema) > 63 || options.Schema.Contains('\0', StringComparison.Ordinal)
            ? ValidateOptionsResult.Fail("KenyaSms:Ledger:PostgreSql:Schema must be a PostgreSQL schema name of 1 to 63 bytes.")
            : ValidateOptionsResult.Success;
}
