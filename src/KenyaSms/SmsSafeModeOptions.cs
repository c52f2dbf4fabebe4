namespace KenyaSms;

/// <summary>
/// Safe mode for development and staging; configuration section <c>KenyaSms:SafeMode</c>. With
/// <see cref="Enabled"/>, only <see cref="AllowedNumbers"/> receive SMS: every other recipient is a rejected result
/// (<see cref="SmsErrorCode.Suppressed"/>, "safe mode: not on the allowlist") and never reaches a provider.
/// </summary>
/// <remarks>Set <c>SafeMode:Enabled</c> to true in every environment but production.</remarks>
public sealed class SmsSafeModeOptions
{
    /// <summary>When true, only <see cref="AllowedNumbers"/> receive SMS. A warning is logged once at start-up.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The numbers that may receive SMS in safe mode, in any typed form (<c>0722 123 456</c>, <c>+254722123456</c>);
    /// each is normalised at start-up, and one that is not a Kenyan mobile number fails start-up naming it.
    /// </summary>
    public IList<string> AllowedNumbers { get; } = [];

    /// <inheritdoc/>
    public override string ToString() => $"SmsSafeModeOptions {{ Enabled = {Enabled}, AllowedNumbers = {AllowedNumbers.Count} }}";
}
