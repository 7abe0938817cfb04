namespace AapPacker.Simulator.Store;

/// <summary>A workflow job template: prompts and a small graph of job template nodes.</summary>
internal sealed class WorkflowTemplate
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public int OrganizationId { get; init; }
    public int? InventoryId { get; init; }
    public string ExtraVars { get; init; } = "";
    public ISet<string> Ask { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    public Survey Survey { get; init; } = new();
    public List<WorkflowTemplateNode> Nodes { get; init; } = [];
    public DateTimeOffset Created { get; init; }
    public bool Asks(string flag) => Ask.Contains(flag);
}

/// <summary>A node of a workflow template: runs a job template, optionally after another node succeeded.</summary>
internal sealed record WorkflowTemplateNode(int Id, int JobTemplateId, string Identifier, string? AfterIdentifier);
