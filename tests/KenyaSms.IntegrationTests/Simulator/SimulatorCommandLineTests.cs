using System.Diagnostics;

namespace KenyaSms.IntegrationTests.Simulator;

// The standalone simulator (Program.cs) run as a process, as its README tells people to: a wrong option or value
// is named and exits 2 before anything listens, instead of being ignored.
public sealed class SimulatorCommandLineTests
{
    [Theory]
    [InlineData(new[] { "--bogus", "1" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--url", "http://127.0.0.1:0" }, "unknown option '--url' (did you mean --urls?)")]
    [InlineData(new[] { "--delivery-report-delay-ms", "abc" }, "--delivery-report-delay-ms: 'abc' is not a whole number of milliseconds")]
    [InlineData(new[] { "--delivery-report-delay-ms=-5" }, "--delivery-report-delay-ms: '-5' is not a whole number")]
    [InlineData(new[] { "--delivery-report-url", "reports" }, "--delivery-report-url: 'reports' is not an absolute http or https URL")]
    [InlineData(new[] { "--urls" }, "--urls needs a value")]
    [InlineData(new[] { "http://127.0.0.1:0" }, "unexpected argument 'http://127.0.0.1:0'")]
    public async Task WrongOptionOrValue_ExitsTwoNamingIt(string[] args, string message)
    {
        (int exit, string output, string error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("kenyasms-simulator: " + message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "KenyaSms.Simulator.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("ASPNETCORE_URLS");
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The simulator did not exit: it accepted the arguments and started listening.");
        }

        return (process.ExitCode, await output, await error);
    }
}
