using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>Lists job templates and workflow job templates for <c>Get-AapJobTemplate</c> and <c>Get-AapWorkflowJobTemplate</c>.</summary>
public sealed class TemplateQueries
{
    private const string Prefix = "ask_";
    private const string Suffix = "_on_launch";
    private readonly IAapApi _api;

    /// <summary>Creates the reader.</summary>
    public TemplateQueries(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>
    /// Templates of one kind, ordered by name, optionally those named exactly <paramref name="name"/> and those of
    /// one organization (a name or id, resolved first).
    /// </summary>
    public async IAsyncEnumerable<AapJobTemplate> ListAsync(bool isWorkflow, string? name, string? organization,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new List<string> { "order_by=name" };
        if (!string.IsNullOrEmpty(name))
        {
            query.Add("name=" + Uri.EscapeDataString(name));
        }

        if (!string.IsNullOrWhiteSpace(organization))
        {
            var id = (await new NamedObjectResolver(_api).OrganizationAsync(organization!, cancellationToken).ConfigureAwait(false)).Id;
            query.Add("organization=" + id.ToString(CultureInfo.InvariantCulture));
        }

        await foreach (var item in _api.ListAsync(Endpoint(isWorkflow) + "?" + string.Join("&", query), cancellationToken).ConfigureAwait(false))
        {
            yield return ToTemplate(item, isWorkflow);
        }
    }

    /// <summary>One template by name or id (an id given as a number, or a name within the organization first).</summary>
    public async Task<AapJobTemplate> GetAsync(bool isWorkflow, NameOrId reference, string? organization, CancellationToken cancellationToken)
    {
        var resolver = new NamedObjectResolver(_api);
        var organizationId = string.IsNullOrWhiteSpace(organization)
            ? (int?)null
            : (await resolver.OrganizationAsync(organization!, cancellationToken).ConfigureAwait(false)).Id;
        var found = isWorkflow
            ? await resolver.WorkflowJobTemplateAsync(reference, organizationId, cancellationToken).ConfigureAwait(false)
            : await resolver.JobTemplateAsync(reference, organizationId, cancellationToken).ConfigureAwait(false);
        return ToTemplate(found.Json, isWorkflow);
    }

    /// <summary>Maps a template document.</summary>
    public AapJobTemplate ToTemplate(JsonElement json, bool isWorkflow)
    {
        var template = new AapJobTemplate
        {
            Id = json.Int("id") ?? 0,
            Type = isWorkflow ? "workflow_job_template" : "job_template",
            Name = json.String("name") ?? "",
            Description = json.String("description") ?? "",
            OrganizationId = json.Int("organization"),
            Organization = json.Path("summary_fields", "organization")?.String("name"),
            InventoryId = json.Int("inventory"),
            SurveyEnabled = json.Bool("survey_enabled"),
            ApiPath = json.String("url") ?? Endpoint(isWorkflow) + (json.Int("id") ?? 0).ToString(CultureInfo.InvariantCulture) + "/",
        };
        if (json.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in json.EnumerateObject())
            {
                if (property.Name.StartsWith(Prefix, StringComparison.Ordinal) && property.Name.EndsWith(Suffix, StringComparison.Ordinal)
                    && property.Value.ValueKind == JsonValueKind.True)
                {
                    template.Prompts.Add(property.Name.Substring(Prefix.Length, property.Name.Length - Prefix.Length - Suffix.Length));
                }
            }
        }

        template.AsksInventory = template.Prompts.Contains("inventory");
        template.AsksCredential = template.Prompts.Contains("credential");
        template.AsksVariables = template.Prompts.Contains("variables");
        template.Url = UiLinks.Template(_api.Info, isWorkflow, template.Id);
        return template;
    }

    private static string Endpoint(bool isWorkflow) => isWorkflow ? "workflow_job_templates/" : "job_templates/";
}
