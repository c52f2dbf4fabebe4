#if NETSTANDARD2_0
// Hand-written: PolySharp polyfills only compiler-facing types (attributes, Index/Range), not BCL runtime classes like ArrayBufferWriter<T>.
using System.Buffers;

// In namespace KenyaSms, not the BCL's: the test assemblies see internals (InternalsVisibleTo) and run on
// .NET 10, where a second System.* type of this name would be ambiguous.
namespace KenyaSms;

/// <summary>The part of <c>ArrayBufferWriter&lt;T&gt;</c> (.NET Core 3.0+) the SDK uses: a growable buffer.</summary>
internal sealed class ArrayBufferWriter<T>(int initialCapacity) : IBufferWriter<T>
{
    private T[] _buffer = new T[Math.Max(initialCapacity, 1)];
    private int _written;

    public ReadOnlySpan<T> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<T> GetMemory(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<T> GetSpan(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Grow(int sizeHint)
    {
        int needed = _written + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
#endif
