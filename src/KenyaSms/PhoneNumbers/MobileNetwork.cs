namespace KenyaSms;

/// <summary>The operator a Kenyan mobile number range was originally allocated to (numbers are portable).</summary>
public enum MobileNetwork
{
    /// <summary>Not known (not a valid number, or an unlisted range).</summary>
    Unknown,

    /// <summary>Safaricom.</summary>
    Safaricom,

    /// <summary>Airtel.</summary>
    Airtel,

    /// <summary>Telkom.</summary>
    Telkom,

    /// <summary>Finserve (Equitel).</summary>
    Equitel,

    /// <summary>JTL (Jamii Telecommunications, Faiba).</summary>
    Faiba,

    /// <summary>Homeland Media.</summary>
    HomelandMedia,

    /// <summary>Mobile Pay.</summary>
    MobilePay,

    /// <summary>Sema Mobile.</summary>
    SemaMobile,

    /// <summary>Infura.</summary>
    Infura,

    /// <summary>NRG Media Limited.</summary>
    NrgMedia,
}
