using System.Globalization;

namespace KenyaSms.Synqtel;

/// <summary>The Synqtel status codes, from the reference's "Status Codes" table.</summary>
internal static class SynqtelStatusMap
{
    /// <summary>The provider key carried by every status this map produces.</summary>
    public const string Provider = "synqtel";

    // schedule_status in sendmultiple replies holds the table's "Status ID": 1 is code 1000, 15 is 1014.
    private const int FirstStatusId = 1, LastStatusId = 15;

    // The table, in code order: Codes[i] is 1000 + i ("Status ID" i + 1).
    private static readonly string[] Codes =
        ["1000", "1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008", "1009", "1010", "1011", "1012", "1013", "1014"];

    private static readonly StatusDefinition[] Definitions =
    [
        new(SmsErrorCode.None, "Success"),
        new(SmsErrorCode.InvalidSenderId, "Invalid short code"),
        new(SmsErrorCode.NetworkNotAllowed, "Network not allowed"),
        new(SmsErrorCode.InvalidPhoneNumber, "Invalid mobile number"),
        new(SmsErrorCode.InsufficientCredits, "Low bulk credits"),
        new(SmsErrorCode.ProviderInternalError, "Internal system error", IsTransient: true),
        new(SmsErrorCode.InvalidCredentials, "Invalid credentials"),
        new(SmsErrorCode.ProviderInternalError, "Db connection failed", IsTransient: true),
        new(SmsErrorCode.ProviderInternalError, "Db selection failed", IsTransient: true),
        new(SmsErrorCode.UnsupportedDataType, "Data type not supported"),
        new(SmsErrorCode.UnsupportedRequestType, "Request type not supported"),
        new(SmsErrorCode.AccountSuspended, "Invalid user state or account suspended"),
        new(SmsErrorCode.DoNotDisturb, "Mobile number in DND"),
        new(SmsErrorCode.InvalidCredentials, "Invalid API Key"),
        new(SmsErrorCode.IpNotAllowed, "IP not allowed"),
    ];

    // The last status built per definition (the final slot: unknown codes), shared by the recipients that get it.
    private static readonly SmsStatus?[] Shared = new SmsStatus?[Definitions.Length + 1];

    /// <summary>Maps a <c>status_code</c> (<c>1000</c>-<c>1014</c>); never throws.</summary>
    public static SmsStatus Map(string? code, string? description)
    {
        string raw = code?.Trim() ?? string.Empty;
        return ToStatus(Array.IndexOf(Codes, raw), raw, description);
    }

    /// <summary>
    /// Maps a sendmultiple <c>schedule_status</c>: a Status ID (1-15) is read as its code (1000-1014),
    /// a value that already is a code is mapped as one; the raw value stays in <see cref="SmsStatus.Code"/>.
    /// </summary>
    public static SmsStatus MapSchedule(string? scheduleStatus, string? description)
    {
        string raw = scheduleStatus?.Trim() ?? string.Empty;
        int index = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && id is >= FirstStatusId and <= LastStatusId
            ? id - FirstStatusId
            : Array.IndexOf(Codes, raw);
        return ToStatus(index, raw, description);
    }

    private static SmsStatus ToStatus(int index, string raw, string? description)
    {
        int slot = index < 0 ? Definitions.Length : index;
        StatusDefinition definition = index < 0 ? StatusDefinition.Unknown : Definitions[index];
        return definition.ToStatus(Provider, raw, description, ref Shared[slot]);
    }
}
