namespace KenyaSms.Qserve;

/// <summary>The 254sms status codes, from the reference's "Errors" table plus its success code.</summary>
internal static class QserveStatusMap
{
    /// <summary>The provider key carried by every status this map produces.</summary>
    public const string Provider = "qserve";

    // Response-level codes (matched ignoring case), then messageDetails' "2", then the slot of unknown codes.
    private static readonly string[] Codes = ["101", "X000", "X001", "X002", "X003"];

    private static readonly StatusDefinition[] Definitions =
    [
        new(SmsErrorCode.None, "Success"),
        new(SmsErrorCode.MissingParameters, "Some parameters are missing"),
        new(SmsErrorCode.InvalidCredentials, "Unknown or invalid secret_key"),
        new(SmsErrorCode.CredentialsNotAllowedForDomain, "Invalid secret_key for this domain"),
        new(SmsErrorCode.InvalidUserToken, "Unknown or invalid user token"),
        new(SmsErrorCode.None, "Successfully Sent"),
        StatusDefinition.Unknown,
    ];

    private const int RecipientSent = 5, UnknownCode = 6;

    // The last status built per definition, shared by the recipients that get it.
    private static readonly SmsStatus?[] Shared = new SmsStatus?[Definitions.Length];

    /// <summary>Maps a response-level <c>statusCode</c> (<c>101</c>, <c>X000</c>-<c>X003</c>); never throws.</summary>
    public static SmsStatus Map(string? code, string? description)
    {
        string raw = code?.Trim() ?? string.Empty;
        return ToStatus(IndexOf(raw), raw, description);
    }

    /// <summary>
    /// Maps a <c>messageDetails</c> entry's code. There <c>2</c> ("Successfully Sent") means the recipient
    /// was accepted; any other value is read as a response-level code, else Unknown.
    /// </summary>
    public static SmsStatus MapRecipient(string? code, string? description)
    {
        string raw = code?.Trim() ?? string.Empty;
        return ToStatus(raw == "2" ? RecipientSent : IndexOf(raw), raw, description);
    }

    private static int IndexOf(string code)
    {
        for (int i = 0; i < Codes.Length; i++)
        {
            if (string.Equals(code, Codes[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return UnknownCode;
    }

    private static SmsStatus ToStatus(int index, string raw, string? description) =>
        Definitions[index].ToStatus(Provider, raw, description, ref Shared[index]);
}
