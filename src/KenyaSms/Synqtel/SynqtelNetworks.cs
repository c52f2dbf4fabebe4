namespace KenyaSms.Synqtel;

/// <summary>Synqtel's numeric network ids. Only "1" = Safaricom is documented (the delivery-report example).</summary>
internal static class SynqtelNetworks
{
    public static MobileNetwork FromId(string? networkId, MobileNetwork fallback) => networkId?.Trim() switch
    {
        "1" => MobileNetwork.Safaricom,
        _ => fallback,
    };
}
