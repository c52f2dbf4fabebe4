using System.Reflection;
using KenyaSms;
using Xunit;

namespace ReadmeSnippets;

// 16.7: the README's settings table names every resilience setting and each provider's BaseAddress, so a setting
// added to the options is a setting documented.
public sealed class ReadmeSettingsTests
{
    private static readonly string Readme = File.ReadAllText(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "README.md")));

    public static TheoryData<string> ResilienceSettings()
    {
        var data = new TheoryData<string>();
        foreach (PropertyInfo property in typeof(SmsResilienceOptions).GetProperties().Where(p => p.CanWrite))
        {
            data.Add(property.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResilienceSettings))]
    public void EveryResilienceSetting_IsInTheReadme(string name) =>
        Assert.True(Readme.Contains($"`Resilience:{name}`", StringComparison.Ordinal) || Readme.Contains($"/ `{name}`", StringComparison.Ordinal),
            $"README.md does not document KenyaSms:Resilience:{name}.");

    [Theory]
    [InlineData("Qserve")]
    [InlineData("Synqtel")]
    [InlineData("AfricasTalking")]
    public void EveryProvidersBaseAddress_IsInTheReadme(string section) =>
        Assert.Contains($"`{section}:BaseAddress`", Readme, StringComparison.Ordinal);
}
