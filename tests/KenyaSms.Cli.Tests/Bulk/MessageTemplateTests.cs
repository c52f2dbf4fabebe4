using KenyaSms.Cli.Bulk;

namespace KenyaSms.Cli.Tests.Bulk;

public sealed class MessageTemplateTests
{
    [Fact]
    public void Render_Placeholders_FilledFromTheRow()
    {
        MessageTemplate template = MessageTemplate.Parse("Habari {name}, your balance is KES {balance}. Asante {name}!");
        var row = new Dictionary<string, string> { ["name"] = "Wanjiku", ["balance"] = "1250" };

        Assert.Equal(["name", "balance"], template.Placeholders);
        Assert.Equal("Habari Wanjiku, your balance is KES 1250. Asante Wanjiku!", template.Render(c => row[c]));
    }

    [Fact]
    public void Render_DoubledBraces_AreLiteral()
    {
        MessageTemplate template = MessageTemplate.Parse("{{code}} is {code}}}");

        Assert.Equal(["code"], template.Placeholders);
        Assert.Equal("{code} is 42}", template.Render(_ => "42"));
    }

    [Fact]
    public void Parse_PlaceholderWithSpaces_Trimmed()
    {
        MessageTemplate template = MessageTemplate.Parse("Hi { name }");

        Assert.Equal(["name"], template.Placeholders);
    }

    [Theory]
    [InlineData("Habari {name")]
    [InlineData("Habari {}")]
    [InlineData("Habari name}")]
    [InlineData("Habari {na{me}")]
    public void Parse_BrokenPlaceholder_ThrowsBadInput(string text)
    {
        CliException e = Assert.Throws<CliException>(() => MessageTemplate.Parse(text));

        Assert.Equal(ExitCodes.BadInput, e.ExitCode);
        Assert.Contains("--template", e.Message, StringComparison.Ordinal);
    }
}
