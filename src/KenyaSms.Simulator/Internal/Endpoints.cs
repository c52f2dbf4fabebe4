namespace KenyaSms.Simulator.Internal;

/// <summary>The endpoint names each provider serves, as they appear after its base address.</summary>
internal static class Endpoints
{
    public const string SendSms = "sendsms";
    public const string Credits = "credits";
    public const string SendMultiple = "sendmultiple";
    public const string Mobile = "mobile";
    public const string GetBalance = "getbalance";

    private static readonly string[] Qserve = [SendSms, Credits];
    private static readonly string[] Synqtel = [SendSms, SendMultiple, Mobile, GetBalance];

    public static IReadOnlyList<string> Of(SimulatorProvider provider) => provider == SimulatorProvider.Qserve ? Qserve : Synqtel;
}
