namespace KenyaSms;

/// <summary>An account's remaining credits.</summary>
/// <param name="Provider">The provider that reported the balance.</param>
/// <param name="Credits">The remaining credits; may be negative on post-paid accounts.</param>
public sealed record SmsBalance(string Provider, decimal Credits);
