namespace AapPacker.Bench.Figures;

/// <summary>One lifecycle in a fresh pwsh: its job, the cmdlet's own timing, when the import ended and the cmdlet returned, the process.</summary>
internal sealed record ColdLifecycle(int JobId, double Seconds, DateTimeOffset Imported, DateTimeOffset Returned, ChildRun Process);
