namespace AapPacker.Testing;

/// <summary>One entry of <c>GET /_sim/requests</c> (<see cref="SimulatorControl.GetRequestsAsync"/>).</summary>
public sealed record LoggedRequest(string Method, string Path, string? Query, int Status, string Auth)
{
    /// <summary>Real time of the answer.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Real time the request arrived, before any injected latency.</summary>
    public DateTimeOffset? Started { get; init; }
}
