using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.Tests.Packaging;

// What users get from NuGet: every package has its metadata, README, XML docs for IntelliSense, the right
// target frameworks and a symbols package. CI packs into artifacts/packages first (KENYASMS_PACKAGES); run alone,
// the fixture packs the solution itself into a temporary folder.
[Collection(PackagingCollection.Name)]
public sealed class PackagesTests(PackagesTests.PackedSolution packed) : IClassFixture<PackagesTests.PackedSolution>
{
    public static TheoryData<string, string[]> Libraries => new()
    {
        { "KenyaSms", ["net8.0", "net10.0", "netstandard2.0"] },
        { "KenyaSms.AspNetCore", ["net8.0", "net10.0"] },
        { "KenyaSms.Sqlite", ["net8.0", "net10.0"] },
        { "KenyaSms.PostgreSql", ["net8.0", "net10.0"] },
        { "KenyaSms.Hangfire", ["net8.0", "net10.0"] },
        { "KenyaSms.Testing", ["net8.0", "net10.0"] },
        { "KenyaSms.Simulator", ["net10.0"] },
    };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Package_Nuspec_HasTheMetadataUsersSeeOnThePackagePage(string id, string[] frameworks)
    {
        _ = frameworks;
        XElement metadata = packed.Nuspec(id).Descendants().First(e => e.Name.LocalName == "metadata");
        string? Field(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(id, Field("id"));
        Assert.Equal(packed.Version, Field("version"));
        Assert.Matches(@"^0\.1\.0(-dev\.\d+\.g[0-9a-f]{7,})?$", Field("version"));
        Assert.Equal("KenyaSms contributors", Field("authors"));
        Assert.False(string.IsNullOrWhiteSpace(Field("description")));
        Assert.Contains("sms", Field("tags") ?? string.Empty, StringComparison.Ordinal);
        Assert.StartsWith("https://", Field("projectUrl"), StringComparison.Ordinal);
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Package_Contents_HaveLibAndDocsPerFrameworkAndTheReadme(string id, string[] frameworks)
    {
        string[] entries = packed.Entries(id);

        Assert.Contains("README.md", entries);
        string[] libFolders = [.. entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Select(e => e.Split('/')[1]).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(frameworks.Order(StringComparer.Ordinal), libFolders);
        foreach (string tfm in frameworks)
        {
            Assert.Contains($"lib/{tfm}/{id}.dll", entries);
            Assert.Contains($"lib/{tfm}/{id}.xml", entries);
        }
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Package_Symbols_HaveAPdbPerFramework(string id, string[] frameworks)
    {
        string[] entries = packed.Entries(id, symbols: true);

        foreach (string tfm in frameworks)
        {
            Assert.Contains($"lib/{tfm}/{id}.pdb", entries);
        }
    }

    [Fact]
    public void CliPackage_IsADotnetToolNamedKenyasms()
    {
        XElement metadata = packed.Nuspec("KenyaSms.Cli").Descendants().First(e => e.Name.LocalName == "metadata");
        string[] entries = packed.Entries("KenyaSms.Cli");

        Assert.Contains(metadata.Descendants(), e => e.Name.LocalName == "packageType" && e.Attribute("name")?.Value == "DotnetTool");
        Assert.Contains("tools/net10.0/any/KenyaSms.Cli.dll", entries);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
        Assert.Contains("README.md", entries);
        using System.IO.Compression.ZipArchive zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(packed.Folder, $"KenyaSms.Cli.{packed.Version}.nupkg"));
        using var settings = new StreamReader(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        Assert.Contains("<Command Name=\"kenyasms\"", settings.ReadToEnd(), StringComparison.Ordinal);
    }

    // 17.6: a local pack is 0.1.0-dev.<commits>.g<sha> (CI packs 0.1.0), the same for every package, and the packages
    // depend on each other at that version, so a second local pack is not shadowed by NuGet's cache of the first.
    [Fact]
    public void Packages_ShareOneVersion_AndDependOnEachOtherAtIt()
    {
        string[] versions = [.. Libraries.Select(row => (string)row[0]).Append("KenyaSms.Cli")
            .Select(id => packed.Nuspec(id).Descendants().First(e => e.Name.LocalName == "version").Value).Distinct()];

        Assert.Equal([packed.Version], versions);
        Assert.All(packed.Nuspec("KenyaSms.Sqlite").Descendants().Where(e => e.Name.LocalName == "dependency" && e.Attribute("id")!.Value == "KenyaSms"),
            d => Assert.Equal(packed.Version, d.Attribute("version")!.Value));
        if (packed.PackedHere && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Assert.Matches(@"^0\.1\.0-dev\.\d+\.g[0-9a-f]{7,}$", packed.Version);
        }
    }

    [Fact]
    public void PostgreSqlPackage_ShipsItsSchemaAsSqlForTeamsThatApplyItThemselves()
    {
        string[] entries = packed.Entries("KenyaSms.PostgreSql");

        Assert.Contains("sql/001_send_ledger.sql", entries);
        Assert.Contains("sql/suppression-list/001_suppression_list.sql", entries);
    }

    [Theory]
    [InlineData("KenyaSms.Sqlite", "Microsoft.Data.Sqlite")]
    [InlineData("KenyaSms.PostgreSql", "Npgsql")]
    public void LedgerPackage_DependsOnKenyaSmsAndItsDatabaseClient(string id, string client)
    {
        string[] dependencies = [.. packed.Nuspec(id).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Distinct()];

        Assert.Contains("KenyaSms", dependencies);
        Assert.Contains(client, dependencies);
        Assert.DoesNotContain("Microsoft.SourceLink.GitHub", dependencies);
    }

    [Fact]
    public void HangfirePackage_DependsOnHangfireCoreAndAPatchedNewtonsoftJson()
    {
        XElement[] dependencies = [.. packed.Nuspec("KenyaSms.Hangfire").Descendants().Where(e => e.Name.LocalName == "dependency")];

        Assert.Contains(dependencies, d => d.Attribute("id")!.Value == "Hangfire.Core" && d.Attribute("version")!.Value == "1.8.25");
        // Hangfire.Core alone asks for Newtonsoft.Json 11.0.1, which has a known vulnerability.
        Assert.All(dependencies.Where(d => d.Attribute("id")!.Value == "Newtonsoft.Json"), d => Assert.Equal("13.0.4", d.Attribute("version")!.Value));
        Assert.Contains(dependencies, d => d.Attribute("id")!.Value == "Newtonsoft.Json");
    }

    [Theory]
    [InlineData("KenyaSms")]
    [InlineData("KenyaSms.Sqlite")]
    [InlineData("KenyaSms.PostgreSql")]
    public void AotCleanPackages_DoNotDependOnHangfire(string id)
    {
        Assert.DoesNotContain(packed.Nuspec(id).Descendants().Where(e => e.Name.LocalName == "dependency"), d => d.Attribute("id")!.Value.StartsWith("Hangfire", StringComparison.Ordinal));
    }

    [Fact]
    public void CorePackage_DependsOnlyOnThePackagesUsersExpect()
    {
        string[] dependencies = [.. packed.Nuspec("KenyaSms").Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Distinct()];

        Assert.Contains("Polly.Core", dependencies);
        Assert.Contains("Microsoft.Extensions.Http", dependencies);
        Assert.DoesNotContain("Microsoft.SourceLink.GitHub", dependencies);
        Assert.DoesNotContain("Microsoft.CodeAnalysis.BannedApiAnalyzers", dependencies);
    }

    /// <summary>The packed solution: the folder CI packed into, or a fresh pack into a temporary folder.</summary>
    public sealed class PackedSolution : IDisposable
    {
        private readonly string? _temporary;

        public PackedSolution()
        {
            string? given = Environment.GetEnvironmentVariable("KENYASMS_PACKAGES");
            if (!string.IsNullOrEmpty(given) && Directory.EnumerateFiles(given, "KenyaSms.*.nupkg").Any())
            {
                Folder = given;
                return;
            }

            _temporary = Folder = Path.Combine(Path.GetTempPath(), "kenyasms-packages-" + Guid.NewGuid().ToString("N"));
            var pack = new ProcessStartInfo("dotnet", ["pack", Path.Combine(TestPaths.RepoRoot, "KenyaSms.sln"), "-c", "Release", "-o", Folder, "--nologo"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process process = Process.Start(pack)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
            }
        }

        public string Folder { get; }

        /// <summary>True when this fixture packed the solution (no KENYASMS_PACKAGES).</summary>
        public bool PackedHere => _temporary is not null;

        /// <summary>The version of the packed packages (the core package's): 0.1.0 in CI, 0.1.0-dev.&lt;commits&gt;.g&lt;sha&gt; on a developer's machine.</summary>
        public string Version
        {
            get
            {
                var pattern = new System.Text.RegularExpressions.Regex(@"^KenyaSms\.(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)\.nupkg$");
                return Directory.EnumerateFiles(Folder, "KenyaSms.*.nupkg").Select(f => pattern.Match(Path.GetFileName(f))).Where(m => m.Success)
                    .Select(m => m.Groups[1].Value).Single();
            }
        }

        public XDocument Nuspec(string id)
        {
            using ZipArchive zip = ZipFile.OpenRead(Package(id, symbols: false));
            using Stream stream = zip.Entries.Single(e => e.FullName == id + ".nuspec").Open();
            return XDocument.Load(stream);
        }

        public string[] Entries(string id, bool symbols = false)
        {
            using ZipArchive zip = ZipFile.OpenRead(Package(id, symbols));
            return [.. zip.Entries.Select(e => e.FullName)];
        }

        public void Dispose()
        {
            if (_temporary is not null && Directory.Exists(_temporary))
            {
                Directory.Delete(_temporary, recursive: true);
            }
        }

        private string Package(string id, bool symbols)
        {
            string path = Path.Combine(Folder, $"{id}.{Version}.{(symbols ? "snupkg" : "nupkg")}");
            Assert.True(File.Exists(path), $"{path} was not produced by dotnet pack");
            return path;
        }
    }
}
