namespace KenyaSms.AspNetCore;

/// <summary>The progress order of <see cref="IDeliveryReportStore"/>: Unknown, then Submitted, then any final status.</summary>
internal static class DeliveryStatusOrder
{
    public static bool Advances(DeliveryStatus recorded, DeliveryStatus next) => Rank(next) > Rank(recorded);

    private static int Rank(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Unknown => 0,
        DeliveryStatus.Submitted => 1,
        _ => 2,
    };
}
