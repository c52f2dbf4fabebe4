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

        Assert.Fail($"'shared/data/{fileName}' was not found in any folder above {AppContext.BaseDirectory}; "
            + "the tests expect the shared folder beside the repository root (../shared/data).");
        return string.Empty;
    }

    /// <summary>The lines of <paramref name="fileName"/> that are neither blank nor '#' comments.</summary>
    public static IEnumerable<string> DataLines(string fileName) =>
        File.ReadLines(PathOf(fileName))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'));
}
