namespace KenyaSms.Synqtel;

/// <summary>What Synqtel says about a phone number.</summary>
public sealed class PhoneNumberLookup
{
    /// <summary>Creates a lookup result.</summary>
    /// <param name="phoneNumber">E.164 when valid, else the input as given.</param>
    /// <param name="isValid">Whether the number is a valid mobile number.</param>
    /// <param name="network">The network the number is on.</param>
    /// <param name="providerNetworkId">The provider's raw network id, e.g. <c>"1"</c>.</param>
    public PhoneNumberLookup(string phoneNumber, bool isValid, MobileNetwork network, string? providerNetworkId)
    {
        Throw.IfNull(phoneNumber);
        PhoneNumber = phoneNumber;
        IsValid = isValid;
        Network = network;
        ProviderNetworkId = providerNetworkId;
    }

    /// <summary>E.164 when valid, else the input as given.</summary>
    public string PhoneNumber { get; }

    /// <summary>Whether the number is a valid mobile number.</summary>
    public bool IsValid { get; }

    /// <summary>The network the provider reports (or, when it reports an id the SDK does not know, the one the prefix was allocated to).</summary>
    public MobileNetwork Network { get; }

    /// <summary>The provider's raw network id, e.g. <c>"1"</c>.</summary>
    public string? ProviderNetworkId { get; }

    /// <summary>Describes the lookup with the number masked.</summary>
    /// <returns>A log-safe description.</returns>
    public override string ToString() =>
        $"PhoneNumberLookup {{ PhoneNumber = {Telemetry.Redact.Phone(PhoneNumber)}, IsValid = {IsValid}, Network = {Network} }}";
}
