namespace KenyaSms;

/// <summary>Maps a provider's raw status code to an <see cref="SmsStatus"/>.</summary>
public static class SmsStatusMapper
{
    /// <summary>
    /// Maps <paramref name="code"/> as reported by <paramref name="provider"/>. An unknown provider or
    /// code maps to <see cref="SmsErrorCode.Unknown"/> (never success) with the raw code kept; never throws.
    /// </summary>
    /// <param name="provider">The provider key, e.g. <c>"qserve"</c> or <c>"synqtel"</c>.</param>
    /// <param name="code">The raw code, e.g. <c>"101"</c>, <c>"X001"</c>, <c>"1003"</c>.</param>
    /// <param name="description">The provider's description, if any; kept in <see cref="SmsStatus.Description"/>.</param>
    /// <returns>The mapped status.</returns>
    public static SmsStatus Map(string provider, string? code, string? description = null)
    {
        // STUB: filled in by the status-mapping work.
        return new SmsStatus(provider ?? string.Empty, code ?? string.Empty, description ?? string.Empty, SmsErrorCode.Unknown, false, false);
    }
}
