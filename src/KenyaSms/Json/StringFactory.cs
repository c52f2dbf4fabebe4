namespace KenyaSms.Json;

/// <summary>Fills a new string's characters; the shape of <c>SpanAction&lt;char, TState&gt;</c>.</summary>
internal delegate void StringFiller<in TState>(Span<char> chars, TState state);

/// <summary><c>string.Create</c> on every target (netstandard2.0 fills a char array instead).</summary>
internal static class StringFactory
{
    public static string Create<TState>(int length, TState state, StringFiller<TState> fill)
    {
#if NETSTANDARD2_0
        char[] chars = new char[length];
        fill(chars, state);
        return new string(chars);
#else
        return string.Create(length, (State: state, Fill: fill), static (chars, s) => s.Fill(chars, s.State));
#endif
    }

    /// <summary><c>string.Concat</c> of spans on every target.</summary>
    public static string Concat(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
#if NETSTANDARD2_0
        return Concat(first, second, []);
#else
        return string.Concat(first, second);
#endif
    }

    /// <summary><c>string.Concat</c> of spans on every target.</summary>
    public static string Concat(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third)
    {
#if NETSTANDARD2_0
        char[] chars = new char[first.Length + second.Length + third.Length];
        first.CopyTo(chars);
        second.CopyTo(chars.AsSpan(first.Length));
        third.CopyTo(chars.AsSpan(first.Length + second.Length));
        return new string(chars);
#else
        return string.Concat(first, second, third);
#endif
    }
}
