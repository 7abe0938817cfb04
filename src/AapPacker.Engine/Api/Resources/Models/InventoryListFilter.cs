namespace AapPacker.Engine.Api.Resources;

/// <summary>What to list inventories by; every part is optional.</summary>
internal sealed record InventoryListFilter
{
    /// <summary>Only this id.</summary>
    public int? Id { get; set; }

    /// <summary>Only this exact name.</summary>
    public string? Name { get; set; }

    /// <summary>Only those whose name starts with this (case-sensitive).</summary>
    public string? NameStartsWith { get; set; }

    /// <summary>Only this organization's.</summary>
    public int? OrganizationId { get; set; }

    /// <summary>Ordered by id rather than by name.</summary>
    public bool OrderById { get; set; }
}
