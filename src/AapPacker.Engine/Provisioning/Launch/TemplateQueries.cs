using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>Lists job templates and workflow job templates for <c>Get-AapJobTemplate</c> and <c>Get-AapWorkflowJobTemplate</c>.</summary>
internal sealed class TemplateQueries
{
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
        var query = new TemplateListQuery { Name = string.IsNullOrEmpty(name) ? null : name };
        if (!string.IsNullOrWhiteSpace(organization))
        {
            query.OrganizationId = (await new NamedObjectResolver(_api).OrganizationAsync(organization!, cancellationToken).ConfigureAwait(false)).Id;
        }

        await foreach (var item in _api.Templates(isWorkflow).ListAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return ToTemplate(item);
        }
    }

    /// <summary>One template by name or id (an id given as a number, or a name within the organization first).</summary>
    public async Task<AapJobTemplate> GetAsync(bool isWorkflow, NameOrId reference, string? organization, CancellationToken cancellationToken)
    {
        var resolver = new NamedObjectResolver(_api);
        var found = await resolver.TemplateAsync(isWorkflow, reference, resolver.OrganizationIdAsync(organization, cancellationToken), cancellationToken).ConfigureAwait(false);
        return ToTemplate(TemplateRecord.Read(found.Json, isWorkflow));
    }

    /// <summary>Maps a template read from AAP.</summary>
    public AapJobTemplate ToTemplate(TemplateRecord record)
    {
        if (record is null)
        {
            throw new ArgumentNullException(nameof(record));
        }

        var template = new AapJobTemplate
        {
            Id = record.Id,
            Type = record.TypeName,
            Name = record.Name,
            Description = record.Description,
            OrganizationId = record.OrganizationId,
            Organization = record.OrganizationName,
            InventoryId = record.InventoryId,
            SurveyEnabled = record.SurveyEnabled,
            ApiPath = record.ApiPath,
        };
        foreach (var prompt in record.Prompts)
        {
            template.Prompts.Add(prompt);
        }

        template.AsksInventory = template.Prompts.Contains("inventory");
        template.AsksCredential = template.Prompts.Contains("credential");
        template.AsksVariables = template.Prompts.Contains("variables");
        template.Url = UiLinks.Template(_api.Info, record.IsWorkflow, template.Id);
        return template;
    }
}
