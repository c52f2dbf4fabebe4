#if KENYASMS_NETSTANDARD_RUN
namespace KenyaSms.Tests.Polyfills;

// The netstandard2.0 build validates UTF-8 with its own Utf8.IsValid; it must agree with .NET's on every input.
public class Utf8PolyfillTests
{
    public static TheoryData<byte[]> EdgeCases => new()
    {
        Array.Empty<byte>(),
        "Habari 😀 Ж"u8.ToArray(),
        new byte[] { 0xC0, 0x80 },             // overlong NUL
        new byte[] { 0xC2 },                   // truncated
        new byte[] { 0xE0, 0x80, 0x80 },       // overlong
        new byte[] { 0xED, 0xA0, 0x80 },       // surrogate D800
        new byte[] { 0xF4, 0x90, 0x80, 0x80 }, // above U+10FFFF
        new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, // 😀
        new byte[] { 0x80 },                   // lone continuation
        new byte[] { 0xFF },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void IsValid_EdgeCases_AgreesWithTheFramework(byte[] bytes) =>
        Assert.Equal(System.Text.Unicode.Utf8.IsValid(bytes), KenyaSms.Utf8.IsValid(bytes));

    [Fact]
    public void IsValid_RandomBytes_AgreesWithTheFramework()
    {
        var random = new Random(20261122);
        for (int n = 0; n < 20_000; n++)
        {
            byte[] bytes = new byte[random.Next(0, 12)];
            random.NextBytes(bytes);
            Assert.True(System.Text.Unicode.Utf8.IsValid(bytes) == KenyaSms.Utf8.IsValid(bytes), Convert.ToHexString(bytes));
        }
    }
}
#endif
