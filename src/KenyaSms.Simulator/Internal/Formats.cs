using System.Globalization;

namespace KenyaSms.Simulator.Internal;

/// <summary>Number formats the providers use on the wire, and the network ids the simulator gives out.</summary>
internal static class Formats
{
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>sendmultiple's <c>credit_balance</c>: <c>"-10615.0000"</c>.</summary>
    public static string FourDecimals(long value) => value.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>
    /// The reference documents only "1" (Safaricom, in its delivery-report example); the simulator numbers the
    /// others by <see cref="MobileNetwork"/>'s order: Airtel 2, Telkom 3, Equitel 4 ...
    /// </summary>
    public static string NetworkId(MobileNetwork network) =>
        network == MobileNetwork.Unknown ? string.Empty : ((int)network).ToString(CultureInfo.InvariantCulture);

    /// <summary>Africa's Talking's <c>messageId</c>: <c>ATXid_</c> and 32 hex digits, like the reference's examples.</summary>
    public static string AfricasTalkingMessageId(long id) => "ATXid_" + id.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>Africa's Talking's money: <c>"KES 0.8000"</c>.</summary>
    public static string Kes(decimal amount) => "KES " + amount.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>Africa's Talking's <c>networkCode</c> (MCC+MNC) for a Kenyan operator; empty when unknown.</summary>
    public static string AfricasTalkingNetworkCode(MobileNetwork network) => network switch
    {
        MobileNetwork.Safaricom => "63902",
        MobileNetwork.Airtel => "63903",
        MobileNetwork.Telkom => "63907",
        MobileNetwork.Equitel => "63999",
        _ => string.Empty,
    };
}
