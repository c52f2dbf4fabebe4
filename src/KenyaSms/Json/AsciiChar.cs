namespace KenyaSms.Json;

/// <summary>ASCII character classes (as <c>char.IsAscii*</c> on net8.0+), available on every target.</summary>
internal static class AsciiChar
{
    public static bool IsDigit(char c) => (uint)(c - '0') <= '9' - '0';

    public static bool IsLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsLetterOrDigit(char c) => IsLetter(c) || IsDigit(c);

    /// <summary>True when <paramref name="span"/> is not empty and holds only '0'-'9'.</summary>
    public static bool AllDigits(ReadOnlySpan<char> span)
    {
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (char c in span)
        {
            if (!IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
