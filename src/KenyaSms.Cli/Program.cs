// kenyasms: see CliApp; `dotnet run --project src/KenyaSms.Cli -- --help`.
using System.Runtime.InteropServices;
using KenyaSms.Cli;

using var cancel = new CancellationTokenSource();

// The first Ctrl+C (or SIGTERM) stops the command cleanly: a bulk send still writes its results file, the simulator
// stops. A second one ends the process at once.
void Stop(PosixSignalContext signal)
{
    if (!cancel.IsCancellationRequested)
    {
        signal.Cancel = true;
        cancel.Cancel();
    }
}

using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await CliApp.RunAsync(args, CliContext.FromProcess(), cancel.Token);
