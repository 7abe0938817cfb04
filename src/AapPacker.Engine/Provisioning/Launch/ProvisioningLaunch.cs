using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The launch fields of a <see cref="ProvisioningRequest"/> as given: execution environment, labels and instance groups
/// by name or id (<see cref="ResolveAsync"/> turns them into ids, as <see cref="TemplateLauncher"/> does). Null = not given.
/// </summary>
internal sealed class ProvisioningLaunch
{
    /// <summary>Extra variables: hashtable, JSON or YAML text.</summary>
    public object? ExtraVars { get; set; }

    /// <summary>Limit.</summary>
    public string? Limit { get; set; }

    /// <summary>Job tags (comma-separated).</summary>
    public string? JobTags { get; set; }

    /// <summary>Skip tags (comma-separated).</summary>
    public string? SkipTags { get; set; }

    /// <summary>Verbosity 0-5.</summary>
    public int? Verbosity { get; set; }

    /// <summary>Diff mode.</summary>
    public bool? DiffMode { get; set; }

    /// <summary>run or check.</summary>
    public string? JobType { get; set; }

    /// <summary>Execution environment name or id.</summary>
    public string? ExecutionEnvironment { get; set; }

    /// <summary>Label names or ids.</summary>
    public IList<string> Labels { get; set; } = new List<string>();

    /// <summary>Forks.</summary>
    public int? Forks { get; set; }

    /// <summary>Instance group names or ids.</summary>
    public IList<string> InstanceGroups { get; set; } = new List<string>();

    /// <summary>Source control branch.</summary>
    public string? ScmBranch { get; set; }

    /// <summary>Job slices.</summary>
    public int? JobSliceCount { get; set; }

    /// <summary>AAP's own job timeout in seconds.</summary>
    public int? JobTimeout { get; set; }

    /// <summary>The launch request with the names resolved to ids (inventory, credentials and extra variables are the caller's).</summary>
    public async Task<LaunchRequest> ResolveAsync(IAapApi api, CancellationToken cancellationToken)
    {
        var launch = new LaunchRequest
        {
            Limit = Limit,
            JobTags = JobTags,
            SkipTags = SkipTags,
            Verbosity = Verbosity,
            DiffMode = DiffMode,
            JobType = JobType,
            Forks = Forks,
            ScmBranch = ScmBranch,
            JobSliceCount = JobSliceCount,
            Timeout = JobTimeout,
        };
        await LaunchNames.ResolveAsync(new NamedObjectResolver(api), launch, ExecutionEnvironment, Labels, InstanceGroups, cancellationToken).ConfigureAwait(false);
        return launch;
    }
}
