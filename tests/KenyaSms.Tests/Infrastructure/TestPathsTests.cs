namespace KenyaSms.Tests.Infrastructure;

public class TestPathsTests
{
    [Fact]
    public void RepoRoot_ContainsTheSolution()
    {
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "KenyaSms.sln")));
    }

    [Fact]
    public void Shared_IsBesideTheRepoAndHoldsTheReferences()
    {
        Assert.Equal(Path.GetDirectoryName(TestPaths.RepoRoot), Path.GetDirectoryName(TestPaths.Shared));
        Assert.True(File.Exists(Path.Combine(TestPaths.Shared, "reference", "synqtel-api.txt")));
    }

    [Fact]
    public void Fixture_CopiedJson_ReadsTextAndBytes()
    {
        Assert.Equal("{\"probe\":\"fixture copied to the output folder\"}\n", TestPaths.Fixture("Infrastructure/probe.json"));
        Assert.Equal((byte)'{', TestPaths.FixtureBytes("Infrastructure/probe.json")[0]);
    }

    [Fact]
    public void Fixture_Missing_ThrowsFileNotFoundNamingIt()
    {
        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => TestPaths.Fixture("Nope/missing.json"));

        Assert.Contains("Nope/missing.json", error.Message, StringComparison.Ordinal);
    }
}
