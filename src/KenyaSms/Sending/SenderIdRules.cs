using KenyaSms.Json;

namespace KenyaSms.Sending;

/// <summary>Sender ID rules shared by every provider: 1-11 ASCII letters, digits or spaces, or a numeric short code.</summary>
internal static class SenderIdRules
{
    public const int MaxAlphanumericLength = 11;
    public const int MaxShortCodeLength = 15;

    /// <summary>Returns null when valid, else why not.</summary>
    public static string? Problem(string? value)
    {
        if (value is null || string.IsNullOrWhiteSpace(value))
        {
            return "it is empty";
        }

        bool allDigits = true;
        foreach (char c in value)
        {
            if (!AsciiChar.IsLetterOrDigit(c) && c != ' ')
            {
                return $"'{c}' is not a letter, digit or space";
            }

            allDigits &= AsciiChar.IsDigit(c);
        }

        if (allDigits)
        {
            return value.Length <= MaxShortCodeLength ? null : $"a numeric short code has at most {MaxShortCodeLength} digits, this one has {value.Length}";
        }

        return value.Length <= MaxAlphanumericLength ? null : $"an alphanumeric sender ID has at most {MaxAlphanumericLength} characters, this one has {value.Length}";
    }
}
