using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Json;

// string.Create / span string.Concat on every target (the netstandard2.0 build has its own implementation).
public sealed class StringFactoryTests
{
    [Fact]
    public void Create_Filler_WritesEveryChar() =>
        Assert.Equal("abcab", StringFactory.Create(5, "ab", static (chars, s) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('a' + (i % (s.Length + 1)));
            }
        }));

    [Fact]
    public void Create_ZeroLength_IsEmpty() => Assert.Equal(string.Empty, StringFactory.Create(0, 0, static (_, _) => { }));

    [Fact]
    public void Concat_TwoSpans_JoinsThem() => Assert.Equal("+2547\u2026", StringFactory.Concat("+2547xx".AsSpan(0, 5), "\u2026".AsSpan()));

    [Fact]
    public void Concat_ThreeSpans_JoinsThem() => Assert.Equal("123**67", StringFactory.Concat("123".AsSpan(), "**".AsSpan(), "4567".AsSpan(2)));

    [Fact]
    public void Concat_EmptySpans_IsEmpty() => Assert.Equal(string.Empty, StringFactory.Concat([], [], []));
}
