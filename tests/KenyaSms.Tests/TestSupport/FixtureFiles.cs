namespace KenyaSms.Tests.TestSupport;

/// <summary>The provider response fixtures copied to the test output (Fixtures/**/*.json).</summary>
internal static class FixtureFiles
{
    public static byte[] Read(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));

    /// <summary>Every fixture of one provider, as "Provider/name.json".</summary>
    public static IEnumerable<string> All(string provider) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", provider), "*.json")
            .Select(path => $"{provider}/{Path.GetFileName(path)}")
            .Order(StringComparer.Ordinal);
}
