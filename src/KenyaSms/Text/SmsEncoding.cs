namespace KenyaSms;

/// <summary>How an SMS text is encoded on the air.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 default alphabet with its extension table (7-bit septets).</summary>
    Gsm7,

    /// <summary>UCS-2 (UTF-16 code units), used when any character is outside GSM-7.</summary>
    Ucs2,
}
