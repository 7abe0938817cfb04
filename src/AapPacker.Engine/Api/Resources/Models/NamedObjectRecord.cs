using System.Text.Json;

namespace AapPacker.Engine.Api.Resources;

/// <summary>Any object looked up by name or id (<see cref="NamedCollection"/>): id, name and owning organization.</summary>
internal sealed record NamedObjectRecord
{
    /// <summary>The id.</summary>
    public int Id { get; set; }

    /// <summary>The name, or null when AAP gave none.</summary>
    public string? Name { get; set; }

    /// <summary>The owning organization's id (from <c>summary_fields</c>, else the <c>organization</c> field), or null.</summary>
    public int? OrganizationId { get; set; }

    /// <summary>The owning organization's name, when AAP gives the summary.</summary>
    public string? OrganizationName { get; set; }

    /// <summary>The document as AAP returned it, for the resource of its collection to map (never read fields from it outside <c>Api</c>).</summary>
    public JsonElement Document { get; set; }
}
