using System.Collections.Generic;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// What the user asks a launch to set. Null = not given (the template's value applies). Ids only: names are
/// resolved before (see <see cref="NamedObjectResolver"/>).
/// </summary>
internal sealed class LaunchRequest
{
    /// <summary>Inventory id.</summary>
    public int? Inventory { get; set; }

    /// <summary>The credentials the user passes (besides the temporary Machine credential), with their types.</summary>
    public IList<LaunchCredential> Credentials { get; set; } = new List<LaunchCredential>();

    /// <summary>Extra variables.</summary>
    public ExtraVars? ExtraVars { get; set; }

    /// <summary>Host pattern limit.</summary>
    public string? Limit { get; set; }

    /// <summary>Tags to run (comma-separated).</summary>
    public string? JobTags { get; set; }

    /// <summary>Tags to skip (comma-separated).</summary>
    public string? SkipTags { get; set; }

    /// <summary>0–5.</summary>
    public int? Verbosity { get; set; }

    /// <summary>Show changes.</summary>
    public bool? DiffMode { get; set; }

    /// <summary><c>run</c> or <c>check</c>.</summary>
    public string? JobType { get; set; }

    /// <summary>Execution environment id.</summary>
    public int? ExecutionEnvironment { get; set; }

    /// <summary>Label ids.</summary>
    public IList<int>? Labels { get; set; }

    /// <summary>Forks.</summary>
    public int? Forks { get; set; }

    /// <summary>Instance group ids.</summary>
    public IList<int>? InstanceGroups { get; set; }

    /// <summary>Source control branch.</summary>
    public string? ScmBranch { get; set; }

    /// <summary>Job slice count.</summary>
    public int? JobSliceCount { get; set; }

    /// <summary>Job timeout in seconds (AAP's own timeout; 0 = none).</summary>
    public int? Timeout { get; set; }
}
