namespace AapPacker.Simulator.Store;

/// <summary>An inventory. Deletion is asynchronous: pending first, gone later.</summary>
internal sealed class Inventory
{
    public int Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int OrganizationId { get; set; }
    public string Variables { get; set; } = "";
    public string Kind { get; init; } = "";
    /// <summary>A smart inventory's filter; null until set (AWX's model default).</summary>
    public string? HostFilter { get; set; }
    public bool PreventInstanceGroupFallback { get; set; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Modified { get; set; }
    public bool IsSeed { get; init; }
    /// <summary>When DELETE was accepted (202); the inventory disappears a few simulated seconds later.</summary>
    public DateTimeOffset? DeletionRequested { get; set; }
    public bool PendingDeletion => DeletionRequested is not null;
}

/// <summary>A host in one inventory.</summary>
internal sealed class Host
{
    public int Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int InventoryId { get; set; }
    public bool Enabled { get; set; } = true;
    public string InstanceId { get; set; } = "";
    public string Variables { get; set; } = "";
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Modified { get; set; }
    public bool IsSeed { get; init; }
}
