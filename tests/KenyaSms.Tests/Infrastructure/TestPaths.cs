namespace KenyaSms.Tests.Infrastructure;

/// <summary>Finds the repository, the shared design folder beside it, and the test fixtures.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The folder holding KenyaSms.sln, found by walking up from the test output folder.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The shared folder beside the repository (<c>&lt;repo&gt;/../shared</c>: design docs, references, data).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>The full path of a fixture copied to the output folder, e.g. <c>FixturePath("Synqtel/sendsms-success.json")</c>.</summary>
    public static string FixturePath(string relative)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"Fixture '{relative}' not found at {path}. Fixtures live in tests/KenyaSms.Tests/Fixtures and only *.json files are copied to the output.",
                path);
    }

    /// <summary>A fixture's text, e.g. <c>Fixture("Synqtel/sendsms-success.json")</c>.</summary>
    public static string Fixture(string relative) => File.ReadAllText(FixturePath(relative));

    /// <summary>A fixture's exact bytes (BOMs and odd encodings kept).</summary>
    public static byte[] FixtureBytes(string relative) => File.ReadAllBytes(FixturePath(relative));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KenyaSms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No KenyaSms.sln above {AppContext.BaseDirectory}.");
    }
}
