#if NETSTANDARD2_0
using System.Text;

// In namespace KenyaSms, not the BCL's: the test assemblies see internals (InternalsVisibleTo) and run on
// .NET 10, where a second System.* type of this name would be ambiguous.
namespace KenyaSms;

/// <summary>net8.0's <c>Utf8.IsValid</c>: a strict decoder accepts exactly the well-formed UTF-8.</summary>
internal static class Utf8
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsValid(ReadOnlySpan<byte> value)
    {
        try
        {
            _ = Strict.GetCharCount(value.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
#endif
