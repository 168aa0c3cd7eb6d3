// The analysts' console (`newsner`). Verbs live in Commands/, one file each; see Commands/ICliCommand.cs.
using System.Runtime.InteropServices;
using NewsNer.Cli;

using var interrupt = new CancellationTokenSource();
var interrupts = 0;

// First Ctrl-C (or SIGTERM) asks the running verb to stop and flush what it has done; a second one ends the process.
void OnSignal(PosixSignalContext signal)
{
    if (Interlocked.Increment(ref interrupts) == 1)
    {
        signal.Cancel = true;
        interrupt.Cancel();
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var context = CliContext.FromProcess();
try
{
    return await ConsoleApp.RunAsync(args, context, interrupt.Token);
}
finally
{
    await ConsoleApp.FlushQuietly(context.Stdout);
    await ConsoleApp.FlushQuietly(context.Stderr);
}
