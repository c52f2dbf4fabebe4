namespace KenyaSms.Tests;

/// <summary>Finds the data files in <c>shared/data</c>, which CI always checks out beside the repository.</summary>
internal static class SharedDataFiles
{
    /// <summary>The full path of <paramref name="fileName"/> in the nearest <c>shared/data</c> above the test binaries.</summary>
    public static string PathOf(string fileName)
    {
        // Walking up from bin/ passes the repository root (the folder with KenyaSms.sln) and then its
        // parent, so both <root>/shared/data and the sibling <root>/../shared/data are found.
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"'shared/data/{fileName}' was not found in any folder above {AppContext.BaseDirectory}. {Missing}");
        return string.Empty;
    }

    /// <summary>Where the shared folder comes from, for every test that needs it and cannot find it.</summary>
    public const string Missing =
        "These tests check the SDK against the project's shared folder (the providers' reference documents in reference/, "
        + "the GSM-7 table and prefix list in data/, the design notes in design/). It is not part of the repository: it is "
        + "handed out with it and must sit beside the repository root as ../shared (CI checks it out there; see the README's first section).";

    /// <summary>The text of a provider's reference document in <c>../shared/reference</c>, or a failure saying where it comes from.</summary>
    public static string Reference(string fileName)
    {
        string path = Path.Combine(Infrastructure.TestPaths.Shared, "reference", fileName);
        Assert.True(File.Exists(path), $"{path} was not found. {Missing}");
        return File.ReadAllText(path);
    }

    /// <summary>The lines of <paramref name="fileName"/> that are neither blank nor '#' comments.</summary>
    public static IEnumerable<string> DataLines(string fileName) =>
        File.ReadLines(PathOf(fileName))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'));
}
