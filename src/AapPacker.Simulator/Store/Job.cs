namespace AapPacker.Simulator.Store;

/// <summary>A playbook run. Its status is a function of simulated time (see <see cref="Jobs.JobTimeline"/>).</summary>
internal sealed class Job
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public int JobTemplateId { get; init; }
    public int OrganizationId { get; init; }
    public int? InventoryId { get; set; }
    public int ProjectId { get; init; }
    public string Playbook { get; init; } = "site.yml";
    public List<int> CredentialIds { get; init; } = [];
    /// <summary>The merged extra vars as a JSON string (as AAP returns them).</summary>
    public string ExtraVars { get; init; } = "{}";
    public string JobType { get; init; } = "run";
    public string Limit { get; init; } = "";
    public int Verbosity { get; init; }
    public int Forks { get; init; }
    public int Timeout { get; init; }
    public bool DiffMode { get; init; }
    public string JobTags { get; init; } = "";
    public string SkipTags { get; init; } = "";
    public string ScmBranch { get; init; } = "";
    public string LaunchType { get; init; } = "manual";
    public int LaunchedByUserId { get; init; }
    public DateTimeOffset Created { get; init; }
    public required JobScript Script { get; init; }
    /// <summary>The hosts the playbook runs on (snapshot at launch).</summary>
    public IReadOnlyList<string> HostNames { get; init; } = [];
    public DateTimeOffset? CancelRequested { get; set; }
    public int? WorkflowJobId { get; init; }
    public int? WorkflowNodeId { get; init; }
    public int JobSliceNumber { get; init; }
    public int JobSliceCount { get; init; } = 1;
    /// <summary>The real ansible-playbook run of a template bound to a playbook file; null for scripted jobs.</summary>
    public Runner.PlaybookRun? Run { get; set; }
}
