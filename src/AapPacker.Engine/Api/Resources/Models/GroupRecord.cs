namespace AapPacker.Engine.Api.Resources;

/// <summary>An inventory group as AAP returns it.</summary>
internal sealed record GroupRecord
{
    /// <summary>The id (null when AAP gave none).</summary>
    public int? Id { get; set; }

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";
}
