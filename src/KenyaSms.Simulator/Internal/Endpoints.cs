namespace KenyaSms.Simulator.Internal;

/// <summary>The endpoint names each provider serves, as they appear after its base address.</summary>
internal static class Endpoints
{
    public const string SendSms = "sendsms";
    public const string Credits = "credits";
    public const string SendMultiple = "sendmultiple";
    public const string Mobile = "mobile";
    public const string GetBalance = "getbalance";
    public const string Messaging = "messaging";
    public const string User = "user";

    private static readonly string[] Qserve = [SendSms, Credits];
    private static readonly string[] Synqtel = [SendSms, SendMultiple, Mobile, GetBalance];
    private static readonly string[] AfricasTalking = [Messaging, User];

    public static IReadOnlyList<string> Of(SimulatorProvider provider) => provider switch
    {
        SimulatorProvider.Qserve => Qserve,
        SimulatorProvider.Synqtel => Synqtel,
        _ => AfricasTalking,
    };
}
