namespace AapPacker.Simulator.Store;

/// <summary>An inventory group; its hosts are associated by id (a host may be in several groups).</summary>
internal sealed class Group
{
    public int Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int InventoryId { get; init; }
    public string Variables { get; set; } = "";
    public SortedSet<int> HostIds { get; } = [];
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Modified { get; set; }
    public bool IsSeed { get; init; }
}
