namespace KenyaSms.Cli.Commands;

/// <summary>
/// The library's sender ID rule (1-11 letters, digits or spaces, or a numeric short code of up to 15 digits), so that
/// a dry run refuses what a send would refuse. The gateways check it again on every send.
/// </summary>
internal static class SenderIdCheck
{
    private const int MaxAlphanumeric = 11;
    private const int MaxShortCode = 15;

    /// <summary>Throws when <paramref name="sender"/> is given and not a valid sender ID.</summary>
    /// <param name="sender">The <c>--sender</c> value, or null.</param>
    /// <exception cref="ArgumentException">It is not valid.</exception>
    public static void ThrowIfInvalid(string? sender)
    {
        if (sender is null)
        {
            return;
        }

        bool digits = sender.All(char.IsAsciiDigit);
        bool valid = sender.Length > 0 && !string.IsNullOrWhiteSpace(sender)
            && sender.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ')
            && sender.Length <= (digits ? MaxShortCode : MaxAlphanumeric);
        if (!valid)
        {
            throw new ArgumentException(
                $"--sender '{sender}' is not a valid sender ID: use 1-{MaxAlphanumeric} letters, digits or spaces, or a numeric short code of up to {MaxShortCode} digits.");
        }
    }
}
