namespace AapPacker.Simulator.Store;

/// <summary>A controller organization.</summary>
internal sealed class Organization
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public DateTimeOffset Created { get; init; }
}

/// <summary>
/// A project: its name, the playbooks it holds (those of the seeded templates) and whether templates may override its
/// branch (<c>allow_override</c>; on when a seeded template prompts for <c>scm_branch</c>).
/// </summary>
internal sealed class Project
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public int OrganizationId { get; init; }
    public DateTimeOffset Created { get; init; }
    public ISet<string> Playbooks { get; } = new HashSet<string>(StringComparer.Ordinal);
    public bool AllowOverride { get; set; }
}
