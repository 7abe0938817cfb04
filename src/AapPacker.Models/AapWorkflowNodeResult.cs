namespace AapPacker.Models;

/// <summary>What one workflow node did.</summary>
public sealed class AapWorkflowNodeResult
{
    /// <summary>The workflow job node id.</summary>
    public int NodeId { get; set; }

    /// <summary>The node's identifier in the workflow, if set.</summary>
    public string? Identifier { get; set; }

    /// <summary>The template the node runs.</summary>
    public string TemplateName { get; set; } = "";

    /// <summary>The spawned job id (null if the node never ran).</summary>
    public int? JobId { get; set; }

    /// <summary>The spawned job's type (<c>job</c>, <c>workflow_job</c>, <c>project_update</c>, …).</summary>
    public string? JobType { get; set; }

    /// <summary>The spawned job's status, or <c>not run</c>.</summary>
    public string Status { get; set; } = "not run";

    /// <summary>True when the spawned job failed, errored or was canceled.</summary>
    public bool Failed { get; set; }

    /// <summary>The spawned job's result with host recaps, when it was a job.</summary>
    public AapJobResult? Result { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"node {NodeId} '{TemplateName}': {Status}";
}
