using System.Globalization;

namespace KenyaSms.Simulator.Synqtel;

/// <summary>The reference's "Status Codes" table: code, Status ID (code - 999) and description.</summary>
internal static class SynqtelCodes
{
    public const int Success = 1000;
    public const int InvalidShortCode = 1001;
    public const int NetworkNotAllowed = 1002;
    public const int InvalidMobile = 1003;
    public const int LowCredits = 1004;
    public const int InternalError = 1005;
    public const int InvalidCredentials = 1006;
    public const int DataTypeNotSupported = 1009;
    public const int RequestTypeNotSupported = 1010;
    public const int Suspended = 1011;
    public const int Dnd = 1012;
    public const int InvalidApiKey = 1013;

    private static readonly string[] Descriptions =
    [
        "Success", "Invalid short code", "Network not allowed", "Invalid mobile number", "Low bulk credits",
        "Internal system error", "Invalid credentials", "Db connection failed", "Db selection failed",
        "Data type not supported", "Request type not supported", "Invalid user state or account suspended",
        "Mobile number in DND", "Invalid API Key", "IP not allowed",
    ];

    public static string Description(int code) =>
        code is >= Success and <= 1014 ? Descriptions[code - Success] : "Unknown error";

    /// <summary>The table's "Status ID" column, used as sendmultiple's <c>schedule_status</c>: 1 for 1000, 13 for 1012.</summary>
    public static string StatusId(int code) => (code - 999).ToString(CultureInfo.InvariantCulture);

    public static string Text(int code) => code.ToString(CultureInfo.InvariantCulture);
}
