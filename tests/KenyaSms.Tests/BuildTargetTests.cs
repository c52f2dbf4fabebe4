using System.Reflection;
using System.Runtime.Versioning;

namespace KenyaSms.Tests;

// Compiled into two test runs: KenyaSms.Tests (the net10.0 build of the library) and
// KenyaSms.Tests.NetStandard (the netstandard2.0 build, what .NET Framework apps get). This proves which one ran.
public class BuildTargetTests
{
    [Fact]
    public void LoadedLibrary_IsTheBuildThisRunTargets()
    {
#if KENYASMS_NETSTANDARD_RUN
        const string expected = ".NETStandard,Version=v2.0";
#else
        const string expected = ".NETCoreApp,Version=v10.0";
#endif
        string? actual = typeof(ISmsGateway).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;

        Assert.Equal(expected, actual);
    }
}
