#if !NETSTANDARD2_0
using System.Buffers;
#endif

namespace KenyaSms;

/// <summary>
/// The GSM 03.38 default alphabet and its extension table, as in <c>shared/data/gsm7-charset.txt</c>.
/// A basic character costs 1 septet, an extension character 2 (ESC + code).
/// </summary>
internal static class Gsm7Alphabet
{
    private static readonly SearchValues<char> Basic = SearchValues.Create(
        "\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
        // ¡ £ ¤ ¥ § ¿
        + "\u00A1\u00A3\u00A4\u00A5\u00A7\u00BF"
        // Ä Å Æ Ç É Ñ Ö Ø Ü ß
        + "\u00C4\u00C5\u00C6\u00C7\u00C9\u00D1\u00D6\u00D8\u00DC\u00DF"
        // à ä å æ è é ì ñ ò ö ø ù ü
        + "\u00E0\u00E4\u00E5\u00E6\u00E8\u00E9\u00EC\u00F1\u00F2\u00F6\u00F8\u00F9\u00FC"
        // Greek capitals Γ Δ Θ Λ Ξ Π Σ Φ Ψ Ω
        + "\u0393\u0394\u0398\u039B\u039E\u03A0\u03A3\u03A6\u03A8\u03A9");

    // Form feed, [ \ ] ^ { | } ~ and the euro sign.
    private static readonly SearchValues<char> Extension = SearchValues.Create("\f[\\]^{|}~\u20AC");

#if !NETSTANDARD2_0
    /// <summary>How many characters <paramref name="text"/> starts with that are in the basic table (vectorised).</summary>
    internal static int LengthOfBasicRun(ReadOnlySpan<char> text)
    {
        int index = text.IndexOfAnyExcept(Basic);
        return index < 0 ? text.Length : index;
    }

#endif
    /// <summary>True when <paramref name="c"/> can be sent in GSM-7 (basic or extension table).</summary>
    internal static bool IsGsm7(char c) => Septets(c) != 0;

    /// <summary>True when <paramref name="c"/> is in the extension table (costs 2 septets).</summary>
    internal static bool IsExtension(char c) => Extension.Contains(c);

    /// <summary>The septets <paramref name="c"/> costs: 1 basic, 2 extension, 0 when it is not GSM-7.</summary>
    internal static int Septets(char c) => Basic.Contains(c) ? 1 : IsExtension(c) ? 2 : 0;
}
