using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Sending;

public sealed class SharedRandomTests
{
    [Fact]
    public void NextInt64_ManyDraws_StayInTheHalfOpenRange()
    {
        for (int i = 0; i < 1000; i++)
        {
            long value = SharedRandom.NextInt64(1_000_000_000_000_000, 8_000_000_000_000_000);
            Assert.InRange(value, 1_000_000_000_000_000, 7_999_999_999_999_999);
        }
    }

    [Fact]
    public void NextInt64_RangeOfOne_ReturnsItsOnlyValue() => Assert.Equal(41, SharedRandom.NextInt64(41, 42));
}
