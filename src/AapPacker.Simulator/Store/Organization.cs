namespace AapPacker.Simulator.Store;

/// <summary>A controller organization.</summary>
internal sealed class Organization
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public DateTimeOffset Created { get; init; }
}

/// <summary>A project: only its name and playbooks matter here.</summary>
internal sealed class Project
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public int OrganizationId { get; init; }
    public DateTimeOffset Created { get; init; }
}
