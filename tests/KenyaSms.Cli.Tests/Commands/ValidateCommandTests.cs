namespace KenyaSms.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Theory]
    [InlineData("0722 123 456", "+254722123456", "254722123456", "0722123456", "Safaricom")]
    [InlineData("+2540733123456", "+254733123456", "254733123456", "0733123456", "Airtel")] // the trunk-zero slip
    [InlineData("(0110) 123-456", "+254110123456", "254110123456", "0110123456", "Safaricom")]
    public async Task Validate_ValidNumber_PrintsNormalisedFormsAndNetwork(string input, string e164, string msisdn, string national, string network)
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("validate", input);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Input       " + input, run.Out, StringComparison.Ordinal);
        Assert.Contains("E.164       " + e164, run.Out, StringComparison.Ordinal);
        Assert.Contains("MSISDN      " + msisdn, run.Out, StringComparison.Ordinal);
        Assert.Contains("National    " + national, run.Out, StringComparison.Ordinal);
        Assert.Contains("Network     " + network, run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Validate_InvalidNumber_ExitsTwoSayingWhy()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("validate", "0020 123 4567");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Valid       no", run.Out, StringComparison.Ordinal);
        Assert.Contains("'0020 123 4567'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("E.164", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_SeveralNumbersOneInvalid_PrintsEachAndExitsTwo()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("validate", "0722123456", "12345", "0110123456");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("+254722123456", run.Out, StringComparison.Ordinal);
        Assert.Contains("+254110123456", run.Out, StringComparison.Ordinal);
        Assert.Contains("'12345'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NoNumber_ExitsTwoAsUsageError()
    {
        await using CliTestHost host = CliTestHost.Offline();

        CliRun run = await host.RunAsync("validate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("validate --help", run.Error, StringComparison.Ordinal);
    }
}
