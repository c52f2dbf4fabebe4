using System.Globalization;

namespace KenyaSms.Synqtel;

/// <summary>The Synqtel status codes, from the reference's "Status Codes" table.</summary>
internal static class SynqtelStatusMap
{
    /// <summary>The provider key carried by every status this map produces.</summary>
    public const string Provider = "synqtel";

    // schedule_status in sendmultiple replies holds the table's "Status ID": 1 is code 1000, 15 is 1014.
    private const int FirstStatusId = 1, LastStatusId = 15, StatusIdToCode = 999;

    /// <summary>Maps a <c>status_code</c> (<c>1000</c>-<c>1014</c>); never throws.</summary>
    public static SmsStatus Map(string? code, string? description)
    {
        string raw = code?.Trim() ?? string.Empty;
        return Definition(raw).ToStatus(Provider, raw, description);
    }

    /// <summary>
    /// Maps a sendmultiple <c>schedule_status</c>: a Status ID (1-15) is read as its code (1000-1014),
    /// a value that already is a code is mapped as one; the raw value stays in <see cref="SmsStatus.Code"/>.
    /// </summary>
    public static SmsStatus MapSchedule(string? scheduleStatus, string? description)
    {
        string raw = scheduleStatus?.Trim() ?? string.Empty;
        string code = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && id is >= FirstStatusId and <= LastStatusId
            ? (id + StatusIdToCode).ToString(CultureInfo.InvariantCulture)
            : raw;
        return Definition(code).ToStatus(Provider, raw, description);
    }

    private static StatusDefinition Definition(string code) => code switch
    {
        "1000" => new(SmsErrorCode.None, "Success"),
        "1001" => new(SmsErrorCode.InvalidSenderId, "Invalid short code"),
        "1002" => new(SmsErrorCode.NetworkNotAllowed, "Network not allowed"),
        "1003" => new(SmsErrorCode.InvalidPhoneNumber, "Invalid mobile number"),
        "1004" => new(SmsErrorCode.InsufficientCredits, "Low bulk credits"),
        "1005" => new(SmsErrorCode.ProviderInternalError, "Internal system error", IsTransient: true),
        "1006" => new(SmsErrorCode.InvalidCredentials, "Invalid credentials"),
        "1007" => new(SmsErrorCode.ProviderInternalError, "Db connection failed", IsTransient: true),
        "1008" => new(SmsErrorCode.ProviderInternalError, "Db selection failed", IsTransient: true),
        "1009" => new(SmsErrorCode.UnsupportedDataType, "Data type not supported"),
        "1010" => new(SmsErrorCode.UnsupportedRequestType, "Request type not supported"),
        "1011" => new(SmsErrorCode.AccountSuspended, "Invalid user state or account suspended"),
        "1012" => new(SmsErrorCode.DoNotDisturb, "Mobile number in DND"),
        "1013" => new(SmsErrorCode.InvalidCredentials, "Invalid API Key"),
        "1014" => new(SmsErrorCode.IpNotAllowed, "IP not allowed"),
        _ => StatusDefinition.Unknown,
    };
}
