using System.Diagnostics;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.Tests.Packaging;

// Issue 15: "changing a public signature without updating PublicAPI.*.txt fails the build". Proven on a copy of a real
// package project (KenyaSms.Testing, the smallest), built the way src/ builds (the copy sits in src/, so
// Directory.Build.props gives it the analyzer and the RS0016/RS0017 errors), with one public member added and one
// listed member gone. Not in KenyaSms.Tests.NetStandard (it would build the same copy twice).
[Collection(PackagingCollection.Name)]
public class PublicApiGuardTests
{
    [Fact]
    public void PublicMemberAddedOrRemovedWithoutPublicApiFiles_FailsTheBuild()
    {
        string source = Path.Combine(TestPaths.RepoRoot, "src", "KenyaSms.Testing");
        string copy = Path.Combine(TestPaths.RepoRoot, "src", "KenyaSms.Testing.ApiGuard-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(copy);
            foreach (string file in Directory.EnumerateFiles(source))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            // Added: a public type nobody listed. Gone: a listed line whose member does not exist.
            File.WriteAllText(Path.Combine(copy, "Added.cs"), "namespace KenyaSms.Testing;\n/// <summary>Not in PublicAPI.*.txt.</summary>\npublic static class ApiGuardAdded\n{\n    /// <summary>Not listed.</summary>\n    public static void NotListed() { }\n}\n");
            File.AppendAllText(Path.Combine(copy, "PublicAPI.Unshipped.txt"), "static KenyaSms.Testing.ApiGuardGone.Listed() -> void\n");

            (int exit, string output) = Build(Directory.EnumerateFiles(copy, "*.csproj").Single());

            Assert.NotEqual(0, exit);
            Assert.Contains("error RS0016", output, StringComparison.Ordinal);
            Assert.Contains("ApiGuardAdded.NotListed", output, StringComparison.Ordinal);
            Assert.Contains("error RS0017", output, StringComparison.Ordinal);
            Assert.Contains("ApiGuardGone.Listed", output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }

    private static (int Exit, string Output) Build(string project)
    {
        // The referenced KenyaSms project is already built (the test run needs it); building it again here could race
        // with the packaging tests.
        var start = new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-f", "net10.0", "-p:BuildProjectReferences=false", "--nologo", "-nodeReuse:false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors.Result);
    }
}

/// <summary>The tests that run dotnet build or pack on the repository's projects, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection
{
    public const string Name = "Packaging";
}
