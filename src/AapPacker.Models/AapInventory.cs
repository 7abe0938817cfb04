using System;

namespace AapPacker.Models;

/// <summary>An inventory in AAP, usually the temporary one AapPacker created for a build.</summary>
public sealed class AapInventory
{
    /// <summary>AAP's id.</summary>
    public int Id { get; set; }

    /// <summary>The name, e.g. <c>packer-7f3a…-local-k2x9q4</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The owning organization's controller id.</summary>
    public int OrganizationId { get; set; }

    /// <summary>The owning organization's name, when AAP listed it (<c>Get-AapInventory</c>).</summary>
    public string? Organization { get; set; }

    /// <summary>The number of hosts, when AAP listed it (<c>Get-AapInventory</c>).</summary>
    public int? TotalHosts { get; set; }

    /// <summary>The build this inventory was created for (parsed from its description), or null.</summary>
    public string? BuildId { get; set; }

    /// <summary>The inventory's page in the AAP web UI.</summary>
    public string? Url { get; set; }

    /// <summary>The API path, e.g. <c>/api/v2/inventories/15/</c>.</summary>
    public string? ApiPath { get; set; }

    /// <summary>The description (AapPacker writes its build marker here).</summary>
    public string Description { get; set; } = "";

    /// <summary>When AAP created it.</summary>
    public DateTimeOffset? Created { get; set; }

    /// <summary>True while AAP is deleting it in the background.</summary>
    public bool PendingDeletion { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"inventory {Id} '{Name}'";
}
