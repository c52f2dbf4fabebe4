using System.Globalization;

namespace KenyaSms.Simulator.AfricasTalking;

/// <summary>The reference's per-recipient status codes and their names.</summary>
internal static class AfricasTalkingCodes
{
    public const int Sent = 101;
    public const int Queued = 102;
    public const int InvalidPhoneNumber = 403;
    public const int InsufficientBalance = 405;
    public const int UserInBlacklist = 406;
    public const int CouldNotRoute = 407;
    public const int DoNotDisturbRejection = 409;

    private static readonly Dictionary<int, string> Names = new()
    {
        [100] = "Processed",
        [101] = "Sent",
        [102] = "Queued",
        [401] = "RiskHold",
        [402] = "InvalidSenderId",
        [403] = "InvalidPhoneNumber",
        [404] = "UnsupportedNumberType",
        [405] = "InsufficientBalance",
        [406] = "UserInBlacklist",
        [407] = "CouldNotRoute",
        [409] = "DoNotDisturbRejection",
        [500] = "InternalServerError",
        [501] = "GatewayError",
        [502] = "RejectedByGateway",
    };

    /// <summary>Whether <paramref name="code"/> is one of the table's per-recipient codes.</summary>
    public static bool IsRecipientCode(string code, out int number) =>
        int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out number) && Names.ContainsKey(number);

    /// <summary>The <c>status</c> word: <c>Success</c> for every accepted code (recorded for 101 and 102), else the code's name.</summary>
    public static string Status(int code) => code is >= 100 and <= 102 ? "Success" : Names[code];
}
