using System;
#if NET8_0_OR_GREATER
using System.Collections.Generic;
using System.Runtime.InteropServices;
#endif

namespace AapPacker.Infrastructure
{
    /// <summary>
    /// SIGTERM (and SIGQUIT) while an AapPacker cmdlet runs are treated like Ctrl-C: the cmdlet's token is canceled and
    /// the process stays up until its cancel and cleanup are done (CI cancels send SIGINT, then SIGTERM a few seconds
    /// later, then kill: packer-and-ci.md §3.6). SIGINT stays with the host, which turns it into StopProcessing.
    /// Windows PowerShell 5.1 gets Ctrl-C/Ctrl-Break through its host only, so this is a no-op there.
    /// </summary>
    internal static class TerminationSignal
    {
        /// <summary>Calls <paramref name="stop"/> on SIGTERM/SIGQUIT until the returned handle is disposed.</summary>
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
                        stop();
                    }));
                }
                catch (PlatformNotSupportedException)
                {
                    // Not every signal exists everywhere; Ctrl-C still works through the host.
                }
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
}
