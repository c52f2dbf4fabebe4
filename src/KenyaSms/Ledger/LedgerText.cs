namespace KenyaSms.Ledger;

/// <summary>
/// How the database stores (KenyaSms.Sqlite, KenyaSms.PostgreSql) write states and error codes: by name, so a
/// reordered enum never changes what a stored entry means.
/// </summary>
internal static class LedgerText
{
    public static SmsLedgerState State(string text) =>
        Enum.TryParse(text, out SmsLedgerState state) ? state : throw new InvalidOperationException($"The send ledger holds an unknown state '{text}'.");

    // An error code this version does not know (written by a newer one) reads as Unknown, never as success.
    public static SmsErrorCode Error(string text) => Enum.TryParse(text, out SmsErrorCode error) ? error : SmsErrorCode.Unknown;
}
