namespace AapPacker.Engine.Api.Resources;

/// <summary>A node of a workflow job (<c>workflow_jobs/N/workflow_nodes/</c>) and the job it spawned, if any.</summary>
internal sealed class WorkflowNode
{
    /// <summary>The node id.</summary>
    public int Id { get; set; }

    /// <summary>The node's identifier (a UUID unless someone named it).</summary>
    public string? Identifier { get; set; }

    /// <summary>The spawned job's id; null until the node runs.</summary>
    public int? JobId { get; set; }

    /// <summary>AAP's type of the spawned unified job as text (<c>job</c>, <c>project_update</c> ...), when given.</summary>
    public string? JobTypeName { get; set; }

    /// <summary>The spawned job's kind; null for another unified job type or when not given.</summary>
    public JobKind? JobKind { get; set; }

    /// <summary>The spawned job's status; empty when not given.</summary>
    public string JobStatus { get; set; } = "";

    /// <summary>The spawned job's name.</summary>
    public string? JobName { get; set; }

    /// <summary>The spawned job's <c>failed</c> flag.</summary>
    public bool JobFailed { get; set; }

    /// <summary>The name of the node's template, when AAP includes it.</summary>
    public string? TemplateName { get; set; }

    /// <summary>True when the workflow decided not to run the node.</summary>
    public bool DoNotRun { get; set; }

    /// <summary>True when the spawned job is a playbook job (one with events and a recap); an untyped one counts as such.</summary>
    public bool RunsPlaybook => JobTypeName is null || JobKind == Resources.JobKind.Job;
}
