namespace KenyaSms.Qserve;

/// <summary>The 254sms status codes, from the reference's "Errors" table plus its success code.</summary>
internal static class QserveStatusMap
{
    /// <summary>The provider key carried by every status this map produces.</summary>
    public const string Provider = "qserve";

    /// <summary>Maps a response-level <c>statusCode</c> (<c>101</c>, <c>X000</c>-<c>X003</c>); never throws.</summary>
    public static SmsStatus Map(string? code, string? description)
    {
        string raw = code?.Trim() ?? string.Empty;
        return Definition(raw).ToStatus(Provider, raw, description);
    }

    /// <summary>
    /// Maps a <c>messageDetails</c> entry's code. There <c>2</c> ("Successfully Sent") means the recipient
    /// was accepted; any other value is read as a response-level code, else Unknown.
    /// </summary>
    public static SmsStatus MapRecipient(string? code, string? description)
    {
        string raw = code?.Trim() ?? string.Empty;
        return raw == "2"
            ? new StatusDefinition(SmsErrorCode.None, "Successfully Sent").ToStatus(Provider, raw, description)
            : Definition(raw).ToStatus(Provider, raw, description);
    }

    private static StatusDefinition Definition(string code) => code.ToUpperInvariant() switch
    {
        "101" => new(SmsErrorCode.None, "Success"),
        "X000" => new(SmsErrorCode.MissingParameters, "Some parameters are missing"),
        "X001" => new(SmsErrorCode.InvalidCredentials, "Unknown or invalid secret_key"),
        "X002" => new(SmsErrorCode.CredentialsNotAllowedForDomain, "Invalid secret_key for this domain"),
        "X003" => new(SmsErrorCode.InvalidUserToken, "Unknown or invalid user token"),
        _ => StatusDefinition.Unknown,
    };
}
