using System.Diagnostics;
using System.Globalization;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.Ledger.Tests;

/// <summary>
/// The job a KenyaSms.Ledger.SendWorker sends, named as the worker names it: message <c>i</c> has the key
/// <c>&lt;name&gt;:m&lt;i:D4&gt;</c>, the text <c>&lt;name&gt; message &lt;i&gt;</c> and the recipients
/// <c>+254722&lt;i:D4&gt;&lt;r:D2&gt;</c>.
/// </summary>
internal sealed record SendJob(string Name, int Messages, int Recipients)
{
    public static SendJob New(string kind, int messages, int recipients) => new(kind + "-" + Guid.NewGuid().ToString("N")[..8], messages, recipients);

    public string Key(int message) => string.Create(CultureInfo.InvariantCulture, $"{Name}:m{message:D4}");

    public string Text(int message) => string.Create(CultureInfo.InvariantCulture, $"{Name} message {message}");

    public static string Number(int message, int recipient) => string.Create(CultureInfo.InvariantCulture, $"+254722{message:D4}{recipient:D2}");

    /// <summary>Every (message, recipient) pair of the job.</summary>
    public IEnumerable<(int Message, int Recipient)> Pairs =>
        Enumerable.Range(0, Messages).SelectMany(m => Enumerable.Range(0, Recipients).Select(r => (m, r)));

    /// <summary>The message a key belongs to.</summary>
    public int MessageOf(string key) => int.Parse(key[(Name.Length + 2)..], CultureInfo.InvariantCulture);
}

/// <summary>One line "result ..." of a worker: what the SDK answered for one input recipient.</summary>
internal sealed record WorkerResult(string Key, string Number, bool Accepted, bool Replay, bool MayHaveBeenSent, string Error, string? MessageId)
{
    public static WorkerResult Parse(string line)
    {
        string[] f = line.Split(' ');
        Assert.True(f.Length == 8 && f[0] == "result", $"not a result line: {line}");
        string id = Value(f[7], "id");
        return new WorkerResult(f[1], f[2], Flag(f[3], "accepted"), Flag(f[4], "replay"), Flag(f[5], "may"), Value(f[6], "error"), id == "-" ? null : id);

        static string Value(string field, string name)
        {
            Assert.StartsWith(name + "=", field, StringComparison.Ordinal);
            return field[(name.Length + 1)..];
        }

        static bool Flag(string field, string name) => Value(field, name) == "1";
    }

    public override string ToString() => $"{Key} {Number} accepted={Accepted} replay={Replay} may={MayHaveBeenSent} error={Error} id={MessageId}";
}

/// <summary>
/// A KenyaSms.Ledger.SendWorker process: started with <c>dotnet &lt;dll&gt;</c>, its stdout read line by line as it
/// comes (tests wait on lines, never on time), killed with SIGKILL (<see cref="Process.Kill(bool)"/>) when a test says so.
/// </summary>
internal sealed class SendWorkerProcess : IAsyncDisposable
{
    /// <summary>How long any one wait may take before the test fails as hung (a guard, never a synchronisation).</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly Process _process;
    private readonly Task _stdout;
    private readonly Task<string> _stderr;
    private bool _ended;

