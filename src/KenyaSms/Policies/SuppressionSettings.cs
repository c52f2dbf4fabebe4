namespace KenyaSms.Policies;

/// <summary>
/// <c>KenyaSms:Suppression</c>: whether a do-not-disturb rejection (Synqtel 1012) and a delivery report saying the
/// subscriber blacklisted the sender add the number to the suppression list.
/// </summary>
internal sealed class SuppressionSettings
{
    public bool AutoSuppress { get; set; }
}
