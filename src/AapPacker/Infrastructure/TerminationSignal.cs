using System;
#if NET8_0_OR_GREATER
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
#endif

namespace AapPacker.Infrastructure;

/// <summary>
/// SIGTERM (and SIGQUIT) while an AapPacker cmdlet runs are treated like Ctrl-C: the cmdlet's token is canceled and
/// the process stays up until its cancel and cleanup are done (CI cancels send SIGINT, then SIGTERM a few seconds
/// later, then kill: packer-and-ci.md §3.6). SIGINT stays with the host, which turns it into StopProcessing.
/// Windows PowerShell 5.1 gets Ctrl-C/Ctrl-Break through its host only, so this is a no-op there.
/// </summary>
internal static class TerminationSignal
{
#if NET8_0_OR_GREATER
    private static int _requested;
#endif

    /// <summary>
    /// Calls <paramref name="stop"/> on SIGTERM/SIGQUIT until the returned handle is disposed, and at once when one
    /// already came during an earlier cmdlet: the process is going away, so a cmdlet the script (or the next stage
    /// of the pipeline) starts after it stops before it does anything (a Wait-AapJob after the signal cancels its job).
    /// </summary>
    public static IDisposable Register(Action stop)
    {
#if NET8_0_OR_GREATER
        var registrations = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true; // keep the process alive until the cleanup has run
                    Interlocked.Exchange(ref _requested, 1);
                    stop();
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // Not every signal exists everywhere; Ctrl-C still works through the host.
            }
        }

        if (Volatile.Read(ref _requested) != 0)
        {
            stop();
        }

        return new Registrations(registrations);
#else
        return Registrations.None;
#endif
    }

    private sealed class Registrations : IDisposable
    {
#if NET8_0_OR_GREATER
        private readonly List<PosixSignalRegistration> _items;

        public Registrations(List<PosixSignalRegistration> items) => _items = items;

        public void Dispose() => _items.ForEach(r => r.Dispose());
#else
        public static readonly Registrations None = new Registrations();

        public void Dispose()
        {
        }
#endif
    }
}
