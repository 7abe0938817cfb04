using System;
using System.Collections.Generic;
using System.Text.Json;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>A job template or workflow job template as AAP lists it.</summary>
internal sealed class TemplateRecord
{
    private const string AskPrefix = "ask_";
    private const string AskSuffix = "_on_launch";

    /// <summary>The template id.</summary>
    public int Id { get; set; }

    /// <summary>True for a workflow job template.</summary>
    public bool IsWorkflow { get; set; }

    /// <summary>The kind of job it launches.</summary>
    public JobKind Launches => JobKinds.OfTemplate(IsWorkflow);

    /// <summary>AAP's type name: <c>job_template</c> or <c>workflow_job_template</c> (what <c>AapJobTemplate.Type</c> shows).</summary>
    public string TypeName => IsWorkflow ? "workflow_job_template" : "job_template";

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The description.</summary>
    public string Description { get; set; } = "";

    /// <summary>The owning organization's id.</summary>
    public int? OrganizationId { get; set; }

    /// <summary>The owning organization's name, when AAP includes it.</summary>
    public string? OrganizationName { get; set; }

    /// <summary>The template's own inventory.</summary>
    public int? InventoryId { get; set; }

    /// <summary>True when a survey is enabled.</summary>
    public bool SurveyEnabled { get; set; }

    /// <summary>Its API path as AAP gives it.</summary>
    public string ApiPath { get; set; } = "";

    /// <summary>
    /// What it prompts for at launch: the <c>ask_X_on_launch</c> flags that are true, as <c>X</c>
    /// (<c>inventory</c>, <c>credential</c>, <c>variables</c> ...).
    /// </summary>
    public IList<string> Prompts { get; } = new List<string>();

    /// <summary>Reads a template document or list item.</summary>
    public static TemplateRecord Read(JsonElement json, bool isWorkflow)
    {
        var id = json.Int("id") ?? 0;
        var template = new TemplateRecord
        {
            Id = id,
            IsWorkflow = isWorkflow,
            Name = json.String("name") ?? "",
            Description = json.String("description") ?? "",
            OrganizationId = json.Int("organization"),
            OrganizationName = json.Path("summary_fields", "organization")?.String("name"),
            InventoryId = json.Int("inventory"),
            SurveyEnabled = json.Bool("survey_enabled"),
            ApiPath = json.String("url") ?? JobTemplatesResource.Path(isWorkflow, id),
        };
        if (json.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in json.EnumerateObject())
            {
                if (property.Name.StartsWith(AskPrefix, StringComparison.Ordinal) && property.Name.EndsWith(AskSuffix, StringComparison.Ordinal)
                    && property.Value.ValueKind == JsonValueKind.True)
                {
                    template.Prompts.Add(property.Name.Substring(AskPrefix.Length, property.Name.Length - AskPrefix.Length - AskSuffix.Length));
                }
            }
        }

        return template;
    }
}
