namespace AapPacker.Simulator.Store;

/// <summary>A job template with its prompts, defaults and scripted behaviour.</summary>
internal sealed class JobTemplate
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public int OrganizationId { get; init; }
    public int? InventoryId { get; set; }
    public int ProjectId { get; init; }
    public string Playbook { get; init; } = "site.yml";
    public string ExtraVars { get; init; } = "";
    public string JobType { get; init; } = "run";
    public int JobSliceCount { get; init; } = 1;
    public ISet<string> Ask { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    public Survey Survey { get; init; } = new();
    public List<int> CredentialIds { get; init; } = [];
    public JobScript Script { get; init; } = new();
    public DateTimeOffset Created { get; init; }
    public bool Asks(string flag) => Ask.Contains(flag);
}
