using System.Globalization;

namespace KenyaSms.AfricasTalking;

/// <summary>
/// Africa's Talking's per-recipient status codes (shared/reference/africastalking-sms-api.md): 100-102 accepted, the
/// others rejected recipients mapped to the closest <see cref="SmsErrorCode"/>; 500 and 501 are transient and certainly
/// not sent. Also the one-word refusals of a whole request (<c>InvalidSenderId</c>).
/// </summary>
internal static class AfricasTalkingStatusMap
{
    /// <summary>The provider key carried by every status this map produces.</summary>
    public const string Provider = "africastalking";

    private static readonly int[] Codes = [100, 101, 102, 401, 402, 403, 404, 405, 406, 407, 409, 500, 501, 502];

    private static readonly StatusDefinition[] Definitions =
    [
        new(SmsErrorCode.None, "Processed"),
        new(SmsErrorCode.None, "Sent"),
        new(SmsErrorCode.None, "Queued"),
        new(SmsErrorCode.RiskHold, "RiskHold"),
        new(SmsErrorCode.InvalidSenderId, "InvalidSenderId"),
        new(SmsErrorCode.InvalidPhoneNumber, "InvalidPhoneNumber"),
        new(SmsErrorCode.InvalidPhoneNumber, "UnsupportedNumberType"),
        new(SmsErrorCode.InsufficientCredits, "InsufficientBalance"),
        new(SmsErrorCode.OptedOut, "UserInBlacklist"),
        new(SmsErrorCode.NetworkNotAllowed, "CouldNotRoute"),
        new(SmsErrorCode.DoNotDisturb, "DoNotDisturbRejection"),
        new(SmsErrorCode.ProviderInternalError, "InternalServerError", IsTransient: true),
        new(SmsErrorCode.ProviderInternalError, "GatewayError", IsTransient: true),
        new(SmsErrorCode.NetworkNotAllowed, "RejectedByGateway"),
    ];

    // The last status built per definition (the final slot: unknown codes), shared by the recipients that get it.
    private static readonly SmsStatus?[] Shared = new SmsStatus?[Definitions.Length + 1];

    /// <summary>
    /// Maps a recipient's <c>statusCode</c>; <paramref name="status"/> (the <c>status</c> word: <c>Success</c> for every
    /// accepted code) becomes the description. An unknown code is not success; never throws.
    /// </summary>
    public static SmsStatus Map(string? code, string? status)
    {
        string raw = code?.Trim() ?? string.Empty;
        int index = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? Array.IndexOf(Codes, number) : -1;
        int slot = index < 0 ? Definitions.Length : index;
        StatusDefinition definition = index < 0 ? StatusDefinition.Unknown : Definitions[index];
        return definition.ToStatus(Provider, raw, status, ref Shared[slot]);
    }

    /// <summary>
    /// Maps the one-word <c>Message</c> of a request AT refused as a whole (HTTP 201, no recipients), e.g.
    /// <c>InvalidSenderId</c>: a word of the per-recipient table maps as that code does, another one is Unknown. The word
    /// stays the status's code.
    /// </summary>
    public static SmsStatus MapRequestRefusal(string word)
    {
        int index = Array.FindIndex(Definitions, d => d.Error != SmsErrorCode.None && string.Equals(d.Description, word, StringComparison.OrdinalIgnoreCase));
        return (index < 0 ? StatusDefinition.Unknown : Definitions[index]).ToStatus(Provider, word, word);
    }
}
