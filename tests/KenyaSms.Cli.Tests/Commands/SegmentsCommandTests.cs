namespace KenyaSms.Cli.Tests.Commands;

public sealed class SegmentsCommandTests
{
    [Fact]
    public async Task Segments_160Gsm7Characters_OneSegmentNothingRemaining()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("segments", new string('a', 160));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Encoding    GSM-7", run.Out, StringComparison.Ordinal);
        Assert.Contains("Units       160 GSM-7 septets", run.Out, StringComparison.Ordinal);
        Assert.Contains("Segments    1", run.Out, StringComparison.Ordinal);
        Assert.Contains("Remaining   0 units", run.Out, StringComparison.Ordinal);
        Assert.Contains("Credits     1 (1 segment x 1 recipient)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segments_161CharactersForThreeRecipients_TwoSegmentsSixCredits()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("segments", new string('a', 161), "--recipients", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Segments    2", run.Out, StringComparison.Ordinal);
        Assert.Contains("Remaining   145 units", run.Out, StringComparison.Ordinal); // 2 x 153 - 161
        Assert.Contains("Credits     6 (2 segments x 3 recipients)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segments_ExtensionCharacter_CountsTwoSeptets()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("segments", "Price: 100€");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Encoding    GSM-7", run.Out, StringComparison.Ordinal);
        Assert.Contains("Units       12 GSM-7 septets", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segments_CurlyQuoteAndEmoji_Ucs2NamingTheCharacters()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("segments", "Karibu ’nyumbani’ 😀");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Encoding    UCS-2, because of '’' (U+2019), '😀' (U+1F600)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Units       20 UCS-2 code units", run.Out, StringComparison.Ordinal);
        Assert.Contains("Remaining   50 units", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segments_SevenSegments_SaysTooLongToSend()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("segments", new string('a', (153 * 6) + 1));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Segments    7", run.Out, StringComparison.Ordinal);
        Assert.Contains("Too long to send", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segments_EmptyText_ExitsTwo()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("segments", "");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("empty", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public async Task Segments_BadRecipientCount_ExitsTwo(string count)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("segments", "hello", "--recipients", count);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
    }
}
