namespace KenyaSms;

/// <summary>Features a gateway supports.</summary>
[Flags]
public enum SmsGatewayCapabilities
{
    /// <summary>No optional features.</summary>
    None = 0,

    /// <summary>One text to many recipients in one request.</summary>
    Bulk = 1,

    /// <summary>Different texts to different recipients in one request.</summary>
    PersonalizedBatch = 2,

    /// <summary>A caller-supplied reference is echoed back and in delivery reports.</summary>
    ClientReference = 4,

    /// <summary>The provider posts delivery reports.</summary>
    DeliveryReports = 8,

    /// <summary>The provider can validate a number and tell its network.</summary>
    NumberLookup = 16,

    /// <summary>The provider reports the account balance.</summary>
    Balance = 32,
}
