using System.Text.RegularExpressions;

namespace KenyaSms.Benchmarks.Baselines;

/// <summary>Kenyan number normalisers written by hand, the way people write them.</summary>
public static partial class HandWrittenPhoneNormaliser
{
    /// <summary>
    /// The usual one: static Regex calls (interpreted, from Regex's cache) to strip separators and to
    /// check the result, prefixes patched with StartsWith/Substring, the E.164 string built at the end.
    /// </summary>
#pragma warning disable CA1845, CA1865 // Substring and StartsWith(string) on purpose: this is the usual code, not the best.
    public static bool TryNormalise(string input, out string? e164)
    {
        string digits = Regex.Replace(input.Trim(), @"[\s\-\.\(\)]", "");
        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = "+" + digits.Substring(2);
        }

        if (digits.StartsWith("+", StringComparison.Ordinal))
        {
            digits = digits.Substring(1);
            if (!digits.StartsWith("254", StringComparison.Ordinal))
            {
                e164 = null;
                return false;
            }
        }

        if (digits.StartsWith("2540", StringComparison.Ordinal))
        {
            digits = "254" + digits.Substring(4);
        }
        else if (digits.StartsWith("0", StringComparison.Ordinal))
        {
            digits = "254" + digits.Substring(1);
        }
        else if (!digits.StartsWith("254", StringComparison.Ordinal))
        {
            digits = "254" + digits;
        }

        if (!Regex.IsMatch(digits, @"^254(7\d|1[0-4]|18)\d{7}$"))
        {
            e164 = null;
            return false;
        }

        e164 = "+" + digits;
        return true;
    }
#pragma warning restore CA1845, CA1865

    /// <summary>
    /// A tuned one: string.Replace for the separators and a source-generated Regex ([GeneratedRegex])
    /// that matches and captures in one pass.
    /// </summary>
    public static bool TryNormaliseTuned(string input, out string? e164)
    {
        string s = input.Trim()
            .Replace(" ", "", StringComparison.Ordinal)
            .Replace("-", "", StringComparison.Ordinal)
            .Replace(".", "", StringComparison.Ordinal)
            .Replace("(", "", StringComparison.Ordinal)
            .Replace(")", "", StringComparison.Ordinal);
        if (s.StartsWith("00", StringComparison.Ordinal))
        {
            s = "+" + s[2..];
        }

        Match match = KenyanMobile().Match(s);
        if (!match.Success)
        {
            e164 = null;
            return false;
        }

        e164 = "+254" + match.Groups[1].Value;
        return true;
    }

    // +254 / 254 / 0, the +2540 slip, then 7xx xxx xxx or 1xx xxx xxx (the mobile ranges in use).
    [GeneratedRegex(@"^(?:\+?254)?0?((?:7\d|1[0-4]|18)\d{7})$", RegexOptions.CultureInvariant)]
    private static partial Regex KenyanMobile();
}
