namespace AapPacker.Engine.Api.Resources;

/// <summary>A host as AAP returns it (<c>hosts/&lt;id&gt;/</c>).</summary>
internal sealed record HostRecord
{
    /// <summary>The id.</summary>
    public int Id { get; set; }

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The inventory it belongs to (null when AAP gave none).</summary>
    public int? InventoryId { get; set; }

    /// <summary>The description (AapPacker's host marker lives here); null when AAP gave none.</summary>
    public string? Description { get; set; }

    /// <summary>Its API path (<c>url</c>).</summary>
    public string? ApiPath { get; set; }
}
