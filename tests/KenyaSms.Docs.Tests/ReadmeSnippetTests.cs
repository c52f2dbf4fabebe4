using System.Text.RegularExpressions;
using Xunit;

namespace ReadmeSnippets;

// Every ```csharp block of README.md is compiled into this project (ReadmeSnippets.targets); these tests make sure
// none escapes that: a block the extraction missed, or one fenced with another C# tag, would never be compiled.
public sealed partial class ReadmeSnippetTests
{
    private static readonly string Readme = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "README.md"));

    [Fact]
    public void EveryCsharpBlockOfTheReadme_IsCompiled()
    {
        string[] lines = File.ReadAllLines(Readme);
        int[] fences = [.. lines.Select((line, i) => (line, i)).Where(l => l.line.Trim() == "```csharp").Select(l => l.i + 1)];

        Assert.NotEmpty(fences);
        Assert.Equal(fences, ReadmeSnippetIndex.FenceLines);
    }

    [Fact]
    public void NoReadmeBlockIsFencedAsCSharpUnderAnotherName()
    {
        string[] others = [.. File.ReadAllLines(Readme).Where(l => OtherCSharpFence().IsMatch(l.Trim()))];

        Assert.True(others.Length == 0, $"Fence C# blocks as ```csharp so they are compiled: {string.Join(", ", others)}");
    }

    [GeneratedRegex(@"^```\s*(cs|c#|C#|CSharp|csharp\s+\S.*|cs\s.*)$")]
    private static partial Regex OtherCSharpFence();
}
