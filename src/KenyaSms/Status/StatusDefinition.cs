namespace KenyaSms;

/// <summary>
/// What the SDK knows about one provider code: the mapped error, the reference document's description
/// (used when the provider sends none) and whether trying again later may succeed.
/// </summary>
internal readonly record struct StatusDefinition(SmsErrorCode Error, string Description, bool IsTransient = false)
{
    /// <summary>The definition of every code a provider map does not know: never success, never transient.</summary>
    public static readonly StatusDefinition Unknown = new(SmsErrorCode.Unknown, "Unknown status code");

    /// <summary>Builds the public status, preferring the provider's own description when it sent one.</summary>
    /// <param name="provider">The canonical provider key.</param>
    /// <param name="code">The raw code, already trimmed.</param>
    /// <param name="description">The provider's description, if any.</param>
    public SmsStatus ToStatus(string provider, string code, string? description) =>
        new(
            provider,
            code,
            description is null || string.IsNullOrWhiteSpace(description) ? Description : description.Trim(),
            Error,
            IsSuccess: Error == SmsErrorCode.None,
            IsTransient);
}
