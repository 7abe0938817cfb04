using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Store;

/// <summary>How a template's jobs behave when they run: outcome, output volume, duration.</summary>
internal sealed class JobScript
{
    /// <summary>successful, failed or error.</summary>
    public string Outcome { get; init; } = "successful";
    /// <summary>Total number of job events (at least 4: start, play, ..., stats).</summary>
    public int EventCount { get; init; } = 20;
    /// <summary>Bytes of stdout per host event (0 = a short natural line).</summary>
    public int EventStdoutBytes { get; init; }
    /// <summary>Simulated seconds between <c>running</c> and the terminal status.</summary>
    public double RunSeconds { get; init; } = 10;
    /// <summary>What <c>set_stats</c> publishes (job <c>artifacts</c>).</summary>
    public JsonObject Artifacts { get; init; } = [];
    /// <summary>When set, jobs run this playbook for real (real-runner mode) instead of following the script.</summary>
    public string? PlaybookFile { get; init; }
}
