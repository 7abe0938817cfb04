namespace AapPacker.Simulator.Jobs;

/// <summary>The resolved settings a job runs with (template values overlaid with accepted prompts).</summary>
internal sealed record JobLaunchParams
{
    public int? InventoryId { get; init; }
    public IReadOnlyList<int> CredentialIds { get; init; } = [];
    /// <summary>Merged extra vars as a JSON string.</summary>
    public string ExtraVars { get; init; } = "{}";
    public string JobType { get; init; } = "run";
    public string Limit { get; init; } = "";
    public int Verbosity { get; init; }
    public int Forks { get; init; }
    public int Timeout { get; init; }
    public bool DiffMode { get; init; }
    public string JobTags { get; init; } = "";
    public string SkipTags { get; init; } = "";
    public string ScmBranch { get; init; } = "";
    public int JobSliceCount { get; init; } = 1;
    public int LaunchedByUserId { get; init; }
}
