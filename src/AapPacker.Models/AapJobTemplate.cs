using System.Collections.Generic;

namespace AapPacker.Models;

/// <summary>
/// A job template or workflow job template as <c>Get-AapJobTemplate</c> and <c>Get-AapWorkflowJobTemplate</c> list
/// it: who owns it and what it prompts for on launch (a build needs the inventory prompt, and the credential prompt
/// unless it runs with <c>-NoCredential</c>).
/// </summary>
public sealed class AapJobTemplate
{
    /// <summary>AAP's id.</summary>
    public int Id { get; set; }

    /// <summary><c>job_template</c> or <c>workflow_job_template</c>.</summary>
    public string Type { get; set; } = "job_template";

    /// <summary>The name (unique within its organization, not across organizations).</summary>
    public string Name { get; set; } = "";

    /// <summary>The description.</summary>
    public string Description { get; set; } = "";

    /// <summary>The owning organization's controller id, when it has one.</summary>
    public int? OrganizationId { get; set; }

    /// <summary>The owning organization's name, when it has one.</summary>
    public string? Organization { get; set; }

    /// <summary>The template's own inventory, when it has one.</summary>
    public int? InventoryId { get; set; }

    /// <summary>True when the template prompts for an inventory (every build launch sends one).</summary>
    public bool AsksInventory { get; set; }

    /// <summary>True when the template prompts for credentials (a build that brings its temporary Machine credential needs it).</summary>
    public bool AsksCredential { get; set; }

    /// <summary>True when the template prompts for extra variables.</summary>
    public bool AsksVariables { get; set; }

    /// <summary>Every launch field the template prompts for, by AAP's name (<c>inventory</c>, <c>credential</c>, <c>limit</c>, …).</summary>
    public IList<string> Prompts { get; set; } = new List<string>();

    /// <summary>True when a survey is enabled (its variables can be passed in <c>-ExtraVars</c>).</summary>
    public bool SurveyEnabled { get; set; }

    /// <summary>The template's page in the AAP web UI.</summary>
    public string? Url { get; set; }

    /// <summary>The API path, e.g. <c>/api/v2/job_templates/7/</c>.</summary>
    public string ApiPath { get; set; } = "";

    /// <summary>True for a workflow job template.</summary>
    public bool IsWorkflow => Type == "workflow_job_template";

    /// <inheritdoc />
    public override string ToString() => $"{(IsWorkflow ? "workflow job template" : "job template")} {Id} '{Name}'";
}
