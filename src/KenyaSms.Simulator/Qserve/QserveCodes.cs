namespace KenyaSms.Simulator.Qserve;

/// <summary>The 254sms error codes, from the reference's "Errors" table, with their meanings.</summary>
internal static class QserveCodes
{
    public const string Success = "101";
    public const string MissingParameters = "X000";
    public const string UnknownKey = "X001";
    public const string KeyNotForDomain = "X002";
    public const string UnknownUser = "X003";

    public static string Description(string code) => code.ToUpperInvariant() switch
    {
        MissingParameters => "Some parameters are missing",
        UnknownKey => "Unknown or unvalid secret_key",
        KeyNotForDomain => "Unvalid secret_key for this domain",
        UnknownUser => "Unknown or unvalid user token",
        Success => "Success",
        _ => "Error",
    };
}
