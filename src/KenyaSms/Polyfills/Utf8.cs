#if NETSTANDARD2_0
// Hand-written: PolySharp polyfills only compiler-facing types, not BCL runtime APIs like Utf8.IsValid.

// In namespace KenyaSms, not the BCL's: the test assemblies see internals (InternalsVisibleTo) and run on
// .NET 10, where a second System.* type of this name would be ambiguous.
namespace KenyaSms;

/// <summary>
/// net8.0's <c>Utf8.IsValid</c>: true exactly for well-formed UTF-8 (no overlong forms, no surrogates, nothing above
/// U+10FFFF). Walks the bytes without copying them, so a large body costs no allocation.
/// </summary>
internal static class Utf8
{
    public static bool IsValid(ReadOnlySpan<byte> value)
    {
        for (int i = 0; i < value.Length;)
        {
            byte lead = value[i];
            if (lead < 0x80)
            {
                i++;
                continue;
            }

            (int trail, int codePoint, int min) = lead switch
            {
                >= 0xC2 and <= 0xDF => (1, lead & 0x1F, 0x80),
                >= 0xE0 and <= 0xEF => (2, lead & 0x0F, 0x800),
                >= 0xF0 and <= 0xF4 => (3, lead & 0x07, 0x10000),
                _ => (-1, 0, 0),
            };
            if (trail < 0 || i + trail >= value.Length)
            {
                return false;
            }

            for (int k = 1; k <= trail; k++)
            {
                byte next = value[i + k];
                if ((next & 0xC0) != 0x80)
                {
                    return false;
                }

                codePoint = (codePoint << 6) | (next & 0x3F);
            }

            if (codePoint < min || codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
            {
                return false;
            }

            i += trail + 1;
        }

        return true;
    }
}
#endif
