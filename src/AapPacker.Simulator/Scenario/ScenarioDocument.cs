using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Scenario;

/// <summary>
/// A scenario file (JSON, camelCase): who may log in, which organizations, inventories, credentials, job
/// templates (prompts, survey, outcome, output volume, duration) and workflow templates exist at start.
/// Lists left out fall back to the built-in default scenario's.
/// </summary>
internal sealed class ScenarioDocument
{
    public List<ScenarioUser>? Users { get; set; }
    public List<ScenarioOrganization>? Organizations { get; set; }
    public List<ScenarioInventory>? Inventories { get; set; }
    public List<ScenarioCredential>? Credentials { get; set; }
    public List<ScenarioJobTemplate>? JobTemplates { get; set; }
    public List<ScenarioWorkflowTemplate>? WorkflowTemplates { get; set; }
    /// <summary>Simulated seconds an inventory stays pending deletion after a 202 DELETE.</summary>
    public double? InventoryDeletionSeconds { get; set; }
}

/// <summary>A user; tokens are sent as Bearer.</summary>
internal sealed class ScenarioUser
{
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public bool Superuser { get; set; }
    /// <summary>System auditor: reads everything, 403 on any change.</summary>
    public bool Auditor { get; set; }
    /// <summary>No roles at all: sees nothing, 403 on creates.</summary>
    public bool NoRights { get; set; }
    public List<ScenarioToken> Tokens { get; set; } = [];
}

/// <summary>A personal access token with scope <c>read</c> or <c>write</c>.</summary>
internal sealed class ScenarioToken
{
    public string Token { get; set; } = "";
    public string Scope { get; set; } = "write";
}

/// <summary>An organization.</summary>
internal sealed class ScenarioOrganization
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
}

/// <summary>A seed inventory and its host names.</summary>
internal sealed class ScenarioInventory
{
    public string Name { get; set; } = "";
    public string Organization { get; set; } = "Default";
    public List<string> Hosts { get; set; } = [];
}

/// <summary>A seed credential; <c>kind</c> picks the managed type (ssh, vault, scm, ...).</summary>
internal sealed class ScenarioCredential
{
    public string Name { get; set; } = "";
    public string Organization { get; set; } = "Default";
    public string Kind { get; set; } = "ssh";
    public JsonObject Inputs { get; set; } = [];
}

/// <summary>A job template: prompts (<c>ask</c>: inventory, credential, variables, limit, ...), survey, defaults, behaviour.</summary>
internal sealed class ScenarioJobTemplate
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Organization { get; set; } = "Default";
    public string? Inventory { get; set; } = "Demo Inventory";
    public string Playbook { get; set; } = "site.yml";
    public string ExtraVars { get; set; } = "";
    public List<string> Ask { get; set; } = [];
    public ScenarioSurvey? Survey { get; set; }
    public List<string> Credentials { get; set; } = [];
    /// <summary>successful, failed or error.</summary>
    public string Outcome { get; set; } = "successful";
    public int EventCount { get; set; } = 20;
    public int EventStdoutBytes { get; set; }
    public double RunSeconds { get; set; } = 10;
    public int SliceCount { get; set; } = 1;
    public JsonObject Artifacts { get; set; } = [];
    /// <summary>Real-runner mode: run this playbook with ansible-playbook (relative to the scenario file).</summary>
    public string? PlaybookFile { get; set; }
}

/// <summary>A survey.</summary>
internal sealed class ScenarioSurvey
{
    public bool Enabled { get; set; } = true;
    public List<ScenarioSurveyQuestion> Questions { get; set; } = [];
}

/// <summary>A survey question.</summary>
internal sealed class ScenarioSurveyQuestion
{
    public string Variable { get; set; } = "";
    public string QuestionName { get; set; } = "";
    public bool Required { get; set; }
    public string Type { get; set; } = "text";
    public JsonNode? Default { get; set; }
    public List<string> Choices { get; set; } = [];
}

/// <summary>A workflow template and its nodes.</summary>
internal sealed class ScenarioWorkflowTemplate
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Organization { get; set; } = "Default";
    public string? Inventory { get; set; }
    public string ExtraVars { get; set; } = "";
    public List<string> Ask { get; set; } = [];
    public ScenarioSurvey? Survey { get; set; }
    public List<ScenarioWorkflowNode> Nodes { get; set; } = [];
}

/// <summary>A workflow node: runs <c>jobTemplate</c>, after the node <c>after</c> succeeded (or at start).</summary>
internal sealed class ScenarioWorkflowNode
{
    public string Identifier { get; set; } = "";
    public string JobTemplate { get; set; } = "";
    public string? After { get; set; }
}
