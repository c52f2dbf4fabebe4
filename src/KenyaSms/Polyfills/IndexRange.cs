#if NETSTANDARD2_0
using System.Runtime.CompilerServices;

namespace System;

/// <summary>An index from the start or the end of a sequence (<c>^1</c>); what the compiler needs for index syntax.</summary>
internal readonly struct Index : IEquatable<Index>
{
    private readonly int _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Index(int value, bool fromEnd = false)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Non-negative number required.");
        }

        _value = fromEnd ? ~value : value;
    }

    private Index(int value) => _value = value;

    public static Index Start => new(0);

    public static Index End => new(~0);

    public int Value => _value < 0 ? ~_value : _value;

    public bool IsFromEnd => _value < 0;

    public static Index FromStart(int value) =>
        value >= 0 ? new Index(value) : throw new ArgumentOutOfRangeException(nameof(value), "Non-negative number required.");

    public static Index FromEnd(int value) =>
        value >= 0 ? new Index(~value) : throw new ArgumentOutOfRangeException(nameof(value), "Non-negative number required.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOffset(int length) => IsFromEnd ? length + _value + 1 : _value;

    public override bool Equals(object? obj) => obj is Index other && _value == other._value;

    public bool Equals(Index other) => _value == other._value;

    public override int GetHashCode() => _value;

    public static implicit operator Index(int value) => FromStart(value);

    public override string ToString() => IsFromEnd ? "^" + Value.ToString(Globalization.CultureInfo.InvariantCulture) : Value.ToString(Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A range of indexes (<c>1..^2</c>); what the compiler needs for range syntax.</summary>
internal readonly struct Range(Index start, Index end) : IEquatable<Range>
{
    public Index Start { get; } = start;

    public Index End { get; } = end;

    public static Range All => new(Index.Start, Index.End);

    public static Range StartAt(Index start) => new(start, Index.End);

    public static Range EndAt(Index end) => new(Index.Start, end);

    public override bool Equals(object? obj) => obj is Range other && Equals(other);

    public bool Equals(Range other) => other.Start.Equals(Start) && other.End.Equals(End);

    public override int GetHashCode() => (Start.GetHashCode() * 31) + End.GetHashCode();

    public override string ToString() => Start + ".." + End;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int Offset, int Length) GetOffsetAndLength(int length)
    {
        int start = Start.GetOffset(length);
        int end = End.GetOffset(length);
        if ((uint)end > (uint)length || (uint)start > (uint)end)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        return (start, end - start);
    }
}
#endif
