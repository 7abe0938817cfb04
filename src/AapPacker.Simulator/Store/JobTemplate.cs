namespace AapPacker.Simulator.Store;

/// <summary>
/// A job template with its prompts, defaults and scripted behaviour. The JobTemplateSerializer fields are settable
/// (PUT/PATCH); the script stays bound to the template whatever its playbook becomes.
/// </summary>
internal sealed class JobTemplate
{
    public int Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int OrganizationId { get; set; }
    public int? InventoryId { get; set; }
    public int ProjectId { get; set; }
    public string Playbook { get; set; } = "site.yml";
    public string ExtraVars { get; set; } = "";
    public string JobType { get; set; } = "run";
    public int JobSliceCount { get; set; } = 1;
    public string ScmBranch { get; set; } = "";
    public int Forks { get; set; }
    public string Limit { get; set; } = "";
    public int Verbosity { get; set; }
    public string JobTags { get; set; } = "";
    public string SkipTags { get; set; } = "";
    public string StartAtTask { get; set; } = "";
    public int Timeout { get; set; }
    public bool ForceHandlers { get; set; }
    public bool UseFactCache { get; set; }
    public string HostConfigKey { get; set; } = "";
    public bool BecomeEnabled { get; set; }
    public bool DiffMode { get; set; }
    public bool AllowSimultaneous { get; set; }
    public string WebhookService { get; set; } = "";
    public int? WebhookCredentialId { get; set; }
    public bool PreventInstanceGroupFallback { get; set; }
    public ISet<string> Ask { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    public Survey Survey { get; init; } = new();
    public List<int> CredentialIds { get; init; } = [];
    public JobScript Script { get; init; } = new();
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Modified { get; set; }
    public bool Asks(string flag) => Ask.Contains(flag);
}
