namespace KenyaSms;

/// <summary>An account's remaining credits, or money for a provider that counts money (Africa's Talking).</summary>
/// <param name="Provider">The provider that reported the balance.</param>
/// <param name="Credits">The remaining credits, or the amount of money when <see cref="Currency"/> is set; may be negative on post-paid accounts.</param>
public sealed record SmsBalance(string Provider, decimal Credits)
{
    /// <summary>The currency of <see cref="Credits"/> (e.g. <c>KES</c>) when the provider counts money; null for SMS credits.</summary>
    public string? Currency { get; init; }
}
