using System;

namespace AapPacker.Engine.Api.Resources;

/// <summary>An inventory as AAP returns it (<c>inventories/&lt;id&gt;/</c>).</summary>
internal sealed record InventoryRecord
{
    /// <summary>The id.</summary>
    public int Id { get; set; }

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The owning organization's id (0 when AAP gave none).</summary>
    public int OrganizationId { get; set; }

    /// <summary>The owning organization's name, from <c>summary_fields</c>, when listed.</summary>
    public string? OrganizationName { get; set; }

    /// <summary>The description (AapPacker's build marker lives here).</summary>
    public string Description { get; set; } = "";

    /// <summary>When AAP made it.</summary>
    public DateTimeOffset? Created { get; set; }

    /// <summary>Its API path (<c>url</c>).</summary>
    public string? ApiPath { get; set; }

    /// <summary>True while AAP deletes it in the background.</summary>
    public bool PendingDeletion { get; set; }

    /// <summary>How many hosts it has, when AAP says.</summary>
    public int? TotalHosts { get; set; }
}
