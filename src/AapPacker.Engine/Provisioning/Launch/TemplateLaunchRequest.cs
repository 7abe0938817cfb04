using System.Collections.Generic;

namespace AapPacker.Engine.Provisioning;

/// <summary>What <c>Start-AapJobTemplate</c> / <c>Start-AapWorkflowJobTemplate</c> were given. Null = not given.</summary>
internal sealed class TemplateLaunchRequest
{
    /// <summary>Template name or id.</summary>
    public NameOrId Template { get; set; } = NameOrId.FromText("");

    /// <summary>The organization (name or id) whose template of that name is meant; null = any.</summary>
    public string? Organization { get; set; }

    /// <summary>True for a workflow job template.</summary>
    public bool IsWorkflow { get; set; }

    /// <summary>Inventory id (from the pipeline).</summary>
    public int? InventoryId { get; set; }

    /// <summary>
    /// True when the inventory is unique to this launch (a temporary inventory): a lost launch answer is then
    /// reconciled by looking the job up by inventory.
    /// </summary>
    public bool InventoryIsUnique { get; set; }

    /// <summary>Credentials (names or ids).</summary>
    public IList<string> Credentials { get; set; } = new List<string>();

    /// <summary>Extra variables: hashtable, JSON or YAML text.</summary>
    public object? ExtraVars { get; set; }

    /// <summary>Labels (names or ids).</summary>
    public IList<string> Labels { get; set; } = new List<string>();

    /// <summary>Execution environment (name or id).</summary>
    public string? ExecutionEnvironment { get; set; }

    /// <summary>Instance groups (names or ids).</summary>
    public IList<string> InstanceGroups { get; set; } = new List<string>();

    /// <summary>The scalar launch fields (Limit, JobTags, …); its Inventory/Credentials/ExtraVars/Labels/… are ignored.</summary>
    public LaunchRequest Launch { get; set; } = new LaunchRequest();

    /// <summary>The build the job belongs to, if any.</summary>
    public string? BuildId { get; set; }
}
