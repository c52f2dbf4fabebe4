using KenyaSms.Simulator;
using Spectre.Console;

namespace KenyaSms.Cli.Tests;

/// <summary>What one in-process run of kenyasms printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output and standard error together, for "never printed" checks.</summary>
    public string All => Out + "\n" + Error;
}

/// <summary>
/// Runs kenyasms in-process (CliApp.RunAsync) with captured output, a temporary current folder, and environment
/// variables pointing both providers at an in-process simulator (Synqtel the default). One per test; dispose it.
/// </summary>
public sealed class CliTestHost : IAsyncDisposable
{
    private CliTestHost(SmsSimulator? sim)
    {
        Sim = sim!;
        Folder = Directory.CreateTempSubdirectory("kenyasms-cli-").FullName;
        Environment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["PATH"] = "/usr/bin", // not ours: ignored
            ["KenyaSms__Resilience__BaseDelay"] = "00:00:00.001", // retries of transient failures without real waits
        };
        if (sim is not null)
        {
            foreach ((string name, string value) in SimulatorSettings(sim))
            {
                Environment[name] = value;
            }
        }
    }

    /// <summary>The simulator (null for an offline host).</summary>
    public SmsSimulator Sim { get; }

    /// <summary>The current folder of the runs; deleted on dispose.</summary>
    public string Folder { get; }

    /// <summary>The environment variables of the runs; change them per test.</summary>
    public Dictionary<string, string?> Environment { get; }

    /// <summary>A host with a simulator configured for both providers.</summary>
    public static async Task<CliTestHost> StartAsync(Action<SmsSimulatorOptions>? configure = null)
    {
        var options = new SmsSimulatorOptions { DeliveryReportDelay = TimeSpan.Zero };
        configure?.Invoke(options);
        return new CliTestHost(await SmsSimulator.StartAsync(options));
    }

    /// <summary>A host with no simulator and no KenyaSms settings, for offline commands and configuration errors.</summary>
    public static CliTestHost Offline() => new(null);

    /// <summary>The settings that point kenyasms at <paramref name="sim"/>, as environment variables.</summary>
    public static IEnumerable<(string Name, string Value)> SimulatorSettings(SmsSimulator sim) =>
    [
        ("KenyaSms__DefaultProvider", "synqtel"),
        ("KenyaSms__Synqtel__BaseAddress", sim.SynqtelBaseAddress.ToString()),
        ("KenyaSms__Synqtel__ApiKey", sim.SynqtelApiKey),
        ("KenyaSms__Synqtel__SenderName", "KENYASMS"),
        ("KenyaSms__Qserve__BaseAddress", sim.QserveBaseAddress.ToString()),
        ("KenyaSms__Qserve__Username", sim.QserveUsername),
        ("KenyaSms__Qserve__ApiKey", sim.QserveApiKey),
    ];

    /// <summary>Removes every KenyaSms setting of a provider ("Synqtel", "Qserve") from the environment.</summary>
    public void RemoveProvider(string section)
    {
        foreach (string key in Environment.Keys.Where(k => k.StartsWith("KenyaSms__" + section + "__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            Environment.Remove(key);
        }

        Environment.Remove("KenyaSms__DefaultProvider");
    }

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(args, interactive: false, CancellationToken.None);

    public Task<CliRun> RunAsync(string[] args, bool interactive, CancellationToken cancellationToken) =>
        Run(args, Environment, Folder, interactive, output: null, cancellationToken);

    /// <summary>Runs kenyasms with the given environment and folder, output captured.</summary>
    public static async Task<CliRun> Run(string[] args, IReadOnlyDictionary<string, string?> environment, string folder,
        bool interactive = false, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        using var error = new StringWriter();
        TextWriter outWriter = output ?? new StringWriter();
        var context = new CliContext(Console(outWriter, interactive), Console(error, interactive: false), environment, folder);
        int exit = await CliApp.RunAsync(args, context, cancellationToken);
        return new CliRun(exit, outWriter.ToString()!, error.ToString());
    }

    /// <summary>Writes a file in <see cref="Folder"/> and returns its name.</summary>
    public string WriteFile(string name, string content)
    {
        File.WriteAllText(Path.Combine(Folder, name), content);
        return name;
    }

    /// <summary>The lines of a file in <see cref="Folder"/>.</summary>
    public string[] ReadLines(string name) => File.ReadAllLines(Path.Combine(Folder, name));

    /// <summary>Neither simulator key appears in what the run printed.</summary>
    public static void AssertNoKeys(CliRun run)
    {
        Assert.DoesNotContain(SmsSimulatorOptions.DefaultSynqtelApiKey, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(SmsSimulatorOptions.DefaultQserveApiKey, run.All, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (Sim is not null)
        {
            await Sim.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }

    private static IAnsiConsole Console(TextWriter writer, bool interactive)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }
}
