namespace AapPacker.Simulator.Store;

/// <summary>A running workflow (from a workflow template, or a sliced job template).</summary>
internal sealed class WorkflowJob
{
    public int Id { get; init; }
    public required string Name { get; init; }
    /// <summary>The workflow template, or null for a sliced job.</summary>
    public int? WorkflowTemplateId { get; init; }
    /// <summary>The sliced job template, when <see cref="IsSlicedJob"/>.</summary>
    public int? JobTemplateId { get; init; }
    public bool IsSlicedJob => JobTemplateId is not null;
    public int OrganizationId { get; init; }
    public int? InventoryId { get; set; }
    public string ExtraVars { get; init; } = "{}";
    public string Limit { get; init; } = "";
    public string ScmBranch { get; init; } = "";
    public string JobTags { get; init; } = "";
    public string SkipTags { get; init; } = "";
    public int LaunchedByUserId { get; init; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset? CancelRequested { get; set; }
    public List<WorkflowJobNode> Nodes { get; } = [];
    /// <summary>For a sliced job: what every slice job runs with.</summary>
    public Jobs.JobLaunchParams? SliceLaunch { get; init; }
    /// <summary>Set once every node has finished or will never run.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
    public string? FinalStatus { get; set; }
    public string JobExplanation { get; set; } = "";
    /// <summary>Workflows start running one simulated second after launch.</summary>
    public DateTimeOffset RunningAt => Created + TimeSpan.FromSeconds(1);
}

/// <summary>A node of a workflow job; <see cref="JobId"/> stays null until the node spawns its job.</summary>
internal sealed class WorkflowJobNode
{
    public int Id { get; init; }
    public int JobTemplateId { get; init; }
    public required string Identifier { get; init; }
    public string? AfterIdentifier { get; init; }
    public int? JobId { get; set; }
    public bool DoNotRun { get; set; }
    public DateTimeOffset Created { get; init; }
    /// <summary>For sliced jobs: 1-based slice number and the hosts of this slice.</summary>
    public int SliceNumber { get; init; }
    public IReadOnlyList<string>? SliceHosts { get; init; }
}

/// <summary>A launch request as received (for <c>/_sim/state</c> "launches").</summary>
internal sealed record LaunchRecord(int TemplateId, string Kind, System.Text.Json.Nodes.JsonNode Payload, int? JobId);
