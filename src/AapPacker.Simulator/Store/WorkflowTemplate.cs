namespace AapPacker.Simulator.Store;

/// <summary>A workflow job template: prompts and a small graph of job template nodes; the serializer fields are settable.</summary>
internal sealed class WorkflowTemplate
{
    public int Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int? OrganizationId { get; set; }
    public int? InventoryId { get; set; }
    public string ExtraVars { get; set; } = "";
    public bool AllowSimultaneous { get; set; }
    public string WebhookService { get; set; } = "";
    public int? WebhookCredentialId { get; set; }

    /// <summary>
    /// AWX's <c>char_prompts</c> (limit, scm_branch, job_tags, skip_tags): a key absent reads as null
    /// (<c>NullablePromptPseudoField</c> in <c>awx/main/utils/common.py</c>).
    /// </summary>
    public Dictionary<string, string> CharPrompts { get; set; } = new(StringComparer.Ordinal);
    public ISet<string> Ask { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    public Survey Survey { get; init; } = new();
    public List<WorkflowTemplateNode> Nodes { get; init; } = [];
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Modified { get; set; }
    public bool Asks(string flag) => Ask.Contains(flag);
}

/// <summary>A node of a workflow template: runs a job template, optionally after another node succeeded.</summary>
internal sealed record WorkflowTemplateNode(int Id, int JobTemplateId, string Identifier, string? AfterIdentifier);
