using KenyaSms.Sending;

namespace KenyaSms.Cli.Commands;

/// <summary>
/// The library's own sender ID rule, applied before a dry run so that it refuses what a send would refuse.
/// The gateways check it again on every send.
/// </summary>
internal static class SenderIdCheck
{
    /// <summary>Throws when <paramref name="sender"/> is given and not a valid sender ID.</summary>
    /// <param name="sender">The <c>--sender</c> value, or null.</param>
    /// <exception cref="ArgumentException">It is not valid.</exception>
    public static void ThrowIfInvalid(string? sender)
    {
        if (sender is not null && SenderIdRules.Problem(sender) is { } problem)
        {
            throw new ArgumentException(
                $"--sender '{sender}' is not a valid sender ID: {problem}. Use 1-{SenderIdRules.MaxAlphanumericLength} letters, digits or spaces, or a numeric short code of up to {SenderIdRules.MaxShortCodeLength} digits.");
        }
    }
}
