using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests;

// Throw replaces the BCL's ThrowIf* helpers so the netstandard2.0 build can have them too. In the
// KenyaSms.Tests.NetStandard run these compare that build's own implementation with the BCL's on .NET 10.
public sealed class ThrowTests
{
    [Fact]
    public void IfNull_Null_ThrowsLikeTheBclWithTheArgumentsName()
    {
        string? value = null;

        var ours = Assert.Throws<ArgumentNullException>(() => Throw.IfNull(value));
        var bcl = Assert.Throws<ArgumentNullException>(() => ArgumentNullException.ThrowIfNull(value));

        Assert.Equal("value", ours.ParamName);
        Assert.Equal(bcl.Message, ours.Message);
    }

    [Fact]
    public void IfNull_NotNull_DoesNotThrow() => Throw.IfNull(new object());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\r\n")]
    public void IfNullOrWhiteSpace_Blank_ThrowsLikeTheBclWithTheArgumentsName(string? value)
    {
        var ours = Assert.ThrowsAny<ArgumentException>(() => Throw.IfNullOrWhiteSpace(value));
        var bcl = Assert.ThrowsAny<ArgumentException>(() => ArgumentException.ThrowIfNullOrWhiteSpace(value));

        Assert.Equal(bcl.GetType(), ours.GetType());
        Assert.Equal("value", ours.ParamName);
        Assert.Equal(bcl.Message, ours.Message);
    }

    [Fact]
    public void IfNullOrWhiteSpace_Text_DoesNotThrow() => Throw.IfNullOrWhiteSpace(" x ");
}
