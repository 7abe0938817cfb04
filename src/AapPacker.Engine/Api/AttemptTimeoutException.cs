using System;

namespace AapPacker.Engine.Api;

/// <summary>
/// One attempt got no complete answer within <see cref="AapClientOptions.RequestTimeout"/>. Internal: retried for
/// idempotent calls, otherwise reported as <see cref="AapErrorKind.Unreachable"/>.
/// </summary>
internal sealed class AttemptTimeoutException : Exception
{
    public AttemptTimeoutException(TimeSpan timeout, Exception inner)
        : base("No answer within " + timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s.", inner)
    {
    }
}
