namespace KenyaSms;

/// <summary>Counts SMS segments the way the networks bill them.</summary>
public static class SmsSegmentation
{
    /// <summary>Analyses <paramref name="text"/> without allocating.</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The encoding, units and segments.</returns>
    public static SmsSegmentInfo Analyze(ReadOnlySpan<char> text)
    {
        // STUB: filled in by the segmentation work.
        int segments = text.Length <= 160 ? 1 : (text.Length + 152) / 153;
        return new SmsSegmentInfo(SmsEncoding.Gsm7, text.Length, segments, 0);
    }
}
