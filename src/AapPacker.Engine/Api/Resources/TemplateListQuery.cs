namespace AapPacker.Engine.Api.Resources;

/// <summary>What <see cref="JobTemplatesResource.ListAsync"/> selects; the list is ordered by name.</summary>
internal sealed class TemplateListQuery
{
    /// <summary>Only templates named exactly this; null = any.</summary>
    public string? Name { get; set; }

    /// <summary>Only templates of this organization; null = any.</summary>
    public int? OrganizationId { get; set; }
}
