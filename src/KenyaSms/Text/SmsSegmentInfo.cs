namespace KenyaSms;

/// <summary>How a text is encoded and how many SMS segments (billing units) it takes.</summary>
/// <param name="Encoding">GSM-7 or UCS-2.</param>
/// <param name="Units">Septets (GSM-7) or UTF-16 code units (UCS-2).</param>
/// <param name="Segments">How many SMS the text is sent as (at least 1).</param>
/// <param name="RemainingUnits">How many more units fit before another segment is needed.</param>
public readonly record struct SmsSegmentInfo(SmsEncoding Encoding, int Units, int Segments, int RemainingUnits);
