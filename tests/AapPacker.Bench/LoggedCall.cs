namespace AapPacker.Bench;

/// <summary>One entry of the simulator's request log: what was asked, the answer's status, when it arrived and when it was answered.</summary>
internal sealed record LoggedCall(string Method, string Path, int Status, DateTimeOffset At, DateTimeOffset Started, string? Query = null);
