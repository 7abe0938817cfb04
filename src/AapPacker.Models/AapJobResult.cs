using System;
using System.Collections.Generic;

namespace AapPacker.Models;

/// <summary>How a job or workflow job ended, as <c>Wait-AapJob</c> returns it.</summary>
public sealed class AapJobResult
{
    /// <summary>AAP's id.</summary>
    public int Id { get; set; }

    /// <summary><c>job</c> or <c>workflow_job</c>.</summary>
    public string Type { get; set; } = "job";

    /// <summary>The job name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The job's output page in the AAP web UI.</summary>
    public string? Url { get; set; }

    /// <summary>The build the job belongs to (the followed job's <see cref="AapJob.BuildId"/>), or null.</summary>
    public string? BuildId { get; set; }

    /// <summary>The final status (or the last seen one when <see cref="TimedOut"/>).</summary>
    public string Status { get; set; } = "";

    /// <summary>True for <c>failed</c>, <c>error</c> and <c>canceled</c>, and when a workflow node failed.</summary>
    public bool Failed { get; set; }

    /// <summary>True when waiting stopped at the timeout.</summary>
    public bool TimedOut { get; set; }

    /// <summary>How long the job ran (AAP's <c>elapsed</c>).</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? Started { get; set; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? Finished { get; set; }

    /// <summary>Per-host recap.</summary>
    public IList<AapHostRecap> HostRecaps { get; set; } = new List<AapHostRecap>();

    /// <summary>Artifacts the playbook set with <c>set_stats</c>.</summary>
    public IDictionary<string, object?> Artifacts { get; set; } = new Dictionary<string, object?>();

    /// <summary>AAP's explanation (e.g. <c>Job terminated due to timeout</c>).</summary>
    public string JobExplanation { get; set; } = "";

    /// <summary>Workflows: what each node did.</summary>
    public IList<AapWorkflowNodeResult> Nodes { get; set; } = new List<AapWorkflowNodeResult>();

    /// <summary>Output lines streamed (0 with -NoOutput).</summary>
    public long OutputLines { get; set; }

    /// <summary>What the build's cleanup did (Invoke-AapPackerProvision only; null for Wait-AapJob).</summary>
    public AapCleanupResult? Cleanup { get; set; }

    /// <summary>The exit code this outcome maps to.</summary>
    public AapProvisionExitCode ExitCode =>
        TimedOut ? AapProvisionExitCode.TimedOut
        : Status == "canceled" ? AapProvisionExitCode.JobCanceled
        : Failed ? AapProvisionExitCode.JobFailed
        : AapProvisionExitCode.Success;

    /// <inheritdoc />
    public override string ToString()
        => $"{Type} {Id} '{Name}' {(TimedOut ? "timed out (" + Status + ")" : Status)} after {Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}s";
}
