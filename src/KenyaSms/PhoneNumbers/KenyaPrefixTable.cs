namespace KenyaSms;

/// <summary>
/// The Kenyan mobile ranges and the operator each was originally allocated to, one arm per line of
/// <c>shared/data/ke-mobile-prefixes.txt</c> (Communications Authority of Kenya data via libphonenumber).
/// </summary>
internal static class KenyaPrefixTable
{
    // One bit per prefix 000-999 (bit p % 64 of word p / 64): set when NetworkOf(p) is a network.
    // A lookup rather than the switch's chain of comparisons: parsing asks this once per number.
    private static readonly ulong[] MobileBits = BuildMobileBits();

    /// <summary>True when the 3-digit NSN prefix is a mobile range (<see cref="NetworkOf"/> is not Unknown).</summary>
    /// <param name="prefix">The first three digits of the 9-digit national significant number (0 to 999).</param>
    /// <returns>True for a mobile range.</returns>
    internal static bool IsMobile(int prefix) => (MobileBits[prefix >> 6] & (1UL << prefix)) != 0;

    /// <summary>The operator of a 3-digit NSN prefix, or <see cref="MobileNetwork.Unknown"/> when it is not a mobile range.</summary>
    /// <param name="prefix">The first three digits of the 9-digit national significant number.</param>
    /// <returns>The network, or <see cref="MobileNetwork.Unknown"/>.</returns>
    internal static MobileNetwork NetworkOf(int prefix) => prefix switch
    {
        >= 100 and <= 108 => MobileNetwork.Airtel,
        >= 110 and <= 119 => MobileNetwork.Safaricom,
        120 => MobileNetwork.Telkom,
        121 => MobileNetwork.Infura,
        124 => MobileNetwork.Equitel,
        130 => MobileNetwork.NrgMedia,
        >= 140 and <= 145 => MobileNetwork.Safaricom,
        >= 180 and <= 189 => MobileNetwork.Safaricom,
        >= 700 and <= 729 => MobileNetwork.Safaricom,
        >= 730 and <= 739 => MobileNetwork.Airtel,
        >= 740 and <= 743 => MobileNetwork.Safaricom,
        744 => MobileNetwork.HomelandMedia,
        >= 745 and <= 746 => MobileNetwork.Safaricom,
        747 => MobileNetwork.Faiba,
        >= 748 and <= 749 => MobileNetwork.Safaricom,
        >= 750 and <= 756 => MobileNetwork.Airtel,
        >= 757 and <= 759 => MobileNetwork.Safaricom,
        760 => MobileNetwork.MobilePay,
        >= 761 and <= 762 => MobileNetwork.Airtel,
        >= 763 and <= 766 => MobileNetwork.Equitel,
        767 => MobileNetwork.SemaMobile,
        >= 768 and <= 769 => MobileNetwork.Safaricom,
        >= 770 and <= 779 => MobileNetwork.Telkom,
        >= 780 and <= 789 => MobileNetwork.Airtel,
        >= 790 and <= 799 => MobileNetwork.Safaricom,
        _ => MobileNetwork.Unknown,
    };

    private static ulong[] BuildMobileBits()
    {
        ulong[] bits = new ulong[(999 >> 6) + 1];
        for (int prefix = 0; prefix <= 999; prefix++)
        {
            if (NetworkOf(prefix) != MobileNetwork.Unknown)
            {
                bits[prefix >> 6] |= 1UL << prefix;
            }
        }

        return bits;
    }
}
