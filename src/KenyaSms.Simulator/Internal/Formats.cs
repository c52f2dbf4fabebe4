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
}
