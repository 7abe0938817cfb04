using System;
using System.Threading;
using AapPacker.Engine.Api;

namespace AapPacker.Infrastructure;

/// <summary>
/// The log of the cmdlet currently running, carried by the async flow. A client outlives the cmdlet that
/// connected it, so its log (<see cref="AmbientAapLog"/>) asks this scope where to write at each call.
/// </summary>
internal static class CmdletLogScope
{
    private static readonly AsyncLocal<IAapLog?> CurrentLog = new AsyncLocal<IAapLog?>();

    /// <summary>The running cmdlet's log, or null outside a cmdlet.</summary>
    public static IAapLog? Current => CurrentLog.Value;

    /// <summary>Makes <paramref name="log"/> current for the rest of this async flow, until disposed.</summary>
    public static IDisposable Enter(IAapLog log)
    {
        var _previous = CurrentLog.Value;
        CurrentLog.Value = log;
        return new Restore(_previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly IAapLog? _previous;

        public Restore(IAapLog? previous) => _previous = previous;

        public void Dispose() => CurrentLog.Value = _previous;
    }
}
