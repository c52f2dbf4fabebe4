namespace KenyaSms;

/// <summary>
/// What the SDK knows about one provider code: the mapped error, the reference document's description
/// (used when the provider sends none), whether trying again later may succeed, and whether a recipient given this
/// status may nevertheless have been sent the message.
/// </summary>
internal readonly record struct StatusDefinition(SmsErrorCode Error, string Description, bool IsTransient = false, bool MayHaveBeenSent = false)
{
    /// <summary>
    /// The definition of every code a provider map does not know: never success, never transient, and "may have been
    /// sent" (a code nobody can read is no proof that the recipient did not get the message).
    /// </summary>
    public static readonly StatusDefinition Unknown = new(SmsErrorCode.Unknown, "Unknown status code", MayHaveBeenSent: true);

    /// <summary>Builds the public status, preferring the provider's own description when it sent one.</summary>
    /// <param name="provider">The canonical provider key.</param>
    /// <param name="code">The raw code, already trimmed.</param>
    /// <param name="description">The provider's description, if any.</param>
    public SmsStatus ToStatus(string provider, string code, string? description) => Create(provider, code, DescriptionFor(description));

    /// <summary>
    /// As <see cref="ToStatus(string, string, string?)"/>, but returns the status last built from this definition
    /// (kept in <paramref name="shared"/>) when it has the same provider, code and description: a batch's
    /// thousands of "1000 Success" recipients share one immutable <see cref="SmsStatus"/> instead of a record each.
    /// </summary>
    /// <param name="provider">The canonical provider key.</param>
    /// <param name="code">The raw code, already trimmed.</param>
    /// <param name="description">The provider's description, if any.</param>
    /// <param name="shared">This definition's slot in its map (one per definition, so the cache stays bounded).</param>
    public SmsStatus ToStatus(string provider, string code, string? description, ref SmsStatus? shared)
    {
        string text = DescriptionFor(description);
        SmsStatus? last = Volatile.Read(ref shared);
        if (last is not null
            && string.Equals(last.Code, code, StringComparison.Ordinal)
            && string.Equals(last.Description, text, StringComparison.Ordinal)
            && string.Equals(last.Provider, provider, StringComparison.Ordinal))
        {
            return last;
        }

        SmsStatus status = Create(provider, code, text);
        Volatile.Write(ref shared, status);
        return status;
    }

    private SmsStatus Create(string provider, string code, string description) =>
        new(provider, code, description, Error, IsSuccess: Error == SmsErrorCode.None, IsTransient) { MayHaveBeenSent = MayHaveBeenSent };

    private string DescriptionFor(string? description) =>
        description is null || string.IsNullOrWhiteSpace(description) ? Description : description.Trim();
}