    private SendWorkerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        _stdout = Task.Run(PumpAsync);
    }

    public string Name { get; }

    /// <summary>The stdout lines so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) { return [.. _lines]; } }
    }

    /// <summary>The "result" lines so far.</summary>
    public IReadOnlyList<WorkerResult> Results => [.. Lines.Where(l => l.StartsWith("result ", StringComparison.Ordinal)).Select(WorkerResult.Parse)];

    /// <summary>Completes when the process has exited and its stdout was read to the end.</summary>
    public Task Exited => _stdout;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts a worker on <paramref name="job"/> and waits until it is ready (its ledger and gateway built); it sends after <see cref="GoAsync"/>.</summary>
    public static async Task<SendWorkerProcess> StartAsync(
        string name, Uri synqtelBaseAddress, string kind, string connectionString, string schema, SendJob job, string mode, TimeSpan clockOffset = default, bool naive = false)
    {
        string[] arguments =
        [
            synqtelBaseAddress.ToString(), kind, connectionString, schema, job.Name,
            job.Messages.ToString(CultureInfo.InvariantCulture), job.Recipients.ToString(CultureInfo.InvariantCulture), mode,
            ((int)clockOffset.TotalSeconds).ToString(CultureInfo.InvariantCulture), naive ? "naive" : "honest",
        ];
        return await StartProjectAsync(name, "KenyaSms.Ledger.SendWorker", arguments);
    }

    /// <summary>Starts the exe of the test project <c>tests/&lt;project&gt;</c> (built beside the test, in its configuration) and waits for its "ready" line.</summary>
    public static async Task<SendWorkerProcess> StartProjectAsync(string name, string project, IEnumerable<string> arguments)
    {
        // Built beside this project by the solution (and by this project's reference), in the same configuration.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string dll = Path.Combine(TestPaths.RepoRoot, "tests", project, "bin", configuration, "net10.0", project + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution (or tests/{project}) in {configuration}.");
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var worker = new SendWorkerProcess(name, Process.Start(start)!);
        await worker.WaitForLineAsync(l => l == "ready", "ready");
        return worker;
    }

    /// <summary>Lets it send (the start barrier: several workers get "go" only once all are ready).</summary>
    public async Task GoAsync()
    {
        await _process.StandardInput.WriteLineAsync("go");
        _process.StandardInput.Close();
    }

    /// <summary>Waits for a line, failing (with its stderr) if the worker ends without printing it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            string? seen = _lines.FirstOrDefault(match);
            if (seen is not null)
            {
                return seen;
            }

            if (_ended)
            {
                found.SetException(new InvalidOperationException("ended"));
            }
            else
            {
                _waiters.Add((match, found));
            }
        }

        try
        {
            return await found.Task.WaitAsync(Guard);
        }
        catch (InvalidOperationException)
        {
            Assert.Fail($"{Name} exited ({_process.ExitCode}) without printing {what}. stdout: {string.Join(" | ", Lines)} stderr: {await _stderr}");
            throw;
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{Name} did not print {what} within {Guard}. stdout: {string.Join(" | ", Lines)}");
            throw;
        }
    }

    /// <summary>Waits for a normal end: exit code 0, "done" last, one result per input recipient; returns the results.</summary>
    public async Task<IReadOnlyList<WorkerResult>> FinishAsync()
    {
        await WaitForExitAsync();
        IReadOnlyList<string> lines = Lines;
        Assert.True(_process.ExitCode == 0 && lines.Count > 0 && lines[^1] == "done",
            $"{Name} exited with {_process.ExitCode}. stdout: {string.Join(" | ", lines)} stderr: {await _stderr}");
        return Results;
    }

    /// <summary>SIGKILL, the process and anything it started; returns once it is gone and its stdout read to the end.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync();
    }

    /// <summary>SIGSTOP: the OS freezes the process (what a long GC pause or a suspended VM looks like from outside).</summary>
    public void Freeze() => Signal(SigStop);

    /// <summary>SIGCONT: the frozen process runs on from where it stopped.</summary>
    public void Resume() => Signal(SigCont);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal(SigCont); // a frozen process would not die of SIGKILL any later, but let it not linger stopped either
            _process.Kill(entireProcessTree: true);
        }

        await _stdout.WaitAsync(Guard).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    // Linux signal numbers (x86-64 and arm64 alike); .NET has no API for stopping a process.
    private const int SigStop = 19;
    private const int SigCont = 18;

    private void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
#pragma warning disable SA1300, IDE1006 // the C function's name
    private static extern int kill(int pid, int sig);
#pragma warning restore SA1300, IDE1006

    private async Task WaitForExitAsync()
    {
        using var hang = new CancellationTokenSource(Guard);
        await _process.WaitForExitAsync(hang.Token);
        await _stdout.WaitAsync(hang.Token);
    }

    private async Task PumpAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_gate)
                {
                    _lines.Add(line);
                    for (int i = _waiters.Count - 1; i >= 0; i--)
                    {
                        if (_waiters[i].Match(line))
                        {
                            _waiters[i].Found.TrySetResult(line);
                            _waiters.RemoveAt(i);
                        }
                    }
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _ended = true;
                foreach ((_, TaskCompletionSource<string> found) in _waiters)
                {
                    found.TrySetException(new InvalidOperationException("ended"));
                }

                _waiters.Clear();
            }
        }
    }
}
