#if NETSTANDARD2_0
// Hand-written: PolySharp polyfills only compiler-facing types, not BCL runtime classes like SearchValues.
// In namespace KenyaSms, not the BCL's: the test assemblies see internals (InternalsVisibleTo) and run on
// .NET 10, where a second System.* type of this name would be ambiguous.
namespace KenyaSms;

/// <summary>The part of net8.0's <c>SearchValues</c> the SDK uses: a fixed set of chars with a fast Contains.</summary>
internal static class SearchValues
{
    public static SearchValues<char> Create(string values) => new(values);
}

/// <summary>A fixed set of chars, held as a bitmap up to its largest char.</summary>
internal sealed class SearchValues<T>
    where T : IEquatable<T>
{
    private readonly uint[] _bits;

    internal SearchValues(string values)
    {
        int max = 0;
        foreach (char c in values)
        {
            max = Math.Max(max, c);
        }

        _bits = new uint[(max >> 5) + 1];
        foreach (char c in values)
        {
            _bits[c >> 5] |= 1u << (c & 31);
        }
    }

    public bool Contains(char value) => (value >> 5) < _bits.Length && (_bits[value >> 5] & (1u << (value & 31))) != 0;
}
#endif
