namespace AapPacker.Simulator.Jobs;

/// <summary>One generated job event (computed on demand from the job and the counter; never stored).</summary>
internal sealed record JobEvent(
    int Counter,
    string Event,
    string Stdout,
    int StartLine,
    int EndLine,
    string? HostName,
    string Play,
    string Task,
    bool Failed,
    bool Changed,
    int EventLevel)
{
    public string Display => Event switch
    {
        "playbook_on_start" => "Playbook Started",
        "playbook_on_play_start" => $"Play Started ({Play})",
        "playbook_on_task_start" => $"Task Started ({Task})",
        "runner_on_ok" => "Host OK",
        "runner_on_failed" => "Host Failed",
        "playbook_on_stats" => "Playbook Complete",
        _ => Event,
    };
}
