namespace AapPacker.Testing;

/// <summary>A fault rule for <c>POST /_sim/faults</c> (<see cref="SimulatorControl.AddFaultsAsync(FaultSpec[])"/>).</summary>
public sealed record FaultSpec(string Method, string Path, string Kind)
{
    public int? Status { get; init; }
    public double? Rate { get; init; }
    public int? Count { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public int? LatencyMs { get; init; }
}
