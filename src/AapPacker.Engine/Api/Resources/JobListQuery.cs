using System.Collections.Generic;

namespace AapPacker.Engine.Api.Resources;

/// <summary>What <see cref="JobsResource.ListAsync"/> selects; the list is newest first.</summary>
internal sealed class JobListQuery
{
    /// <summary>Statuses to keep (AAP's names); empty = any.</summary>
    public IList<string> Statuses { get; } = new List<string>();

    /// <summary>Only jobs whose inventory's name starts with this; null = any.</summary>
    public string? InventoryNamePrefix { get; set; }

    /// <summary>Only jobs of this template (a job template for jobs, a workflow job template for workflow jobs); null = any.</summary>
    public int? TemplateId { get; set; }

    /// <summary>Items a page (1-200).</summary>
    public int PageSize { get; set; } = 20;
}
